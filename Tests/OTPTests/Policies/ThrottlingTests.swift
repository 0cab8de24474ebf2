import OTP
import Testing

/// Throttling guesses, by a lock-out and a rate limit.
///
/// RFC 4226 §7.3: "the authentication server needs to detect and stop brute force attacks",
/// with a throttling parameter T, "the maximum number of possible attempts", after which
/// "the server SHOULD lock out the account" (§7.2); NIST SP 800-63B §5.2.2 allows at most 100
/// consecutive failures. Both verifiers default to a lock-out after 10 and libpam's 3 per 30 s.
@Suite("Throttling, RFC 4226 §7.3")
struct ThrottlingTests {
  let hotp: HOTP
  let totp: TOTP
  init() throws {
    let secret = try Secret(text: "12345678901234567890")
    hotp = try HOTP(secret: secret)
    totp = try TOTP(secret: secret)
  }

  /// Six-digit guesses that are none of the codes an attack below could hit.
  func guess(_ index: Int, avoiding codes: Set<String>) -> String {
    var value = index
    while true {
      let text = String(value % 1_000_000)
      let code = String(repeating: "0", count: 6 - text.count) + text
      if !codes.contains(code) { return code }
      value += 1
    }
  }

  @Test("the default policies throttle: libpam's 3 per 30 s and a lock-out after 10 failures in a row")
  func defaults() {
    #expect(HOTPVerifier.Policy().rateLimit == .libpamDefault)
    #expect(HOTPVerifier.Policy().lockOut == .recommended)
    #expect(TOTPVerifier.Policy().rateLimit == .libpamDefault)
    #expect(TOTPVerifier.Policy().lockOut == .recommended)
    #expect(LockOut.recommended.failures == 10)
  }

  @Test("HOTP brute force: 1,000 guesses paced under the rate limit, and the default verifier compares only 10")
  func hotpBruteForce() {
    var server = HOTPVerifier(hotp: hotp)
    let live = Set((0...UInt64(HOTPVerifier.diagnosisRange)).map { hotp.code(for: $0) })
    var compared = 0
    for index in 0..<1000 {
      // One guess every 11 s passes 3 per 30 s: the lock-out is what stops a patient attacker.
      switch server.verify(guess(index * 7919, avoiding: live), at: UnixTime(seconds: Int64(index) * 11)) {
      case .rejected(.attempt(.rateLimited)), .rejected(.attempt(.lockedOut)): break
      case .rejected(.attempt(.wrongCode)): compared += 1
      case let other: Issue.record("unexpected \(other)")
      }
    }
    #expect(compared == LockOut.recommended.failures)
    #expect(server.isLockedOut)
    #expect(server.counter == 0)
  }

  @Test("locked out, even the right code and a scratch code are refused until unlock()")
  func lockedOut() throws {
    var server = HOTPVerifier(hotp: hotp, policy: .init(rateLimit: nil))
    server.scratchCodes = try ScratchCodes(["12345678"])
    for _ in 0..<10 { _ = server.verify("000000", at: .epoch) }
    #expect(server.consecutiveFailures == 10)
    #expect(server.verify(hotp.code(for: 0), at: .epoch) == .rejected(.attempt(.lockedOut)))
    #expect(server.verify("12345678", at: .epoch) == .rejected(.attempt(.lockedOut)))
    server.unlock()
    #expect(server.verify(hotp.code(for: 0), at: .epoch) == .accepted(.code(counter: 0, skipped: 0)))
  }

  @Test("unlock() also clears a rate-limit record a clock left in the future, and keeps used steps")
  func unlockClearsFutureRecord() throws {
    var server = TOTPVerifier(totp: totp)
    let now: UInt64 = 60_000
    #expect(server.verify(totp.code(forStep: now), at: UnixTime(seconds: Int64(now) * 30)).isAccepted)
    // The server's clock jumps a year ahead for three attempts, then is put right.
    for _ in 0..<3 { _ = server.verify("000000", at: UnixTime(seconds: Int64(now) * 30 + 31_536_000)) }
    let code = totp.code(forStep: now + 1)
    guard case .rejected(.attempt(.rateLimited)) = server.verify(code, at: UnixTime(seconds: Int64(now + 1) * 30)) else {
      Issue.record("expected the record from the future to count")
      return
    }
    server.unlock()
    #expect(server.verify(code, at: UnixTime(seconds: Int64(now + 1) * 30)).isAccepted)
    #expect(server.replayGuard.usedSteps == [now, now + 1])
  }

  @Test("a successful login starts the count again; malformed and rate-limited attempts do not count")
  func countsFailuresInARow() throws {
    var server = HOTPVerifier(hotp: hotp, policy: .init(rateLimit: nil))
    for _ in 0..<9 { _ = server.verify("000000", at: .epoch) }
    #expect(server.verify(hotp.code(for: 0), at: .epoch).isAccepted)
    #expect(server.consecutiveFailures == 0)
    for _ in 0..<5 { _ = server.verify("12a456", at: .epoch) }
    #expect(server.consecutiveFailures == 0)
    server.policy.rateLimit = try RateLimit(attempts: 2, per: .seconds(30))
    _ = server.verify("000000", at: .epoch)
    _ = server.verify("000000", at: .epoch)
    #expect(server.verify("000000", at: .epoch) == .rejected(.attempt(.rateLimited(retryAfter: .seconds(31)))))
    #expect(server.consecutiveFailures == 2)
  }

  @Test("TOTP brute force: 1,000 guesses paced under the rate limit, and the default verifier compares only 10")
  func totpBruteForce() {
    var server = TOTPVerifier(totp: totp)
    let start: Int64 = 1_000_000
    let live = Set((0..<400).map { totp.code(forStep: UInt64(start / 30) + UInt64($0)) })
    var compared = 0
    for index in 0..<1000 {
      switch server.verify(guess(index * 7919, avoiding: live), at: UnixTime(seconds: start + Int64(index) * 11)) {
      case .rejected(.attempt(.rateLimited)), .rejected(.attempt(.lockedOut)): break
      case .rejected(.attempt(.wrongCode)): compared += 1
      case let other: Issue.record("unexpected \(other)")
      }
    }
    #expect(compared == LockOut.recommended.failures)
    #expect(server.isLockedOut)
  }

  @Test(
    "look-ahead is capped at libpam's 100; a larger one is refused, not searched",
    arguments: [101, -1, Int.max, Int.min])
  func lookAheadCap(_ lookAhead: Int) throws {
    #expect(throws: PolicyError.lookAheadOutOfRange(lookAhead)) { try LookAhead(lookAhead) }
    #expect(try HOTPVerifier.Policy(lookAhead: LookAhead(100)).lookAhead.counters == LookAhead.maximum)
  }

  @Test("a lock-out threshold outside 1...100 (NIST SP 800-63B §5.2.2) is refused", arguments: [0, 101, -1, Int.max])
  func lockOutRange(_ failures: Int) throws {
    #expect(throws: PolicyError.lockOutOutOfRange(failures)) { try LockOut(failures: failures) }
    #expect(try LockOut(failures: 100).failures == 100)
  }
}
