/// At most `attempts` login attempts in any span of time `span` long.
public struct RateLimit: Hashable, Sendable, CustomStringConvertible {
  /// Attempts allowed in the span, 1...100 as google-authenticator-libpam allows.
  public let attempts: Int
  /// The span: whole seconds, from 1 second to an hour.
  public let span: Duration

  /// The attempt counts a limit may allow.
  public static let attemptRange = 1...100
  /// The spans a limit may cover (whole seconds only).
  public static let spanRange = Duration.seconds(1)...Duration.seconds(3600)

  /// google-authenticator-libpam's suggested limit: 3 attempts every 30 seconds.
  public static let libpamDefault = RateLimit(uncheckedAttempts: 3, spanSeconds: 30)

  /// Creates a limit.
  ///
  /// ```swift
  /// try RateLimit(attempts: 3, per: .seconds(30))
  /// ```
  ///
  /// - Parameters:
  ///   - attempts: Attempts allowed in the span, in ``attemptRange``.
  ///   - span: The span's length, whole seconds in ``spanRange``.
  /// - Throws: ``PolicyError/rateLimitOutOfRange(attempts:span:)`` outside the ranges above or
  ///   for a fraction of a second.
  public init(attempts: Int, per span: Duration) throws(PolicyError) {
    guard Self.attemptRange.contains(attempts), Self.spanRange.contains(span), let seconds = span.exactSeconds else {
      throw .rateLimitOutOfRange(attempts: attempts, span: span)
    }
    self.init(uncheckedAttempts: attempts, spanSeconds: seconds)
  }

  private init(uncheckedAttempts attempts: Int, spanSeconds: Int64) {
    self.attempts = attempts
    self.span = .seconds(spanSeconds)
    self.spanSeconds = spanSeconds
  }

  /// ``span`` in seconds, for the limiter's arithmetic.
  let spanSeconds: Int64

  /// The limit in words, such as `3 per 30 s`.
  public var description: String { "\(attempts) per \(span.secondsText)" }
}

/// Counts login attempts and refuses those over a ``RateLimit``, as
/// google-authenticator-libpam's `RATE_LIMIT n m` does.
///
/// Every attempt is recorded, refused ones included, so an attacker who keeps
/// trying stays locked out; a user who waits gets in. Times are whole seconds.
///
/// The limiter's own clock never runs backwards: an attempt made at an earlier time than the
/// latest one recorded (the server's clock was set back, or two servers with different
/// clocks share the record) is recorded at that latest time. So setting a clock back cannot
/// wipe the record, and however a clock jumps about, at most ``RateLimit/attempts``
/// attempts are allowed until the latest recorded time has moved on by the span. The price
/// is paid after a clock jumped forward: attempts stay counted until the clock has caught up,
/// so the limiter fails closed; ``TOTPVerifier/unlock()`` and ``HOTPVerifier/unlock()``
/// clear the record.
///
/// ```swift
/// var limiter = RateLimiter(limit: try RateLimit(attempts: 3, per: .seconds(30)))
/// for second: Int64 in [0, 1, 2] { _ = limiter.recordAttempt(at: UnixTime(seconds: second)) }
/// limiter.recordAttempt(at: UnixTime(seconds: 3))    // .refused(retryAfter: .seconds(28))
/// ```
public struct RateLimiter: Hashable, Sendable {
  /// The limit enforced.
  public var limit: RateLimit
  /// The recorded attempts still inside the span, in whole Unix seconds, oldest first.
  ///
  /// An attempt made while the clock was behind the latest recorded one is listed at that
  /// latest time, so the list never decreases.
  public internal(set) var attempts: [Int64] = []

  /// The outcome of recording an attempt.
  public enum Decision: Hashable, Sendable {
    /// The attempt may go ahead; `remaining` more fit in the current span.
    case allowed(remaining: Int)
    /// The attempt is refused; one made `retryAfter` from now would be allowed.
    case refused(retryAfter: Duration)
  }

  /// Creates a limiter with no attempts recorded.
  ///
  /// - Parameter limit: The limit to enforce.
  public init(limit: RateLimit) {
    self.limit = limit
  }

  /// Records an attempt and says whether it is within the limit.
  ///
  /// Any time is accepted, from `Int64.min` to `Int64.max` seconds.
  ///
  /// - Parameter time: The server's time of the attempt.
  /// - Returns: Whether the attempt is allowed, or how long to wait before the next one.
  public mutating func recordAttempt(at time: UnixTime) -> Decision {
    let now = time.seconds
    let recorded = max(now, attempts.last ?? now)
    attempts.append(recorded)
    // Forget attempts older than the span before the latest one; below Int64.min there are none.
    let (oldestKept, overflow) = recorded.subtractingReportingOverflow(limit.spanSeconds)
    if !overflow, let firstKept = attempts.firstIndex(where: { $0 >= oldestKept }) {
      attempts.removeFirst(firstKept)
    }
    guard attempts.count > limit.attempts else {
      return .allowed(remaining: limit.attempts - attempts.count)
    }
    attempts.removeFirst(attempts.count - limit.attempts)
    // The oldest attempt leaves the span once the limiter's clock passes oldest + seconds; in
    // the caller's time that is that many seconds from `now`. Durations hold this without overflow.
    let oldest = attempts[0]
    return .refused(retryAfter: .seconds(oldest) + .seconds(limit.spanSeconds + 1) - .seconds(now))
  }
}
