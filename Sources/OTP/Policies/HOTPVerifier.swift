/// A login server's check of HOTP codes for one user: the counter it expects next, its
/// look-ahead for resynchronisation, and its rate limit and scratch codes.
///
/// An app's counter moves each time its button is pressed, the server's only on a
/// successful login, so the two drift apart. RFC 4226 §7.4 lets the server look ahead
/// a few counters; a match there resynchronises it. A failed attempt never moves the
/// server's counter, and a code is accepted once: after a login the server expects the
/// counter after the matched one.
///
/// ```swift
/// var server = HOTPVerifier(hotp: hotp, policy: .init(lookAhead: 5))
/// server.verify(hotp.code(for: 3), at: .epoch)  // .accepted(.code(counter: 3, skipped: 3))
/// server.counter                                 // 4
/// ```
public struct HOTPVerifier: Sendable {
  /// What the server accepts.
  public struct Policy: Hashable, Sendable {
    /// How many counters past the expected one are tried (RFC 4226 §7.4's look-ahead).
    public var lookAhead: Int
    /// The attempt limit, or `nil` for none.
    public var rateLimit: RateLimit?

    /// Creates a policy; the defaults mirror pyotp: the expected counter only, no rate limit.
    public init(lookAhead: Int = 0, rateLimit: RateLimit? = nil) {
      self.lookAhead = min(max(lookAhead, 0), VerificationWindow.maximum)
      self.rateLimit = rateLimit
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
    /// Too many attempts; try again after the duration.
    case rateLimited(retryAfter: Duration)
    /// Not a well-formed code.
    case malformed(CodeRejection)
    /// An 8-digit code that is not one of the unused scratch codes (each works once).
    case unknownScratchCode
    /// The code is for a counter that has already logged in.
    case alreadyUsed(counter: UInt64)
    /// The code is for a counter past the look-ahead: the app was pressed too many times.
    case beyondLookAhead(counter: UInt64, skipped: Int)
    /// The code matches no nearby counter.
    case wrongCode
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

  /// How far past the look-ahead, and behind the counter, a miss is searched to explain it.
  public static let diagnosisRange = 100

  /// The user's generator.
  public let hotp: HOTP
  /// What the server accepts; change it at any time.
  public var policy: Policy
  /// The counter the server expects next.
  public private(set) var counter: UInt64
  /// Recent attempts, when a rate limit is set.
  public private(set) var rateLimiter: RateLimiter?
  /// The user's unused scratch codes.
  public var scratchCodes = ScratchCodes()

  /// Creates a verifier expecting `counter` next.
  public init(hotp: HOTP, counter: UInt64 = 0, policy: Policy = Policy()) {
    self.hotp = hotp
    self.counter = counter
    self.policy = policy
  }

  /// Decides one login attempt; `time` matters only to the rate limit.
  public mutating func verify(_ code: String, at time: UnixTime) -> Decision {
    let typed: TypedCode
    switch AttemptScreen.screen(
      code, digits: hotp.digits, at: time, limit: policy.rateLimit, rateLimiter: &rateLimiter,
      scratchCodes: &scratchCodes)
    {
    case .rateLimited(let retryAfter): return .rejected(.rateLimited(retryAfter: retryAfter))
    case .scratchCodeUsed(let remaining): return .accepted(.scratchCode(remaining: remaining))
    case .unknownScratchCode: return .rejected(.unknownScratchCode)
    case .malformed(let rejection): return .rejected(.malformed(rejection))
    case .code(let code): typed = code
    }
    if case .success(let matched) = hotp.match(typed, from: counter, through: policy.lookAhead) {
      let skipped = Int(matched - counter)
      counter = matched &+ 1
      return .accepted(.code(counter: matched, skipped: skipped))
    }
    let far = policy.lookAhead + Self.diagnosisRange
    if case .success(let matched) = hotp.match(typed, from: counter, through: far) {
      return .rejected(.beyondLookAhead(counter: matched, skipped: Int(matched - counter)))
    }
    let back = UInt64(min(UInt64(Self.diagnosisRange), counter))
    if back > 0, case .success(let matched) = hotp.match(typed, from: counter - back, through: Int(back) - 1) {
      return .rejected(.alreadyUsed(counter: matched))
    }
    return .rejected(.wrongCode)
  }
}
