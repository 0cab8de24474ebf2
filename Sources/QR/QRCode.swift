import CQREncode

/// A QR code symbol: a square of dark and light modules, made by libqrencode.
///
/// The text is encoded as its UTF-8 bytes in 8-bit (byte) mode, so it is kept exactly,
/// upper and lower case included, and the smallest version (1...40) that holds it at the
/// chosen error correction level is used. A QR code is a value: it holds no C memory.
public struct QRCode: Sendable, Equatable {
  /// The number of modules on each side: 21 for version 1, 4 more for each further version.
  public let size: Int
  /// The symbol's version, 1...40.
  public let version: Int
  /// The error correction level the symbol was encoded with.
  public let errorCorrection: ErrorCorrection
  /// Whether each module is dark, row by row from the top left.
  private let modules: [Bool]

  /// Encodes text with libqrencode.
  ///
  /// - Parameters:
  ///   - text: The text; its UTF-8 bytes are encoded in 8-bit mode, case-sensitively.
  ///   - errorCorrection: How much damage the symbol survives; `.medium` by default.
  /// - Throws: ``QRError/emptyText`` for an empty text, ``QRError/tooLong(bytes:errorCorrection:)``
  ///   when the text does not fit in version 40 at this level (see ``ErrorCorrection/maximumBytes``),
  ///   ``QRError/encodingFailed(_:)`` if libqrencode fails otherwise, and
  ///   ``QRError/libraryUnavailable(_:reason:)`` when libqrencode is not installed.
  public init(encoding text: String, errorCorrection: ErrorCorrection = .medium) throws(QRError) {
    let bytes = Array(text.utf8)
    guard !bytes.isEmpty else { throw .emptyText }
    guard bytes.count <= Int(Int32.max) else {
      throw .tooLong(bytes: bytes.count, errorCorrection: errorCorrection)
    }
    let qrencode = try LoadedLibrary.qrencode.get()
    var error: Int32 = 0
    let encoded = bytes.withUnsafeBufferPointer { buffer in
      cqr_encode_bytes(qrencode, buffer.baseAddress, Int32(buffer.count), errorCorrection.level, &error)
    }
    guard let encoded else {
      switch error {
      case cqr_error_range(): throw .tooLong(bytes: bytes.count, errorCorrection: errorCorrection)
      case cqr_error_memory(): throw .encodingFailed("out of memory")
      case cqr_error_invalid(): throw .encodingFailed("libqrencode rejected the input as invalid")
      default: throw .encodingFailed("libqrencode failed with error number \(error)")
      }
    }
    defer { qrencode.free!(encoded) }
    let width = Int(encoded.pointee.width)
    let data = UnsafeBufferPointer(start: encoded.pointee.data, count: width * width)
    // Bit 0 of each byte is the module's colour; the other bits say what part of the symbol it is.
    self.modules = data.map { $0 & 1 != 0 }
    self.size = width
    self.version = Int(encoded.pointee.version)
    self.errorCorrection = errorCorrection
  }

  /// Whether the module in column `x` and row `y` is dark.
  ///
  /// - Parameters:
  ///   - x: The column, 0 at the left.
  ///   - y: The row, 0 at the top.
  /// - Returns: Whether the module is dark; `false` (light) outside `0..<size`, so a
  ///   renderer can ask about the quiet zone around the symbol too.
  public func isDark(x: Int, y: Int) -> Bool {
    guard (0..<size).contains(x), (0..<size).contains(y) else { return false }
    return modules[y * size + x]
  }
}

extension ErrorCorrection {
  /// libqrencode's name for this level.
  var level: QRecLevel {
    switch self {
    case .low: QR_ECLEVEL_L
    case .medium: QR_ECLEVEL_M
    case .quartile: QR_ECLEVEL_Q
    case .high: QR_ECLEVEL_H
    }
  }
}
