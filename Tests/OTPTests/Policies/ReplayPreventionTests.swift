import OTP
import Testing

/// RFC 6238 §5.2: "the verifier MUST NOT accept the second attempt of the OTP after the
/// successful validation has been issued for the first OTP", for every step a window reaches,
/// as google-authenticator-libpam's DISALLOW_REUSE remembers them.
@Suite("Replay prevention, RFC 6238 §5.2")
struct ReplayPreventionTests {
  let totp: TOTP
  init() throws {
    totp = try TOTP(secret: Secret(text: "12345678901234567890"))
  }

  func at(step: UInt64) -> UnixTime { UnixTime(seconds: Int64(step) * 30) }

  @Test("is the default policy: the second attempt of a code is refused")
  func onByDefault() {
    #expect(TOTPVerifier.Policy().preventsReplay)
    var server = TOTPVerifier(totp: totp)
    let code = totp.code(forStep: 40)
    #expect(server.verify(code, at: at(step: 40)) == .accepted(.code(TOTPMatch(step: 40, offset: 0))))
    #expect(server.verify(code, at: at(step: 40) + .seconds(5)) == .rejected(.replayed(TOTPMatch(step: 40, offset: 0))))
  }

  @Test("a code used 65 steps ago, inside a past window of 100, is still refused: no count cap")
  func noCap() throws {
    var server = TOTPVerifier(
      totp: totp, policy: .init(window: try .init(past: 100, future: 0), rateLimit: nil, lockOut: nil))
    let first: UInt64 = 5000
    for step in first...(first + 65) {
      #expect(server.verify(totp.code(forStep: step), at: at(step: step)).isAccepted)
    }
    #expect(
      server.verify(totp.code(forStep: first), at: at(step: first + 65))
        == .rejected(.replayed(TOTPMatch(step: first, offset: -65))))
  }

  @Test("memory is bounded by the widest window, not by a count: 2,500 logins leave the last 1,001 steps")
  func boundedByWindow() {
    var server = TOTPVerifier(totp: totp, policy: .init(rateLimit: nil, lockOut: nil))
    let first: UInt64 = 10_000
    let last = first + 2499
    for step in first...last {
      #expect(server.verify(totp.code(forStep: step), at: at(step: step)).isAccepted)
    }
    let used = server.replayGuard.usedSteps
    #expect(used.count == VerificationWindow.maximum + 1)
    #expect(used.first == last - UInt64(VerificationWindow.maximum))
    #expect(used.last == last)
    #expect(server.replayGuard.horizon == last - UInt64(VerificationWindow.maximum))
  }

  @Test("a clock set back further than any window reaches cannot bring a forgotten code back")
  func clockSetBack() {
    var server = TOTPVerifier(totp: totp, policy: .init(rateLimit: nil, lockOut: nil))
    let code = totp.code(forStep: 3000)
    #expect(server.verify(code, at: at(step: 3000)).isAccepted)
    #expect(server.verify(totp.code(forStep: 4500), at: at(step: 4500)).isAccepted)
    #expect(!server.replayGuard.hasUsed(3000), "forgotten: 1500 steps behind the latest")
    #expect(server.verify(code, at: at(step: 3000)) == .rejected(.replayed(TOTPMatch(step: 3000, offset: 0))))
  }

  @Test("a clock that jumped forward while codes failed does not make later logins replays")
  func clockJumpedForward() {
    var server = TOTPVerifier(totp: totp, policy: .init(rateLimit: nil, lockOut: nil))
    #expect(server.verify(totp.code(forStep: 2000), at: at(step: 2000)).isAccepted)
    #expect(server.verify("000000", at: at(step: 90_000)) == .rejected(.attempt(.wrongCode)))
    #expect(server.latestStep == 2000)
    #expect(server.verify(totp.code(forStep: 2001), at: at(step: 2001)).isAccepted)
  }

  @Test("widening the window later does not reopen a used step")
  func widenedLater() throws {
    var server = TOTPVerifier(totp: totp, policy: .init(rateLimit: nil, lockOut: nil))
    let code = totp.code(forStep: 700)
    #expect(server.verify(code, at: at(step: 700)).isAccepted)
    #expect(server.verify(totp.code(forStep: 900), at: at(step: 900)).isAccepted)
    server.policy.window = try .init(past: 300, future: 0)
    #expect(server.verify(code, at: at(step: 900)) == .rejected(.replayed(TOTPMatch(step: 700, offset: -200))))
  }

  @Test("the guard remembers used steps in order and counts steps before its horizon as spent")
  func guardAlone() {
    var replayGuard = ReplayGuard()
    for step: UInt64 in [7, 3, 5, 3] { replayGuard.use(step) }
    #expect(replayGuard.usedSteps == [3, 5, 7])
    #expect(replayGuard.hasUsed(5) && !replayGuard.hasUsed(4))
    replayGuard.forget(before: 5)
    #expect(replayGuard.usedSteps == [5, 7])
    #expect(replayGuard.isSpent(3) && !replayGuard.hasUsed(3))
    #expect(!replayGuard.isSpent(6))
    replayGuard.use(2)
    #expect(replayGuard.usedSteps == [5, 7], "a step before the horizon is spent already")
    replayGuard.forget(before: 0)
    #expect(!replayGuard.isSpent(3), "moving the horizon back remembers nothing new")
  }
}
