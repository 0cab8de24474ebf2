/// The shared secret of an authenticator: the HMAC key both the server and the app hold.
///
/// A `Secret` keeps its bytes to itself. It compares in constant time, and its
/// `description` gives only its size, so that a secret printed by mistake in a log
/// or an error message reveals nothing. Ask for ``base32`` or ``withUnsafeBytes(_:)``
/// when you mean to show or use the bytes.
///
/// ```swift
/// let secret = try Secret(base32: "JBSWY3DPEHPK3PXP")
/// secret.bitCount            // 80
/// secret.strength            // .weak: RFC 4226 §4 asks for at least 128 bits
/// "\(secret)"                // "Secret(80 bits)"
/// ```
public struct Secret: Sendable {
  let bytes: [UInt8]

  /// Creates a secret from raw key bytes.
  ///
  /// - Parameter bytes: The key. Must not be empty.
  /// - Throws: ``SecretError/empty`` when there are no bytes.
  public init(bytes: some Sequence<UInt8>) throws(SecretError) {
    let bytes = Array(bytes)
    guard !bytes.isEmpty else { throw .empty }
    self.bytes = bytes
  }

  /// Creates a secret from its base32 form, as authenticator apps and Key URIs carry it.
  ///
  /// - Parameter base32: Base32 text; case, spaces, hyphens and correct padding are forgiven.
  /// - Throws: ``SecretError/invalidBase32(_:)`` with the character and position at fault,
  ///   or ``SecretError/empty``.
  public init(base32: String) throws(SecretError) {
    let bytes: [UInt8]
    do {
      bytes = try Base32.decode(base32)
    } catch {
      throw .invalidBase32(error)
    }
    try self.init(bytes: bytes)
  }

  /// Creates a secret from hexadecimal text, as oathtool takes it.
  ///
  /// - Parameter hex: Pairs of hex digits, either case; spaces and colons between pairs are ignored.
  /// - Throws: ``SecretError/invalidHex(_:position:)`` or ``SecretError/oddHexLength(_:)``.
  public init(hex: String) throws(SecretError) {
    var bytes: [UInt8] = []
    var pending: UInt8?
    var digits = 0
    for (index, character) in hex.enumerated() {
      if character == " " || character == ":" { continue }
      guard let value = character.hexDigitValue, character.isASCII else {
        throw .invalidHex(character, position: index + 1)
      }
      digits += 1
      if let high = pending {
        bytes.append(high << 4 | UInt8(value))
        pending = nil
      } else {
        pending = UInt8(value)
      }
    }
    guard pending == nil else { throw .oddHexLength(digits) }
    try self.init(bytes: bytes)
  }

  /// Creates a secret whose bytes are the UTF-8 encoding of some text.
  ///
  /// The seeds in RFC 4226 and RFC 6238 are given this way, as ASCII text such as
  /// `12345678901234567890`.
  ///
  /// - Parameter text: The text whose bytes are the key.
  /// - Throws: ``SecretError/empty`` for empty text.
  public init(text: String) throws(SecretError) {
    try self.init(bytes: Array(text.utf8))
  }

  /// The number of bytes in the key.
  public var byteCount: Int { bytes.count }

  /// The size of the key in bits.
  public var bitCount: Int { bytes.count * 8 }

  /// The key as unpadded upper-case base32, the form to type into an app or put in a Key URI.
  public var base32: String { Base32.encode(bytes) }

  /// The key as lower-case hexadecimal, the form oathtool takes.
  public var hex: String {
    let digits = Array("0123456789abcdef".utf8)
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      output.append(digits[Int(byte >> 4)])
      output.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// Calls a closure with the key bytes.
  public func withUnsafeBytes<Result>(
    _ body: (UnsafeRawBufferPointer) throws -> Result
  ) rethrows -> Result {
    try bytes.withUnsafeBytes(body)
  }
}

extension Secret: Equatable {
  /// Compares two secrets in time that depends only on their lengths, never on where they differ.
  public static func == (lhs: Secret, rhs: Secret) -> Bool {
    guard lhs.bytes.count == rhs.bytes.count else { return false }
    var difference: UInt8 = 0
    for index in lhs.bytes.indices {
      difference |= lhs.bytes[index] ^ rhs.bytes[index]
    }
    return difference == 0
  }
}

extension Secret: CustomStringConvertible, CustomDebugStringConvertible {
  /// The size of the secret, never its bytes.
  public var description: String { "Secret(\(bitCount) bits)" }
  /// The size of the secret, never its bytes.
  public var debugDescription: String { description }
}
