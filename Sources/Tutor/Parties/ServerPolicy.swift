public import OTP

/// What the simulated login server accepts, for every account it holds.
///
/// The defaults mirror the tutorial's `pyotp` verification: the current step only, no replay
/// prevention, no rate limit, no skew learning, and for HOTP the expected counter only.
public struct ServerPolicy: Equatable, Sendable {
  /// Steps accepted before and after the current one.
  public var window = VerificationWindow.exact
  /// Whether a code's step may log in only once (RFC 6238 §5.2).
  public var preventsReplay = false
  /// At most so many attempts per so many seconds, or `nil`.
  public var rateLimit: RateLimit?
  /// Whether codes outside the window teach the server the phone's clock skew.
  public var learnsSkew = false
  /// How many HOTP counters past the expected one are tried.
  public var lookAhead = LookAhead.none
  /// Failed attempts in a row that lock an account until the server unlocks it, or `nil`.
  public var lockOut: LockOut?

  public init() {}

  var totp: TOTPVerifier.Policy {
    TOTPVerifier.Policy(
      window: window, preventsReplay: preventsReplay, rateLimit: rateLimit, lockOut: lockOut, learnsSkew: learnsSkew)
  }

  var hotp: HOTPVerifier.Policy {
    HOTPVerifier.Policy(lookAhead: lookAhead, rateLimit: rateLimit, lockOut: lockOut)
  }
}
