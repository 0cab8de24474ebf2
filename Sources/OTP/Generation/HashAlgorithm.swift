/// The hash function behind the HMAC of a one-time password.
///
/// RFC 4226 defines HOTP with HMAC-SHA-1; RFC 6238 §1.2 allows TOTP to use HMAC-SHA-256 or
/// HMAC-SHA-512 as well. The raw values are the spellings of the Key URI format's `algorithm`
/// parameter.
public enum HashAlgorithm: String, CaseIterable, Sendable, Hashable {
  /// HMAC-SHA-1, the default everywhere and the only algorithm some apps support.
  case sha1 = "SHA1"
  /// HMAC-SHA-256.
  case sha256 = "SHA256"
  /// HMAC-SHA-512.
  case sha512 = "SHA512"

  /// The number of bytes in one HMAC output: 20, 32 or 64.
  public var macByteCount: Int {
    switch self {
    case .sha1: 20
    case .sha256: 32
    case .sha512: 64
    }
  }

  /// Finds an algorithm by name, in any case and with or without a hyphen (`sha256`, `SHA-256`).
  public init?(name: String) {
    let folded = String(name.uppercased().filter { $0 != "-" })
    self.init(rawValue: folded)
  }
}

extension HashAlgorithm: CustomStringConvertible {
  /// The name as the Key URI format spells it: `SHA1`, `SHA256` or `SHA512`.
  public var description: String { rawValue }
}
