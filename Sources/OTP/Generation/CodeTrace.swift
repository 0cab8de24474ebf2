/// The working of one code, step by step, as RFC 4226 §5.3–5.4 describes it.
///
/// ```swift
/// let trace = try HOTP(secret: Secret(text: "12345678901234567890")).trace(for: 0)
/// trace.macHex          // "cc93cf18508d94934c64b65d8ba7667fb7cde4b0"
/// trace.offset          // 0
/// trace.binaryCode      // 1284755224
/// trace.code            // "755224"
/// ```
public struct CodeTrace: Equatable, Sendable {
  /// The moving factor: the HOTP counter, or the TOTP time step.
  public let counter: UInt64
  /// The HMAC message: the counter as 8 big-endian bytes.
  public let message: [UInt8]
  /// The hash function used.
  public let algorithm: HashAlgorithm
  /// The HMAC of the message under the secret (20, 32 or 64 bytes).
  public let mac: [UInt8]
  /// The low four bits of the MAC's last byte: where the four selected bytes start.
  public let offset: Int
  /// The four MAC bytes at ``offset``.
  public let selectedBytes: [UInt8]
  /// The selected bytes as a big-endian number with the top bit cleared (31 bits).
  public let binaryCode: UInt32
  /// 10^digits.
  public let modulus: UInt64
  /// The code's digit count.
  public let digits: Int
  /// ``binaryCode`` modulo ``modulus``, zero-padded to ``digits`` digits.
  public let code: String

  /// Traces the truncation of an HMAC value.
  ///
  /// - Parameters:
  ///   - counter: The counter or time step the MAC was computed over.
  ///   - mac: The HMAC bytes.
  ///   - algorithm: The hash function that produced them.
  ///   - digits: Digits in the code.
  init(counter: UInt64, mac: UnsafeRawBufferPointer, algorithm: HashAlgorithm, digits: Int) {
    self.counter = counter
    self.message = withUnsafeBytes(of: counter.bigEndian) { Array($0) }
    self.algorithm = algorithm
    self.mac = Array(mac)
    self.offset = DynamicTruncation.offset(of: mac)
    self.selectedBytes = Array(mac[offset..<offset + 4])
    self.binaryCode = DynamicTruncation.binaryCode(of: mac)
    self.modulus = DynamicTruncation.modulus(digits: digits)
    self.digits = digits
    self.code = DynamicTruncation.zeroPadded(UInt64(binaryCode) % modulus, digits: digits)
  }

  /// The MAC in lower-case hex.
  public var macHex: String { Self.hex(mac) }
  /// The message in lower-case hex.
  public var messageHex: String { Self.hex(message) }
  /// The selected bytes in lower-case hex.
  public var selectedHex: String { Self.hex(selectedBytes) }

  static func hex(_ bytes: [UInt8]) -> String {
    bytes.map { byte in
      let digits = String(byte, radix: 16)
      return digits.count == 1 ? "0" + digits : digits
    }.joined()
  }
}
