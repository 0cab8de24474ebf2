/// A login server's check of TOTP codes for one user, with its policies and what it has learned.
///
/// The verifier is a pure state machine: each call to ``verify(_:at:)`` takes the server's
/// time and returns a ``Decision``, updating what the verifier remembers (used steps,
/// recent attempts, the learned clock skew, unused scratch codes). Nothing reads a clock.
///
/// The checks run in google-authenticator-libpam's order: the rate limit (every attempt
/// counts), scratch codes, the code's form, the window around the current step shifted by
/// any learned skew, replay, and finally a wide search that explains a miss and feeds skew
/// learning.
///
/// ```swift
/// var server = TOTPVerifier(totp: totp, policy: .init(window: .init(past: 1, future: 1),
///                                                     preventsReplay: true))
/// server.verify("287082", at: UnixTime(seconds: 59))   // .accepted(.code(step 1, offset 0))
/// server.verify("287082", at: UnixTime(seconds: 59))   // .rejected(.replayed(step: 1))
/// ```
public struct TOTPVerifier: Sendable {
  /// What the server accepts.
  public struct Policy: Hashable, Sendable {
    /// Steps accepted around the current one (after adding the learned skew).
    public var window: VerificationWindow
    /// Whether a step that has logged in once is refused afterwards.
    public var preventsReplay: Bool
    /// The attempt limit, or `nil` for none.
    public var rateLimit: RateLimit?
    /// Whether codes far outside the window teach the server the phone's clock skew.
    public var learnsSkew: Bool

    /// Creates a policy. The defaults mirror pyotp's `verify()`: the current step only,
    /// no replay prevention, no rate limit, no skew learning.
    public init(
      window: VerificationWindow = .exact,
      preventsReplay: Bool = false,
      rateLimit: RateLimit? = nil,
      learnsSkew: Bool = false
    ) {
      self.window = window
      self.preventsReplay = preventsReplay
      self.rateLimit = rateLimit
      self.learnsSkew = learnsSkew
    }
  }

  /// Why a code was accepted.
  public enum Acceptance: Hashable, Sendable {
    /// The code matched a step in the window.
    case code(TOTPMatch)
    /// The third agreeing code outside the window: the skew is now learned.
    case skewAdopted(TOTPMatch, skew: Int)
    /// An emergency scratch code, now used up.
    case scratchCode(remaining: Int)
  }

  /// Why a code was refused.
  public enum Refusal: Hashable, Sendable {
    /// Too many attempts; try again after the duration.
    case rateLimited(retryAfter: Duration)
    /// Not a well-formed code.
    case malformed(CodeRejection)
    /// An 8-digit code that is not one of the unused scratch codes (each works once).
    case unknownScratchCode
    /// The code's step has already been used to log in.
    case replayed(TOTPMatch)
    /// The code is real but outside the window; `offset` is its step minus the current step.
    case outsideWindow(TOTPMatch)
    /// The code was outside the window; skew learning has `count` of 3 observations.
    case learningSkew(TOTPMatch, count: Int)
    /// The code matches no step within ``SkewLearner/searchRange`` steps.
    case wrongCode
    /// The server's time is before T0.
    case clockBeforeT0
    /// The server's time is after the end of 9999, the last time the engine handles.
    case clockAfterLatest
  }

  /// A verdict.
  public enum Decision: Hashable, Sendable {
    case accepted(Acceptance)
    case rejected(Refusal)

    /// Whether the login succeeded.
    public var isAccepted: Bool {
      if case .accepted = self { true } else { false }
    }
  }

  /// The user's generator.
  public let totp: TOTP
  /// What the server accepts; change it at any time.
  public var policy: Policy
  /// The learned clock skew of the user's phone, in steps.
  public private(set) var skew = 0
  /// The steps already used (kept whether or not replay prevention is on).
  public private(set) var replayGuard = ReplayGuard()
  /// Skew observations so far.
  public private(set) var skewLearner = SkewLearner()
  /// Recent attempts, when a rate limit is set.
  public private(set) var rateLimiter: RateLimiter?
  /// The user's unused scratch codes.
  public var scratchCodes = ScratchCodes()

  /// Creates a verifier that has seen no logins.
  public init(totp: TOTP, policy: Policy = Policy()) {
    self.totp = totp
    self.policy = policy
  }

  /// Forgets the learned skew and any observations towards one.
  public mutating func resetSkew() {
    skew = 0
    skewLearner.reset()
  }

  /// Decides one login attempt at the server's time `time`.
  public mutating func verify(_ code: String, at time: UnixTime) -> Decision {
    let typed: TypedCode
    switch AttemptScreen.screen(
      code, digits: totp.digits, at: time, limit: policy.rateLimit, rateLimiter: &rateLimiter,
      scratchCodes: &scratchCodes)
    {
    case .rateLimited(let retryAfter): return .rejected(.rateLimited(retryAfter: retryAfter))
    case .scratchCodeUsed(let remaining): return .accepted(.scratchCode(remaining: remaining))
    case .unknownScratchCode: return .rejected(.unknownScratchCode)
    case .malformed(let rejection): return .rejected(.malformed(rejection))
    case .code(let code): typed = code
    }
    let current: UInt64
    do {
      current = try totp.step(at: time)
    } catch {
      if case .timeOutOfRange = error { return .rejected(.clockAfterLatest) }
      return .rejected(.clockBeforeT0)
    }

    let window = policy.window.offsets
    let shifted = (skew + window.lowerBound)...(skew + window.upperBound)
    if case .success(let match) = totp.match(typed, around: current, offsets: shifted) {
      return accept(match, around: current)
    }
    let search = -SkewLearner.searchRange...SkewLearner.searchRange
    guard case .success(let match) = totp.match(typed, around: current, offsets: search) else {
      return .rejected(.wrongCode)
    }
    guard policy.learnsSkew else { return .rejected(.outsideWindow(match)) }
    switch skewLearner.observe(step: current, skew: match.offset) {
    case .adopted(let learned):
      skew = learned
      if case .accepted = accept(match, around: current) {
        return .accepted(.skewAdopted(match, skew: learned))
      }
      return .rejected(.replayed(match))
    case .learning(let count):
      return .rejected(.learningSkew(match, count: count))
    case .repeated:
      return .rejected(.outsideWindow(match))
    }
  }

  private mutating func accept(_ match: TOTPMatch, around current: UInt64) -> Decision {
    if policy.preventsReplay, replayGuard.hasUsed(match.step) {
      return .rejected(.replayed(match))
    }
    // Keep steps a wider window might still reach, so changing the policy later cannot reopen them.
    let oldest = TOTP.step(current, offsetBy: skew - VerificationWindow.maximum) ?? 0
    replayGuard.use(match.step, oldestAcceptable: min(oldest, match.step))
    return .accepted(.code(match))
  }
}
