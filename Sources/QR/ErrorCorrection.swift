/// How much of a QR code can be damaged or hidden and still be read.
///
/// Higher levels spend more of the symbol on Reed–Solomon error correction, so
/// the same text needs a larger (denser) symbol. The raw value is the letter
/// used by the QR specification and by tools such as `qrencode -l`.
public enum ErrorCorrection: String, CaseIterable, Sendable {
  /// Level L: about 7 % of the codewords can be restored.
  case low = "L"
  /// Level M: about 15 % of the codewords can be restored. The usual choice.
  case medium = "M"
  /// Level Q: about 25 % of the codewords can be restored.
  case quartile = "Q"
  /// Level H: about 30 % of the codewords can be restored.
  case high = "H"

  /// Creates a level from its letter, `L`, `M`, `Q` or `H`, in either case.
  ///
  /// - Parameter letter: One letter; surrounding white space is not accepted.
  /// - Returns: `nil` when `letter` is not one of the four letters.
  public init?(letter: String) {
    self.init(rawValue: letter.uppercased())
  }

  /// The most bytes of text a QR code (version 40, 8-bit mode) holds at this level.
  ///
  /// These are the 8-bit-mode capacities of version 40 in ISO/IEC 18004, table 7:
  /// 2953, 2331, 1663 and 1273 bytes for L, M, Q and H.
  public var maximumBytes: Int {
    switch self {
    case .low: 2953
    case .medium: 2331
    case .quartile: 1663
    case .high: 1273
    }
  }
}
