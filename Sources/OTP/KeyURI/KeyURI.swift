/// An account as an authenticator app receives it: the `otpauth://` Key URI format
/// that QR codes carry (Google Authenticator's "Key Uri Format").
///
/// ```swift
/// let uri = KeyURI(secret: secret, account: "Muhammad", issuer: "CodingFleet.com")
/// uri.string
/// // otpauth://totp/CodingFleet.com:Muhammad?secret=…&issuer=CodingFleet.com
///
/// let parsed = try KeyURI.parse("otpauth://totp/ACME%20Co:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME+Co")
/// parsed.uri.issuer     // "ACME Co"
/// parsed.warnings       // [.plusAsSpace(parameter: "issuer")]
/// ```
///
/// ``string`` is the same string pyotp's `provisioning_uri` builds for the same account,
/// so the two can be compared byte for byte.
public struct KeyURI: Equatable, Sendable {
  /// Time-based or counter-based, with the parameter that only that kind has.
  public enum Kind: Hashable, Sendable {
    /// TOTP, with its period in seconds.
    case totp(period: Int)
    /// HOTP, with the counter the app starts from.
    case hotp(counter: UInt64)

    /// `totp` or `hotp`, as the URI spells it.
    public var name: String {
      switch self {
      case .totp: "totp"
      case .hotp: "hotp"
      }
    }
  }

  /// TOTP or HOTP.
  public var kind: Kind
  /// The shared secret.
  public var secret: Secret
  /// The account name, such as an e-mail address.
  public var account: String
  /// The service the account belongs to, or `nil`.
  public var issuer: String?
  /// The HMAC hash function.
  public var algorithm: HashAlgorithm
  /// Digits per code.
  public var digits: Int

  /// Creates a URI's contents.
  public init(
    kind: Kind = .totp(period: 30),
    secret: Secret,
    account: String,
    issuer: String? = nil,
    algorithm: HashAlgorithm = .sha1,
    digits: Int = 6
  ) {
    self.kind = kind
    self.secret = secret
    self.account = account
    self.issuer = issuer
    self.algorithm = algorithm
    self.digits = digits
  }

  /// The URI with default parameters (SHA1, 6 digits, 30 seconds) left out, as pyotp writes it.
  public var string: String { string(includingDefaults: false) }

  /// The URI text.
  ///
  /// - Parameter includingDefaults: Whether to write `algorithm`, `digits` and `period`
  ///   even when they have their default values; some apps read them more reliably.
  public func string(includingDefaults: Bool) -> String {
    var label = PercentEncoding.encode(account, keeping: PercentEncoding.labelSafe)
    var query = [("secret", secret.base32)]
    if let issuer {
      label = PercentEncoding.encode(issuer, keeping: PercentEncoding.labelSafe) + ":" + label
      query.append(("issuer", issuer))
    }
    if case .hotp(let counter) = kind { query.append(("counter", String(counter))) }
    if includingDefaults || algorithm != .sha1 { query.append(("algorithm", algorithm.rawValue)) }
    if includingDefaults || digits != 6 { query.append(("digits", String(digits))) }
    if case .totp(let period) = kind, includingDefaults || period != 30 {
      query.append(("period", String(period)))
    }
    let encoded = query.map { name, value in
      name + "=" + PercentEncoding.encode(value, keeping: PercentEncoding.querySafe)
    }
    return "otpauth://\(kind.name)/\(label)?" + encoded.joined(separator: "&")
  }

  /// The label as apps show it: `Issuer:account`, or the account alone.
  public var label: String {
    issuer.map { "\($0):\(account)" } ?? account
  }

  /// A TOTP generator for this account.
  ///
  /// - Throws: ``OTPError`` when the digits or period are out of range (a parsed URI never is).
  public func totp() throws(OTPError) -> TOTP {
    let period = if case .totp(let period) = kind { period } else { 30 }
    return try TOTP(secret: secret, algorithm: algorithm, digits: digits, period: period)
  }

  /// An HOTP generator for this account.
  ///
  /// - Throws: ``OTPError`` when the digits are out of range.
  public func hotp() throws(OTPError) -> HOTP {
    try HOTP(secret: secret, algorithm: algorithm, digits: digits)
  }
}

extension KeyURI: CustomStringConvertible {
  /// A summary that leaves the secret out.
  public var description: String {
    var text = "\(kind.name.uppercased()) \(label) (\(algorithm), \(digits) digits"
    switch kind {
    case .totp(let period): text += ", \(period) s"
    case .hotp(let counter): text += ", counter \(counter)"
    }
    return text + ")"
  }
}
