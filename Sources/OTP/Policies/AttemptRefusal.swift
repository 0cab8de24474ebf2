/// Why a login attempt was refused, for the reasons ``TOTPVerifier`` and ``HOTPVerifier``
/// share: the throttles, the code's form, scratch codes, and a code that matches nothing.
///
/// Each verifier's own refusal wraps it (``TOTPVerifier/Refusal/attempt(_:)``,
/// ``HOTPVerifier/Refusal/attempt(_:)``), beside the reasons only that kind of code has.
///
/// ```swift
/// if case .rejected(.attempt(.rateLimited(let retryAfter))) = server.verify(code, at: now) {
///   print("try again in", retryAfter)
/// }
/// ```
public enum AttemptRefusal: Error, Hashable, Sendable {
  /// Too many failed attempts in a row; nothing is accepted until the server unlocks the
  /// account (``TOTPVerifier/unlock()``, ``HOTPVerifier/unlock()``).
  case lockedOut
  /// Too many attempts; try again after the duration.
  case rateLimited(retryAfter: Duration)
  /// Not a well-formed code.
  case malformed(CodeRejection)
  /// An 8-digit code that is not one of the unused scratch codes (each works once).
  case unknownScratchCode
  /// The code matches no step or counter the verifier tries.
  case wrongCode
}

extension AttemptRefusal: CustomStringConvertible {
  /// The refusal in one line, such as `rate-limited, retry in 28 s`.
  public var description: String {
    switch self {
    case .lockedOut:
      "locked out after too many failed attempts in a row (RFC 4226 §7.3)"
    case .rateLimited(let retryAfter):
      "rate-limited, retry in \(retryAfter.flooredSeconds) s"
    case .malformed(let rejection):
      rejection.description
    case .unknownScratchCode:
      "not a scratch code this account holds: each works once, and this one is used or wrong"
    case .wrongCode:
      "wrong code"
    }
  }
}
