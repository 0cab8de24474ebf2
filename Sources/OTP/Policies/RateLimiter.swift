/// At most `attempts` login attempts in any `seconds`-long span.
public struct RateLimit: Hashable, Sendable, CustomStringConvertible {
  /// Attempts allowed in the span, 1...100 as google-authenticator-libpam allows.
  public let attempts: Int
  /// The span in seconds, 1...3600.
  public let seconds: Int

  /// The attempt counts a limit may allow.
  public static let attemptRange = 1...100
  /// The spans a limit may cover, in seconds.
  public static let secondRange = 1...3600

  /// google-authenticator-libpam's suggested limit: 3 attempts every 30 seconds.
  public static let libpamDefault = RateLimit(uncheckedAttempts: 3, seconds: 30)

  /// Creates a limit.
  ///
  /// - Throws: ``PolicyError/rateLimitOutOfRange(attempts:seconds:)`` outside the ranges above.
  public init(attempts: Int, seconds: Int) throws(PolicyError) {
    guard Self.attemptRange.contains(attempts), Self.secondRange.contains(seconds) else {
      throw .rateLimitOutOfRange(attempts: attempts, seconds: seconds)
    }
    self.init(uncheckedAttempts: attempts, seconds: seconds)
  }

  private init(uncheckedAttempts attempts: Int, seconds: Int) {
    self.attempts = attempts
    self.seconds = seconds
  }

  public var description: String { "\(attempts) per \(seconds) s" }
}

/// Counts login attempts and refuses those over a ``RateLimit``, as
/// google-authenticator-libpam's `RATE_LIMIT n m` does.
///
/// Every attempt is recorded, refused ones included, so an attacker who keeps
/// trying stays locked out; a user who waits gets in. Times are whole seconds.
///
/// ```swift
/// var limiter = RateLimiter(limit: try RateLimit(attempts: 3, seconds: 30))
/// for second in [0, 1, 2] { _ = limiter.recordAttempt(at: UnixTime(seconds: second)) }
/// limiter.recordAttempt(at: UnixTime(seconds: 3))    // .refused(retryAfter: .seconds(28))
/// ```
public struct RateLimiter: Hashable, Sendable {
  /// The limit enforced.
  public var limit: RateLimit
  /// The recorded attempts still inside the span, in whole Unix seconds, oldest first.
  public private(set) var attempts: [Int64] = []

  /// The outcome of recording an attempt.
  public enum Decision: Hashable, Sendable {
    /// The attempt may go ahead; `remaining` more fit in the current span.
    case allowed(remaining: Int)
    /// The attempt is refused; one made `retryAfter` from now would be allowed.
    case refused(retryAfter: Duration)
  }

  /// Creates a limiter with no attempts recorded.
  public init(limit: RateLimit) {
    self.limit = limit
  }

  /// Records an attempt and says whether it is within the limit.
  public mutating func recordAttempt(at time: UnixTime) -> Decision {
    let now = time.seconds
    attempts.append(now)
    attempts.sort()
    // Drop attempts older than the span, and any "from the future" after a clock was set back.
    attempts.removeAll { $0 < now - Int64(limit.seconds) || $0 > now }
    guard attempts.count > limit.attempts else {
      return .allowed(remaining: limit.attempts - attempts.count)
    }
    attempts.removeFirst(attempts.count - limit.attempts)
    let oldest = attempts.first ?? now
    return .refused(retryAfter: .seconds(oldest + Int64(limit.seconds) + 1 - now))
  }
}
