/// Something a URI did that the Key URI format does not, accepted anyway.
public enum KeyURIWarning: Hashable, Sendable {
  /// The colon between issuer and account was written `%3A`.
  case encodedColon
  /// A `+` in a parameter was read as a space; `%20` is the unambiguous spelling.
  case plusAsSpace(parameter: String)
  /// The secret had `=` padding, which the format says to leave out.
  case paddedSecret
  /// The secret was in lower case; the format uses upper case.
  case lowercaseSecret
  /// The secret is shorter than RFC 4226's 128-bit minimum.
  case weakSecret(bits: Int)
  /// The algorithm was not written as the format spells it: in lower case (`sha256`) or with a
  /// hyphen (`SHA-256`).
  case algorithmCase(String)
  /// The scheme was not in lower case.
  case schemeCase(String)
  /// The type was not in lower case.
  case typeCase(String)
  /// A parameter this library does not know, ignored.
  case unknownParameter(String)
  /// A parameter that does not apply to the type, ignored.
  case ignoredParameter(String, type: String)
  /// The issuer was only in the label; the format recommends the `issuer` parameter too.
  case issuerOnlyInLabel
  /// A space that was not percent-encoded, which is not valid in a URI.
  case rawSpace
  /// The account name contains a colon, which the format forbids.
  case colonInAccount
}

extension KeyURIWarning: CustomStringConvertible {
  /// The problem and what to do instead, in one line.
  public var description: String {
    switch self {
    case .encodedColon:
      "the label's colon was written %3A; accepted, but write ':' between issuer and account"
    case .plusAsSpace(let parameter):
      "'+' in \(parameter.printable) was read as a space; %20 is the unambiguous way to write one"
    case .paddedSecret:
      "the secret has '=' padding; accepted, but the format says to leave it out"
    case .lowercaseSecret:
      "the secret is in lower case; accepted, but some apps want upper case"
    case .weakSecret(let bits):
      "the secret is only \(bits) bits; RFC 4226 §4 requires at least 128 and recommends 160"
    case .algorithmCase(let name):
      name.uppercased() == HashAlgorithm(name: name)?.rawValue
        ? "algorithm='\(name.printable)' read as \(name.uppercased()); write it in upper case"
        : "algorithm='\(name.printable)' read as \(HashAlgorithm(name: name)?.rawValue ?? name); write it as SHA1, SHA256 or SHA512"
    case .schemeCase(let scheme):
      "the scheme '\(scheme.printable)' read as otpauth; write it in lower case"
    case .typeCase(let type):
      "the type '\(type.printable)' read as \(type.lowercased()); write it in lower case"
    case .unknownParameter(let name):
      "the parameter '\(name.printable)' is not part of the format and was ignored"
    case .ignoredParameter(let name, let type):
      "'\(name)' does not apply to \(type) URIs and was ignored"
    case .issuerOnlyInLabel:
      "the issuer is only in the label; add issuer= too, as the format recommends"
    case .colonInAccount:
      "the account name contains ':', which the format forbids; accepted, but apps may split it differently"
    case .rawSpace:
      "the URI contains a raw space; accepted, but a URI must write it %20"
    }
  }
}
