/// HMAC-based one-time passwords, RFC 4226.
///
/// An `HOTP` generator is keyed once and then makes the code for any counter value:
///
/// ```swift
/// let hotp = try HOTP(secret: Secret(text: "12345678901234567890"))
/// hotp.code(for: 0)   // "755224" (RFC 4226 Appendix D)
/// hotp.code(for: 9)   // "520489"
/// ```
///
/// The generator is a value: copy it freely, share it across tasks.
public struct HOTP: Sendable {
  /// The hash function of the HMAC.
  public let algorithm: HashAlgorithm
  /// The number of decimal digits in a code, 6 to 10.
  public let digits: Int

  /// The digit counts RFC 4226 allows.
  public static let supportedDigits = 6...10

  let keyed: KeyedMAC
  let modulus: UInt64

  /// Creates a generator for a secret.
  ///
  /// - Parameters:
  ///   - secret: The shared secret.
  ///   - algorithm: The HMAC hash function; SHA-1 as in RFC 4226.
  ///   - digits: Digits per code, from 6 to 10.
  /// - Throws: ``OTPError/unsupportedDigits(_:)`` for other digit counts.
  public init(secret: Secret, algorithm: HashAlgorithm = .sha1, digits: Int = 6) throws(OTPError) {
    guard Self.supportedDigits.contains(digits) else { throw .unsupportedDigits(digits) }
    self.init(checkedSecret: secret, algorithm: algorithm, digits: digits)
  }

  /// A generator whose digits are already known to be supported.
  init(checkedSecret secret: Secret, algorithm: HashAlgorithm, digits: Int) {
    self.algorithm = algorithm
    self.digits = digits
    self.keyed = KeyedMAC(secret: secret, algorithm: algorithm)
    self.modulus = DynamicTruncation.modulus(digits: digits)
  }

  /// The code for a counter value, zero-padded to ``digits`` digits.
  public func code(for counter: UInt64) -> String {
    DynamicTruncation.zeroPadded(value(for: counter), digits: digits)
  }

  /// The code for a counter value as a number (leading zeros are not kept).
  public func value(for counter: UInt64) -> UInt64 {
    keyed.withMAC(counter: counter) { mac in
      UInt64(DynamicTruncation.binaryCode(of: mac)) % modulus
    }
  }

  /// Every intermediate value of the code for a counter, to follow RFC 4226 §5.4 by hand.
  public func trace(for counter: UInt64) -> CodeTrace {
    keyed.withMAC(counter: counter) { mac in
      CodeTrace(counter: counter, mac: mac, algorithm: algorithm, digits: digits)
    }
  }
}
