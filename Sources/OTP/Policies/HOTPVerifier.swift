/// A login server's check of HOTP codes for one user: the counter it expects next, its
/// look-ahead for resynchronisation, and its throttling and scratch codes.
///
/// An app's counter moves each time its button is pressed, the server's only on a
/// successful login, so the two drift apart. RFC 4226 §7.4 lets the server look ahead
/// a few counters; a match there resynchronises it. A failed attempt never moves the
/// server's counter, and a code is accepted once: after a login the server expects the
/// counter after the matched one.
///
/// Because a failed attempt moves nothing, an attacker could guess for ever; RFC 4226 §7.3
/// asks the server to "detect and stop brute force attacks". The default ``Policy``
/// therefore throttles: a lock-out after ``LockOut/recommended`` failed attempts in a row
/// (§7.3's throttling parameter T), and google-authenticator-libpam's rate limit of
/// 3 attempts per 30 seconds on top, so the lock-out is not reached in a burst. Each guess
/// matches one of look-ahead + 1 codes, so §7.3 wants T lower the larger the look-ahead;
/// the look-ahead is capped at ``LookAhead/maximum``, libpam's 100.
///
/// The counter ends at `UInt64.max`: the code for that last counter is refused with
/// ``Refusal/counterExhausted``, since the server would have no counter left to expect.
///
/// What the verifier remembers, the counter included, is its ``State``, a `Codable` value
/// kept apart from the secret: save it after every attempt and pass it back to
/// ``init(hotp:policy:state:)``. <doc:SharingState> says how servers with several replicas
/// must store it.
///
/// ```swift
/// let hotp = try HOTP(secret: Secret(text: "12345678901234567890"))
/// var server = HOTPVerifier(hotp: hotp, policy: .init(lookAhead: try LookAhead(5)))
/// server.verify(hotp.code(for: 3), at: .epoch)  // .accepted(.code(counter: 3, skipped: 3))
/// server.counter                                 // 4
/// ```
public struct HOTPVerifier: Sendable {
  /// What the server accepts.
  ///
  /// Every value it holds is valid by construction (``LookAhead``, ``RateLimit`` and
  /// ``LockOut`` check theirs when made), so a policy may be changed freely.
  public struct Policy: Hashable, Sendable {
    /// How many counters past the expected one are tried (RFC 4226 §7.4's look-ahead).
    public var lookAhead: LookAhead
    /// The attempt limit, or `nil` for none.
    public var rateLimit: RateLimit?
    /// The lock-out after failed attempts in a row, or `nil` for none.
    public var lockOut: LockOut?

    /// Creates a policy.
    ///
    /// pyotp's `verify()`, for comparison, is `Policy(rateLimit: nil, lockOut: nil)`.
    ///
    /// - Parameters:
    ///   - lookAhead: Counters tried past the expected one; none by default.
    ///   - rateLimit: The attempt limit; 3 per 30 s by default, `nil` for none.
    ///   - lockOut: The lock-out; after 10 failures in a row by default, `nil` for none.
    public init(
      lookAhead: LookAhead = .none,
      rateLimit: RateLimit? = .libpamDefault,
      lockOut: LockOut? = .recommended
    ) {
      self.lookAhead = lookAhead
      self.rateLimit = rateLimit
      self.lockOut = lockOut
    }
  }

  /// Why a code was accepted.
  public enum Acceptance: Hashable, Sendable {
    /// The code matched `counter`, `skipped` counters past the expected one.
    case code(counter: UInt64, skipped: Int)
    /// An emergency scratch code, now used up.
    case scratchCode(remaining: Int)
  }

  /// Why a code was refused.
  public enum Refusal: Hashable, Sendable {
    /// A reason both verifiers share: locked out, rate-limited, malformed, an unknown scratch
    /// code, or a code that matches no nearby counter (``AttemptRefusal/wrongCode``).
    case attempt(AttemptRefusal)
    /// The code is for a counter that has already logged in.
    case alreadyUsed(counter: UInt64)
    /// The code is for a counter past the look-ahead: the app was pressed too many times.
    case beyondLookAhead(counter: UInt64, skipped: Int)
    /// The code is for the last counter, `UInt64.max`: accepting it would leave no counter to
    /// expect next, so the account needs a new secret.
    case counterExhausted
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

  /// How far past the look-ahead, and behind the counter, a miss is searched to explain it.
  public static let diagnosisRange = 100

  /// The user's generator.
  public let hotp: HOTP
  /// What the server accepts; change it at any time.
  public var policy: Policy
  /// What the verifier remembers between attempts, the counter included: save it after each
  /// one (see ``State``).
  public private(set) var state: State

  /// The counter the server expects next.
  public var counter: UInt64 { state.counter }
  /// Recent attempts, when a rate limit is set.
  public var rateLimiter: RateLimiter? { state.rateLimiter }
  /// Failed attempts since the last successful login (counted whether or not a lock-out is set).
  public var consecutiveFailures: Int { state.consecutiveFailures }
  /// The user's unused scratch codes.
  public var scratchCodes: ScratchCodes {
    get { state.scratchCodes }
    set { state.scratchCodes = newValue }
  }

  /// Creates a verifier expecting `counter` next.
  ///
  /// - Parameters:
  ///   - hotp: The user's generator.
  ///   - counter: The counter expected next; at `UInt64.max` no code can log in any more.
  ///   - policy: What the server accepts; the safe defaults unless given.
  public init(hotp: HOTP, counter: UInt64 = 0, policy: Policy = Policy()) {
    self.init(hotp: hotp, policy: policy, state: State(counter: counter))
  }

  /// Creates a verifier restored from a saved state.
  ///
  /// - Parameters:
  ///   - hotp: The user's generator.
  ///   - policy: What the server accepts.
  ///   - state: What the verifier remembered when its ``state`` was last saved.
  public init(hotp: HOTP, policy: Policy = Policy(), state: State) {
    self.hotp = hotp
    self.policy = policy
    self.state = state
  }

  /// Whether the counter has reached `UInt64.max`, so that no code can log in any more.
  public var isExhausted: Bool { counter == .max }

  /// Whether the policy's lock-out refuses every attempt until ``unlock()``.
  public var isLockedOut: Bool {
    policy.lockOut.map { consecutiveFailures >= $0.failures } ?? false
  }

  /// Lifts a lock-out: forgets the failed attempts in a row and the rate limiter's record.
  ///
  /// Call it from the server's recovery procedure, once the user has proved who they are
  /// some other way (RFC 4226 §7.2: "lock out the account and initiate a procedure to inform the user"),
  /// or after the server's clock jumped forward and left attempts recorded in the future
  /// (see ``RateLimiter``). The counter is kept.
  public mutating func unlock() {
    state.consecutiveFailures = 0
    state.rateLimiter = nil
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

  /// Decides one login attempt; `time` matters only to the rate limit.
  ///
  /// - Parameters:
  ///   - code: The code as typed; spaces between digit groups are allowed.
  ///   - time: The server's time; any instant is accepted.
  /// - Returns: Whether the login succeeded, and why.
  public mutating func verify(_ code: String, at time: UnixTime) -> Decision {
    let decision = decide(code, at: time)
    switch decision {
    case .accepted: state.consecutiveFailures = 0
    case .rejected(.attempt(.lockedOut)), .rejected(.attempt(.rateLimited)), .rejected(.attempt(.malformed)): break
    case .rejected: state.consecutiveFailures = min(state.consecutiveFailures, Int.max - 1) + 1
    }
    return decision
  }

  private mutating func decide(_ code: String, at time: UnixTime) -> Decision {
    let typed: TypedCode
    switch AttemptScreen.screen(
      code, digits: hotp.digits, at: time, lockOut: policy.lockOut, failures: state.consecutiveFailures,
      limit: policy.rateLimit, rateLimiter: &state.rateLimiter, scratchCodes: &state.scratchCodes)
    {
    case .refused(let refusal): return .rejected(.attempt(refusal))
    case .scratchCodeUsed(let remaining): return .accepted(.scratchCode(remaining: remaining))
    case .code(let code): typed = code
    }
    let counter = state.counter
    if let matched = hotp.match(typed, from: counter, through: policy.lookAhead.counters) {
      guard matched < .max else { return .rejected(.counterExhausted) }
      let skipped = Int(matched - counter)
      state.counter = matched + 1
      return .accepted(.code(counter: matched, skipped: skipped))
    }
    let far = policy.lookAhead.counters + Self.diagnosisRange
    if let matched = hotp.match(typed, from: counter, through: far) {
      return .rejected(.beyondLookAhead(counter: matched, skipped: Int(matched - counter)))
    }
    let back = min(UInt64(Self.diagnosisRange), counter)
    if back > 0, let matched = hotp.match(typed, from: counter - back, through: Int(back) - 1) {
      return .rejected(.alreadyUsed(counter: matched))
    }
    return .rejected(.attempt(.wrongCode))
  }
}
