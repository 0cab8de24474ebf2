import OTP
import Testing

@Suite("Rate limiter")
struct RateLimiterTests {
  @Test("n per m: the (n+1)th attempt inside the span is refused, and says when to retry")
  func limit() throws {
    var limiter = RateLimiter(limit: try RateLimit(attempts: 3, per: .seconds(30)))
    #expect(limiter.recordAttempt(at: UnixTime(seconds: 100)) == .allowed(remaining: 2))
    #expect(limiter.recordAttempt(at: UnixTime(seconds: 110)) == .allowed(remaining: 1))
    #expect(limiter.recordAttempt(at: UnixTime(seconds: 120)) == .allowed(remaining: 0))
    // As in libpam, the refused attempt is recorded and the oldest forgotten: 110, 120, 125 remain,
    // so the next attempt passes once 110 has left the span, 16 s from now.
    #expect(limiter.recordAttempt(at: UnixTime(seconds: 125)) == .refused(retryAfter: .seconds(16)))
    #expect(limiter.attempts == [110, 120, 125])
    #expect(limiter.recordAttempt(at: UnixTime(seconds: 141)) == .allowed(remaining: 0))
  }

  @Test("hammering keeps an attacker out: each refused attempt restarts the wait")
  func hammering() throws {
    var limiter = RateLimiter(limit: try RateLimit(attempts: 3, per: .seconds(30)))
    for second: Int64 in 0..<3 { _ = limiter.recordAttempt(at: UnixTime(seconds: second)) }
    for second: Int64 in stride(from: 3, to: 300, by: 10) {
      guard case .refused = limiter.recordAttempt(at: UnixTime(seconds: second)) else {
        Issue.record("attempt at \(second) s was allowed")
        return
      }
    }
  }

  @Test("a clock alternating between two times lets at most the limit through, not the attempts 'from the future'")
  func alternatingClock() throws {
    var limiter = RateLimiter(limit: .libpamDefault)
    var allowed = 0
    for second: Int64 in 0..<60 {
      // Two servers sharing the record, one 1000 s behind the other; a guess a second.
      let time = second.isMultiple(of: 2) ? 10_000 + second : 9_000 + second
      if case .allowed = limiter.recordAttempt(at: UnixTime(seconds: time)) { allowed += 1 }
    }
    #expect(allowed == RateLimit.libpamDefault.attempts)
  }

  @Test("an attempt made after the clock was set back counts as made at the latest time")
  func clockSetBack() throws {
    var limiter = RateLimiter(limit: try RateLimit(attempts: 2, per: .seconds(30)))
    #expect(limiter.recordAttempt(at: UnixTime(seconds: 1000)) == .allowed(remaining: 1))
    #expect(limiter.recordAttempt(at: UnixTime(seconds: 10)) == .allowed(remaining: 0))
    #expect(limiter.attempts == [1000, 1000])
    // From the clock at 20 s, the record at 1000 s clears once that clock reaches 1031 s.
    #expect(limiter.recordAttempt(at: UnixTime(seconds: 20)) == .refused(retryAfter: .seconds(1011)))
    #expect(limiter.recordAttempt(at: UnixTime(seconds: 1031)) == .allowed(remaining: 1))
  }

  @Test("the ends of time do not trap: Int64.min and Int64.max seconds")
  func extremes() throws {
    var limiter = RateLimiter(limit: try RateLimit(attempts: 3, per: .seconds(30)))
    #expect(limiter.recordAttempt(at: UnixTime(seconds: .min)) == .allowed(remaining: 2))
    #expect(limiter.recordAttempt(at: UnixTime(seconds: .max)) == .allowed(remaining: 2))
    #expect(limiter.recordAttempt(at: UnixTime(seconds: .min)) == .allowed(remaining: 1))
    #expect(limiter.recordAttempt(at: UnixTime(seconds: .min)) == .allowed(remaining: 0))
    let wait = Duration.seconds(Int64.max) + .seconds(31) - .seconds(Int64.min)
    #expect(limiter.recordAttempt(at: UnixTime(seconds: .min)) == .refused(retryAfter: wait))
  }

  @Test(
    "limits outside libpam's ranges, or over a fraction of a second, are refused",
    arguments: [(0, Duration.seconds(30)), (101, .seconds(30)), (3, .zero), (3, .seconds(3601)), (3, .milliseconds(1500))])
  func ranges(_ attempts: Int, _ span: Duration) {
    #expect(throws: PolicyError.rateLimitOutOfRange(attempts: attempts, span: span)) {
      try RateLimit(attempts: attempts, per: span)
    }
  }
}
