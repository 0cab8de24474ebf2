/// Why a text is not a usable `otpauth://` URI.
public enum KeyURIError: Error, Equatable, Sendable {
  /// Not an `otpauth://` URI; carries the scheme found, if any.
  case notOTPAuth(scheme: String?)
  /// A type other than `totp` or `hotp`.
  case unknownType(String)
  /// No account name after the type.
  case missingLabel
  /// No `secret` parameter.
  case missingSecret
  /// A `secret` that is not valid base32.
  case invalidSecret(SecretError)
  /// An HOTP URI without `counter`.
  case missingCounter
  /// A `counter` that is not a whole number from 0 to 2^64 − 1.
  case invalidCounter(String)
  /// `digits` outside 6...10.
  case invalidDigits(String)
  /// `period` not a whole number of seconds from 1 to 86400.
  case invalidPeriod(String)
  /// `algorithm` other than SHA1, SHA256 or SHA512.
  case invalidAlgorithm(String)
  /// A parameter given twice.
  case duplicateParameter(String)
  /// An `issuer` parameter with a colon, which would make the label ambiguous.
  case colonInIssuer(String)
  /// The issuer before the colon in the label differs from the `issuer` parameter.
  case issuerMismatch(label: String, parameter: String)
  /// A `%` escape that is not two hex digits, or escapes that are not UTF-8.
  case badPercentEncoding(String)
  /// The text, or the URI written back in canonical form, is longer than ``KeyURI/maximumLength`` bytes.
  case tooLong(Int)
  /// The account or issuer (`field`) holds a control character, a bidirectional override or an
  /// invisible character (`scalar`): one that a terminal would obey, or that disguises the name
  /// an app shows.
  case invisibleCharacter(field: String, scalar: UInt32)
}

extension KeyURIError: CustomStringConvertible {
  /// The problem and what to do instead, in one line.
  public var description: String {
    let shape = "otpauth://totp/Issuer:account?secret=BASE32&issuer=Issuer"
    return switch self {
    case .notOTPAuth(nil):
      "this is not an otpauth:// URI; a key URI looks like \(shape)"
    case .notOTPAuth(let scheme?):
      "'\(scheme.printable):' is not an otpauth:// URI; a key URI looks like \(shape)"
    case .unknownType(let type):
      "'\(type.printable)' is not an OTP type; write otpauth://totp/… or otpauth://hotp/…"
    case .missingLabel:
      "the URI has no account name; put one after the type, as in otpauth://totp/Issuer:alice?…"
    case .missingSecret:
      "the URI has no secret; add secret=BASE32 to its parameters"
    case .invalidSecret(let error):
      "the URI's secret is not valid: \(error)"
    case .missingCounter:
      "an hotp URI needs a counter; add counter=0 (or the app's next counter)"
    case .invalidCounter(let text):
      "counter='\(text.printable)' is not a whole number from 0 to 18446744073709551615"
    case .invalidDigits(let text):
      "digits='\(text.printable)' is not supported; use 6 to 10 (6 or 8 for most apps)"
    case .invalidPeriod(let text):
      "period='\(text.printable)' is not valid; use whole seconds from 1 to 86400 (30 is the default)"
    case .invalidAlgorithm(let text):
      "algorithm='\(text.printable)' is not supported; use SHA1, SHA256 or SHA512"
    case .duplicateParameter(let name):
      "the parameter '\(name.printable)' appears twice; keep one"
    case .colonInIssuer(let issuer):
      "issuer='\(issuer.printable)' contains ':', which the format forbids (it separates issuer and account); drop it"
    case .issuerMismatch(let label, let parameter):
      "the label says issuer '\(label.printable)' but issuer='\(parameter.printable)'; make them the same"
    case .badPercentEncoding(let text):
      "'\(text.printable)' has a broken %-escape; write % followed by two hex digits of UTF-8"
    case .invisibleCharacter(let field, let scalar):
      "the \(field) holds U+\(String(scalar, radix: 16, uppercase: true).leftPadded(to: 4)), a control or invisible"
        + " character that could disguise the name or command a terminal; refusing this URI"
    case .tooLong(let count):
      "the URI is \(count) bytes long; key URIs are far shorter (at most \(KeyURI.maximumLength))"
    }
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: Swift.max(0, width - count)) + self
  }
}
