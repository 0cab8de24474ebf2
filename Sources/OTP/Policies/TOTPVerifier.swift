/// A login server's check of TOTP codes for one user, with its policies and what it has learned.
///
/// The verifier is a pure state machine: each call to ``verify(_:at:)`` takes the server's
/// time and returns a ``Decision``, updating what the verifier remembers (used steps,
/// recent attempts, failures in a row, the learned clock skew, unused scratch codes).
/// Nothing reads a clock.
///
/// The checks run in google-authenticator-libpam's order, after the lock-out: the rate limit
/// (every attempt counts), scratch codes, the code's form, the window around the current step
/// shifted by any learned skew, replay, and finally, only when the policy learns skew, a wide
/// search that feeds skew learning.
///
/// The default ``Policy`` is the safe one: the current step only, replay prevention on,
/// google-authenticator-libpam's rate limit of 3 attempts per 30 seconds, and a lock-out
/// after ``LockOut/recommended`` failed attempts in a row.
///
/// What the verifier remembers is its ``State``, a `Codable` value kept apart from the
/// secret: save it after every attempt and pass it back to ``init(totp:policy:state:)``, so
/// that a restart forgets neither the used steps nor the learned skew. <doc:SharingState>
/// says how servers with several replicas must store it.
///
/// ```swift
/// let totp = try TOTP(secret: Secret(text: "12345678901234567890"))
/// var server = TOTPVerifier(totp: totp, policy: .init(window: try .init(past: 1, future: 1)))
/// server.verify("287082", at: UnixTime(seconds: 59))   // .accepted(.code(step 1, offset 0))
/// server.verify("287082", at: UnixTime(seconds: 59))   // .rejected(.replayed(step 1, offset 0))
/// let saved = server.state                              // store it with the account
/// ```
public struct TOTPVerifier: Sendable {
  /// What the server accepts.
  ///
  /// Every property holds a value valid by construction, so a policy may be changed freely.
  public struct Policy: Hashable, Sendable {
    /// Steps accepted around the current one (after adding the learned skew).
    public var window: VerificationWindow
    /// Whether a step that has logged in once is refused afterwards (RFC 6238 §5.2).
    public var preventsReplay: Bool
    /// The attempt limit, or `nil` for none.
    public var rateLimit: RateLimit?
    /// The lock-out after failed attempts in a row, or `nil` for none.
    public var lockOut: LockOut?
    /// Whether codes far outside the window teach the server the phone's clock skew.
    ///
    /// Only then does the verifier search ``SkewLearner/searchRange`` steps either way of a
    /// code that misses the window (about 3,000 HMACs). Without skew learning a code outside
    /// the window is simply ``AttemptRefusal/wrongCode``.
    public var learnsSkew: Bool

    /// Creates a policy; the defaults are the safe ones a real server should start from.
    ///
    /// RFC 6238 §5.2 says the verifier "MUST NOT accept the second attempt of the OTP", so
    /// replay prevention is on. The rate limit is google-authenticator-libpam's
    /// `RATE_LIMIT 3 30`; the lock-out bounds what a patient attacker who stays under the
    /// rate limit gets: NIST SP 800-63B §5.2.2 asks for at most 100 failures in a row, this
    /// library locks after ``LockOut/recommended``. pyotp's `verify()`, for comparison, is
    /// `Policy(preventsReplay: false, rateLimit: nil, lockOut: nil)`.
    ///
    /// - Parameters:
    ///   - window: Steps accepted around the current one; the current step only by default.
    ///   - preventsReplay: Whether each step logs in once; on by default.
    ///   - rateLimit: The attempt limit; 3 per 30 s by default, `nil` for none.
    ///   - lockOut: The lock-out; after 10 failures in a row by default, `nil` for none.
    ///   - learnsSkew: Whether to learn the phone's clock skew; off by default.
    public init(
      window: VerificationWindow = .exact,
      preventsReplay: Bool = true,
      rateLimit: RateLimit? = .libpamDefault,
      lockOut: LockOut? = .recommended,
      learnsSkew: Bool = false
    ) {
      self.window = window
      self.preventsReplay = preventsReplay
      self.rateLimit = rateLimit
      self.lockOut = lockOut
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
    /// A reason both verifiers share: locked out, rate-limited, malformed, an unknown scratch
    /// code, or a code that matches no step in the window nor, with skew learning on, any
    /// within ``SkewLearner/searchRange`` steps (``AttemptRefusal/wrongCode``).
    case attempt(AttemptRefusal)
    /// The code's step has already been used to log in, or is so old that the verifier no
    /// longer remembers whether it was (possible only after the server's clock was set back).
    case replayed(TOTPMatch)
    /// With skew learning on: the code is real but outside the window, and the same one as
    /// last time, so it teaches nothing; `offset` is its step minus the current step.
    case outsideWindow(TOTPMatch)
    /// The code was outside the window; skew learning has `count` of 3 observations.
    case learningSkew(TOTPMatch, count: Int)
    /// The server's time is before T0.
    case clockBeforeT0
    /// The server's time is after the end of 9999, the last time the engine handles.
    case clockAfterLatest
  }

  /// A verdict.
  public enum Decision: Hashable, Sendable {
    /// The login succeeded.
    case accepted(Acceptance)
    /// The login failed.
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
  /// What the verifier remembers between attempts: save it after each one (see ``State``).
  public private(set) var state: State

  /// The learned clock skew of the user's phone, in steps.
  public var skew: Int { state.skew }
  /// The steps already used (kept whether or not replay prevention is on).
  public var replayGuard: ReplayGuard { state.replayGuard }
  /// The latest time step at which a code logged in; a clock set back does not lower it.
  ///
  /// Only logins move it, so a server clock that jumps forward while codes fail leaves it alone.
  public var latestStep: UInt64? { state.latestStep }
  /// Skew observations so far.
  public var skewLearner: SkewLearner { state.skewLearner }
  /// Recent attempts, when a rate limit is set.
  public var rateLimiter: RateLimiter? { state.rateLimiter }
  /// Failed attempts since the last successful login (counted whether or not a lock-out is set).
  public var consecutiveFailures: Int { state.consecutiveFailures }
  /// The user's unused scratch codes.
  public var scratchCodes: ScratchCodes {
    get { state.scratchCodes }
    set { state.scratchCodes = newValue }
  }

  /// Creates a verifier, new or restored.
  ///
  /// - Parameters:
  ///   - totp: The user's generator.
  ///   - policy: What the server accepts; the safe defaults unless given.
  ///   - state: What the verifier remembered when its ``state`` was last saved; a new user's
  ///     empty state unless given.
  public init(totp: TOTP, policy: Policy = Policy(), state: State = State()) {
    self.totp = totp
    self.policy = policy
    self.state = state
  }

  /// Whether the policy's lock-out refuses every attempt until ``unlock()``.
  public var isLockedOut: Bool {
    policy.lockOut.map { consecutiveFailures >= $0.failures } ?? false
  }

  /// Lifts a lock-out: forgets the failed attempts in a row and the rate limiter's record.
  ///
  /// Call it from the server's recovery procedure, once the user has proved who they are
  /// some other way (RFC 4226 §7.2: "lock out the account and initiate a procedure to inform the user"),
  /// or after the server's clock jumped forward and left attempts recorded in the future
  /// (see ``RateLimiter``). Used steps are kept: unlocking never reopens a replay.
  public mutating func unlock() {
    state.consecutiveFailures = 0
    state.rateLimiter = nil
  }

  /// Forgets the learned skew and any observations towards one.
  public mutating func resetSkew() {
    state.skew = 0
    state.skewLearner.reset()
  }

  /// Decides one login attempt and says only whether it succeeded: ``verify(_:at:)``'s
  /// ``Decision/isAccepted``, with the same effect on the ``state``.
  ///
  /// - Parameters:
  ///   - code: The code as typed.
  ///   - time: The server's time.
  /// - Returns: `true` if the login succeeded.
  public mutating func accepts(_ code: String, at time: UnixTime) -> Bool {
    verify(code, at: time).isAccepted
  }

  /// Decides one login attempt at the server's time `time`.
  ///
  /// - Parameters:
  ///   - code: The code as typed; spaces between digit groups are allowed.
  ///   - time: The server's time; any instant is accepted.
  /// - Returns: Whether the login succeeded, and why.
  public mutating func verify(_ code: String, at time: UnixTime) -> Decision {
    let decision = decide(code, at: time)
    switch decision {
    case .accepted: state.consecutiveFailures = 0
    case .rejected(.attempt(.lockedOut)), .rejected(.attempt(.rateLimited)), .rejected(.attempt(.malformed)),
      .rejected(.clockBeforeT0):
      break
    case .rejected: state.consecutiveFailures = min(state.consecutiveFailures, Int.max - 1) + 1
    }
    return decision
  }

  private mutating func decide(_ code: String, at time: UnixTime) -> Decision {
    let typed: TypedCode
    switch AttemptScreen.screen(
      code, digits: totp.digits, at: time, lockOut: policy.lockOut, failures: state.consecutiveFailures,
      limit: policy.rateLimit, rateLimiter: &state.rateLimiter, scratchCodes: &state.scratchCodes)
    {
    case .refused(let refusal): return .rejected(.attempt(refusal))
    case .scratchCodeUsed(let remaining): return .accepted(.scratchCode(remaining: remaining))
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
    let shifted = (state.skew + window.lowerBound)...(state.skew + window.upperBound)
    if let match = totp.match(typed, around: current, offsets: shifted) {
      return accept(match, around: current)
    }
    guard policy.learnsSkew else { return .rejected(.attempt(.wrongCode)) }
    let search = -SkewLearner.searchRange...SkewLearner.searchRange
    guard let match = totp.match(typed, around: current, offsets: search) else {
      return .rejected(.attempt(.wrongCode))
    }
    switch state.skewLearner.observe(step: current, skew: match.offset) {
    case .adopted(let learned):
      state.skew = learned
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
    // Remember steps as far back as the widest window could reach from the latest login, so that
    // neither a policy changed later nor a clock set back can reopen one (ReplayGuard).
    let latest = max(state.latestStep ?? current, current)
    state.replayGuard.forget(before: HOTP.counter(latest, offsetBy: state.skew - VerificationWindow.maximum) ?? 0)
    if policy.preventsReplay, state.replayGuard.isSpent(match.step) {
      return .rejected(.replayed(match))
    }
    state.replayGuard.use(match.step)
    state.latestStep = latest
    return .accepted(.code(match))
  }
}
