import OTP
import Testing

@Suite("TOTP verifier")
struct TOTPVerifierTests {
  let totp: TOTP
  init() throws {
    totp = try TOTP(secret: Secret(text: "12345678901234567890"))
  }

  @Test(
    "a code typed after its step ended: wrong with window 0 (no skew learning, no search), accepted with a past window of 1"
  )
  func expired() throws {
    let code = totp.code(forStep: 1)
    var strict = TOTPVerifier(totp: totp)
    #expect(strict.verify(code, at: UnixTime(seconds: 61)) == .rejected(.attempt(.wrongCode)))
    var lenient = TOTPVerifier(totp: totp, policy: .init(window: try .init(past: 1, future: 0)))
    #expect(lenient.verify(code, at: UnixTime(seconds: 61)) == .accepted(.code(TOTPMatch(step: 1, offset: -1))))
  }

  @Test("an app 45 s fast: rejected with window 0, accepted with a future window of 2")
  func fastApp() throws {
    let server = UnixTime(seconds: 1_000_000)
    let code = (try? totp.code(at: server + .seconds(45))) ?? ""
    var strict = TOTPVerifier(totp: totp)
    #expect(!strict.verify(code, at: server).isAccepted)
    var lenient = TOTPVerifier(totp: totp, policy: .init(window: try .init(past: 0, future: 2)))
    guard case .accepted(.code(let match)) = lenient.verify(code, at: server) else {
      Issue.record("expected acceptance")
      return
    }
    #expect((1...2).contains(match.offset))
  }

  @Test("replay: accepted once by default (RFC 6238 §5.2), twice only with prevention turned off")
  func replay() {
    let code = totp.code(forStep: 2)
    var guarded = TOTPVerifier(totp: totp)
    #expect(guarded.policy.preventsReplay)
    #expect(guarded.verify(code, at: UnixTime(seconds: 65)).isAccepted)
    #expect(guarded.verify(code, at: UnixTime(seconds: 70)) == .rejected(.replayed(TOTPMatch(step: 2, offset: 0))))
    var open = TOTPVerifier(totp: totp, policy: .init(preventsReplay: false))
    #expect(open.verify(code, at: UnixTime(seconds: 65)).isAccepted)
    #expect(open.verify(code, at: UnixTime(seconds: 70)).isAccepted)
  }

  @Test("skew learning needs advancing times and agreeing offsets")
  func skewNeedsAdvance() {
    var server = TOTPVerifier(totp: totp, policy: .init(learnsSkew: true))
    // Three codes 5 steps ahead, but all typed within the same step: times do not advance.
    let base: UInt64 = 1000
    for index in 0..<3 {
      let decision = server.verify(
        totp.code(forStep: base + 5 + UInt64(index)), at: UnixTime(seconds: Int64(base) * 30))
      #expect(!decision.isAccepted)
    }
    #expect(server.skew == 0)
    // The same code twice is not a new observation.
    var again = TOTPVerifier(totp: totp, policy: .init(learnsSkew: true))
    let code = totp.code(forStep: base + 5)
    _ = again.verify(code, at: UnixTime(seconds: Int64(base) * 30))
    #expect(
      again.verify(code, at: UnixTime(seconds: Int64(base) * 30))
        == .rejected(.outsideWindow(TOTPMatch(step: base + 5, offset: 5))))
  }

  @Test("skew learning counts only agreeing observations")
  func skewCount() {
    var learner = SkewLearner()
    #expect(learner.observe(step: 100, skew: 5) == .learning(count: 1))
    // Three steps later: too far apart to agree with the first.
    #expect(learner.observe(step: 103, skew: 5) == .learning(count: 1))
    #expect(learner.observe(step: 104, skew: 5) == .learning(count: 2))
    #expect(learner.observe(step: 105, skew: 6) == .adopted(skew: 5))
  }

  @Test("a rate limit refuses right and wrong codes alike, then lets a later one through")
  func rateLimitRightOrWrong() throws {
    var server = TOTPVerifier(totp: totp, policy: .init(rateLimit: .libpamDefault))
    let start: Int64 = 3000
    _ = server.verify("000000", at: UnixTime(seconds: start))
    _ = server.verify("111111", at: UnixTime(seconds: start + 1))
    _ = server.verify("222222", at: UnixTime(seconds: start + 2))
    let right = try totp.code(at: UnixTime(seconds: start + 3))
    #expect(server.verify(right, at: UnixTime(seconds: start + 3)) == .rejected(.attempt(.rateLimited(retryAfter: .seconds(29)))))
    let later = try totp.code(at: UnixTime(seconds: start + 32))
    #expect(server.verify(later, at: UnixTime(seconds: start + 32)).isAccepted)
  }

  @Test("malformed codes say what is wrong")
  func malformed() {
    var server = TOTPVerifier(totp: totp)
    #expect(server.verify("", at: .epoch) == .rejected(.attempt(.malformed(.empty))))
    #expect(server.verify("12a456", at: .epoch) == .rejected(.attempt(.malformed(.notDigits("a", position: 3)))))
    #expect(server.verify("12345", at: .epoch) == .rejected(.attempt(.malformed(.wrongLength(expected: 6, actual: 5)))))
  }

  @Test("spaces between digit groups are forgiven")
  func spaces() throws {
    let code = totp.code(forStep: 3)
    #expect(
      try totp.match(String(code.prefix(3)) + " " + String(code.suffix(3)), at: UnixTime(seconds: 90))
        == TOTPMatch(step: 3, offset: 0))
  }

  @Test("the wide skew search runs only with skew learning on: otherwise a code far outside the window is wrong")
  func skewSearchOnlyWhenLearning() {
    let current: UInt64 = 50_000
    let far = totp.code(forStep: current - 1499)
    var plain = TOTPVerifier(totp: totp)
    #expect(plain.verify(far, at: UnixTime(seconds: Int64(current) * 30)) == .rejected(.attempt(.wrongCode)))
    var learning = TOTPVerifier(totp: totp, policy: .init(learnsSkew: true))
    #expect(
      learning.verify(far, at: UnixTime(seconds: Int64(current) * 30))
        == .rejected(.learningSkew(TOTPMatch(step: current - 1499, offset: -1499), count: 1)))
  }
}
