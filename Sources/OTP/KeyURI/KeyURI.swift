/// An account as an authenticator app receives it: the `otpauth://` Key URI format
/// that QR codes carry (Google Authenticator's "Key Uri Format").
///
/// ```swift
/// let uri = try KeyURI(secret: secret, account: "Muhammad", issuer: "CodingFleet.com")
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
    /// TOTP, with its period: whole seconds, 1...``KeyURI/maximumPeriod``.
    case totp(period: Duration)
    /// HOTP, with the counter the app starts from.
    case hotp(counter: UInt64)

    /// `totp` or `hotp`, as the URI spells it.
    public var name: String {
      switch self {
      case .totp: "totp"
      case .hotp: "hotp"
      }
    }

    /// TOTP with the default period of 30 seconds.
    public static let totp = Kind.totp(period: .seconds(30))
  }

  /// TOTP or HOTP; a TOTP period is whole seconds up to ``maximumPeriod``, checked when the URI
  /// is made.
  public private(set) var kind: Kind
  /// The shared secret.
  public var secret: Secret
  /// The account name, such as an e-mail address.
  public var account: String
  /// The service the account belongs to, or `nil`.
  public var issuer: String?
  /// The HMAC hash function.
  public var algorithm: HashAlgorithm
  /// Digits per code, in ``HOTP/supportedDigits``; checked when the URI is made.
  public private(set) var digits: Int

  /// Creates a URI's contents.
  ///
  /// The digits and period are checked here, once, so that ``totp()`` and ``hotp()`` always
  /// make a generator, as for a parsed URI.
  ///
  /// - Parameters:
  ///   - kind: TOTP with its period (whole seconds up to ``maximumPeriod``), or HOTP with its
  ///     counter.
  ///   - secret: The shared secret.
  ///   - account: The account name.
  ///   - issuer: The service, or `nil`.
  ///   - algorithm: The HMAC hash function.
  ///   - digits: Digits per code, in ``HOTP/supportedDigits``.
  /// - Throws: ``OTPError/unsupportedDigits(_:)`` or ``OTPError/invalidPeriod(_:)``.
  public init(
    kind: Kind = .totp,
    secret: Secret,
    account: String,
    issuer: String? = nil,
    algorithm: HashAlgorithm = .sha1,
    digits: Int = 6
  ) throws(OTPError) {
    guard HOTP.supportedDigits.contains(digits) else { throw .unsupportedDigits(digits) }
    if case .totp(let period) = kind, Self.periodSeconds(period) == nil { throw .invalidPeriod(period) }
    self.init(checkedKind: kind, secret: secret, account: account, issuer: issuer, algorithm: algorithm, digits: digits)
  }

  init(checkedKind kind: Kind, secret: Secret, account: String, issuer: String?, algorithm: HashAlgorithm, digits: Int) {
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
    if case .totp(let period) = kind, includingDefaults || period != .seconds(30) {
      query.append(("period", String(period.components.seconds)))
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

  /// A TOTP generator for this account (an HOTP URI's generator with a 30-second period).
  public func totp() -> TOTP {
    let period = if case .totp(let period) = kind { period } else { Duration.seconds(30) }
    // The digits and the period were checked when the URI was made.
    return TOTP(checkedSecret: secret, algorithm: algorithm, digits: digits, periodSeconds: Int(period.components.seconds))
  }

  /// An HOTP generator for this account.
  public func hotp() -> HOTP {
    HOTP(checkedSecret: secret, algorithm: algorithm, digits: digits)
  }

  /// The same account as an HOTP URI whose app starts from `counter`, or the same URI for TOTP.
  ///
  /// - Parameter counter: The counter the app starts from.
  /// - Returns: The URI with its counter replaced.
  public func resettingCounter(to counter: UInt64) -> KeyURI {
    var copy = self
    if case .hotp = kind { copy.kind = .hotp(counter: counter) }
    return copy
  }

  /// The same account with the parameters apps that ignore them use: SHA-1, 6 digits and,
  /// for TOTP, 30 seconds.
  public var withDefaultParameters: KeyURI {
    var copy = self
    copy.algorithm = .sha1
    copy.digits = 6
    if case .totp = kind { copy.kind = .totp }
    return copy
  }
}

extension KeyURI: CustomStringConvertible {
  /// A summary that leaves the secret out.
  public var description: String {
    var text = "\(kind.name.uppercased()) \(label) (\(algorithm), \(digits) digits"
    switch kind {
    case .totp(let period): text += ", \(period.secondsText)"
    case .hotp(let counter): text += ", counter \(counter)"
    }
    return text + ")"
  }
}
