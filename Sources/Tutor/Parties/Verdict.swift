public import OTP

/// The login server's decision on one code, with the facts needed to explain it.
public struct Verdict: Equatable, Sendable {
  /// The engine's decision, for a TOTP or an HOTP account.
  public enum Decision: Equatable, Sendable {
    case totp(TOTPVerifier.Decision)
    case hotp(HOTPVerifier.Decision)
  }

  /// Why a code was refused, in the words a lesson's `expect: rejected <kind>` uses.
  public enum Refusal: String, CaseIterable, Sendable {
    /// No step in the window, nor any nearby, has this code.
    case wrongCode = "wrong-code"
    /// The code is from a step before the window.
    case expired
    /// The code is from a step after the window.
    case ahead
    /// The code's step (or HOTP counter) has already logged in.
    case replayed
    /// Too many attempts in the rate limit's span.
    case rateLimited = "rate-limited"
    /// Too many failed attempts in a row: the account is locked until the server unlocks it.
    case lockedOut = "locked-out"
    /// Not a code at all: the wrong length, or not digits.
    case malformed
    /// An 8-digit code that is not one of the account's unused scratch codes (spent, or wrong).
    case unknownScratchCode = "unknown-scratch-code"
    /// Outside the window, but counted towards learning the phone's clock skew.
    case learningSkew = "learning-skew"
    /// An HOTP code for a counter beyond the look-ahead.
    case beyondLookAhead = "beyond-look-ahead"
    /// The server's clock is before the account's T0.
    case tooEarly = "too-early"
    /// The server's clock is after the year 9999, the last the engine handles.
    case tooLate = "too-late"
  }

  /// The account the code was for.
  public let account: String
  /// What the engine decided.
  public let decision: Decision
  /// The TOTP window the check used.
  public let window: VerificationWindow
  /// The skew, in steps, the server had learned when it checked.
  public let skew: Int
  /// The HOTP look-ahead the check used.
  public let lookAhead: Int
  /// For an accepted TOTP code: whether its step had logged in before (replay prevention off).
  public let reusedStep: Bool
  /// For a TOTP code the server calls wrong: the nearby step it belongs to, which only the
  /// tutor looks for (a real server does not, so that a guesser learns nothing from a near
  /// miss). `nil` when it is no nearby step's code.
  public let nearMiss: TOTPMatch?

  /// Whether the code logged in.
  public var isAccepted: Bool {
    switch decision {
    case .totp(let decision): decision.isAccepted
    case .hotp(let decision): decision.isAccepted
    }
  }

  /// Why the code was refused, or `nil` if it was accepted.
  public var refusal: Refusal? {
    switch decision {
    case .totp(.accepted), .hotp(.accepted): nil
    case .totp(.rejected(let refusal)):
      switch refusal {
      case .attempt(.wrongCode): nearMiss.map { $0.offset < 0 ? .expired : .ahead } ?? .wrongCode
      case .attempt(let refusal): Self.kind(of: refusal)
      case .replayed: .replayed
      case .outsideWindow(let match): match.offset < 0 ? .expired : .ahead
      case .learningSkew: .learningSkew
      case .clockBeforeT0: .tooEarly
      case .clockAfterLatest: .tooLate
      }
    case .hotp(.rejected(let refusal)):
      switch refusal {
      case .attempt(let refusal): Self.kind(of: refusal)
      case .alreadyUsed: .replayed
      case .beyondLookAhead: .beyondLookAhead
      case .counterExhausted: .wrongCode
      }
    }
  }

  /// The lesson's word for a refusal both verifiers share.
  static func kind(of refusal: AttemptRefusal) -> Refusal {
    switch refusal {
    case .rateLimited: .rateLimited
    case .lockedOut: .lockedOut
    case .malformed: .malformed
    case .unknownScratchCode: .unknownScratchCode
    case .wrongCode: .wrongCode
    }
  }
}
