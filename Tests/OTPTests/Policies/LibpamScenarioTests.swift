import OTP
import Testing

/// The scenarios of google-authenticator-libpam's own unit test
/// (tests/pam_google_authenticator_unittest.c), replayed against this engine's policies.
/// Times are step × 30 seconds, as there.
@Suite("google-authenticator-libpam's scenarios")
struct LibpamScenarioTests {
  let totp: TOTP

  init() throws {
    totp = try TOTP(secret: Secret(base32: "2SH3V3GDW7ZNMGYE"))
  }

  func at(step: Int64) -> UnixTime { UnixTime(seconds: step * 30) }

  @Test("the test's default code is the one for step 10000")
  func defaultCode() {
    #expect(totp.code(forStep: 10_000) == "050548")
  }

  @Test("the default window of 3 accepts one step either side")
  func defaultWindow() throws {
    // libpam's test types the same code at each time, without DISALLOW_REUSE: replay prevention off.
    var server = TOTPVerifier(totp: totp, policy: .init(window: try VerificationWindow(size: 3), preventsReplay: false))
    let results = [9998, 9999, 10_001, 10_002, 10_000].map {
      server.verify("050548", at: at(step: $0)).isAccepted
    }
    #expect(results == [false, true, true, false, true])
  }

  @Test("a window of 6 accepts codes 2 steps back and 3 ahead")
  func windowOfSix() throws {
    // As above: the same code at each time, without DISALLOW_REUSE.
    var server = TOTPVerifier(totp: totp, policy: .init(window: try VerificationWindow(size: 6), preventsReplay: false))
    #expect(try VerificationWindow(size: 6) == VerificationWindow(past: 2, future: 3))
    let results = [9996, 9997, 10_002, 10_003, 10_000].map {
      server.verify("050548", at: at(step: $0)).isAccepted
    }
    #expect(results == [false, true, true, false, true])
  }

  @Test("RATE_LIMIT 4 120: four correct codes pass, the fifth is refused, a later one passes")
  func rateLimit() throws {
    var server = TOTPVerifier(totp: totp, policy: .init(rateLimit: try RateLimit(attempts: 4, per: .seconds(120))))
    var results: [Bool] = []
    for step: Int64 in [20_000, 20_001, 20_002, 20_003, 20_004, 20_006] {
      results.append(server.verify(totp.code(forStep: UInt64(step)), at: at(step: step)).isAccepted)
    }
    #expect(results == [true, true, true, true, false, true])
    // As in libpam, the refused attempt is recorded too.
    #expect(server.rateLimiter?.attempts == [600_060, 600_090, 600_120, 600_180])
  }

  @Test("skew learning: the phone 1000 steps behind; attempts 1–2 fail, 3–4 succeed")
  func skewLearning() throws {
    var server = TOTPVerifier(
      totp: totp,
      policy: .init(window: try VerificationWindow(size: 6), preventsReplay: true, learnsSkew: true))
    var decisions: [TOTPVerifier.Decision] = []
    for index: Int64 in 0..<4 {
      let code = totp.code(forStep: UInt64(11_000 + index))
      decisions.append(server.verify(code, at: at(step: 12_000 + index)))
    }
    #expect(decisions.map(\.isAccepted) == [false, false, true, true])
    #expect(decisions[0] == .rejected(.learningSkew(TOTPMatch(step: 11_000, offset: -1000), count: 1)))
    #expect(decisions[1] == .rejected(.learningSkew(TOTPMatch(step: 11_001, offset: -1000), count: 2)))
    #expect(decisions[2] == .accepted(.skewAdopted(TOTPMatch(step: 11_002, offset: -1000), skew: -1000)))
    #expect(decisions[3] == .accepted(.code(TOTPMatch(step: 11_003, offset: -1000))))
    #expect(server.skew == -1000)
  }

  @Test("without skew learning (libpam's noskewadj) the same codes are simply wrong: nothing is searched")
  func noSkewLearning() throws {
    var server = TOTPVerifier(totp: totp, policy: .init(window: try VerificationWindow(size: 6)))
    #expect(server.verify(totp.code(forStep: 11_010), at: at(step: 12_020)) == .rejected(.attempt(.wrongCode)))
  }

  @Test("a scratch code works once")
  func scratchCode() throws {
    var server = TOTPVerifier(totp: totp)
    #expect(server.verify("12345678", at: at(step: 1)) == .rejected(.attempt(.unknownScratchCode)))
    server.scratchCodes = try ScratchCodes(["12345678"])
    #expect(server.verify("12345678", at: at(step: 1)) == .accepted(.scratchCode(remaining: 0)))
    #expect(server.verify("12345678", at: at(step: 1)) == .rejected(.attempt(.unknownScratchCode)))
  }
}
