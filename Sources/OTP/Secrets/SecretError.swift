/// Why a secret could not be made.
public enum SecretError: Error, Equatable, Sendable {
  /// The key has no bytes.
  case empty
  /// The base32 form is not valid base32.
  case invalidBase32(Base32Error)
  /// A character that is not a hex digit.
  case invalidHex(Character, position: Int)
  /// An odd number of hex digits: the last byte is incomplete.
  case oddHexLength(Int)
  /// A size that is not a whole number of bytes between 8 and 4096 bits.
  case unsupportedSize(bits: Int)
}

extension SecretError: CustomStringConvertible {
  /// The problem and what to do instead, in one line.
  public var description: String {
    switch self {
    case .empty:
      "the secret is empty; give at least one byte (160 bits is recommended)"
    case .invalidBase32(let error):
      error.description
    case .invalidHex(let character, let position):
      "'\(character.printable)' at position \(position) is not a hex digit; use 0–9 and a–f"
    case .oddHexLength(let digits):
      "\(digits) hex digits do not make whole bytes; hex needs two digits per byte"
    case .unsupportedSize(let bits):
      "\(bits) bits is not a size for a new secret; use a multiple of 8 from"
        + " \(Secret.randomBitCounts.lowerBound) to \(Secret.randomBitCounts.upperBound) (160 recommended)"
    }
  }
}
