@testable import OTP
import Testing

/// Every public value of the engine is valid by construction, or refused with a typed error:
/// no input traps or hangs. (A trap here would end the whole test run: that is the failure.)
@Suite("Valid by construction")
struct ValidByConstructionTests {
  @Test(
    "a window side outside 0...1000 is refused, not clamped or trapped on",
    arguments: [Int.min, -1, 1001, Int.max])
  func windowSides(_ steps: Int) {
    #expect(throws: PolicyError.windowOutOfRange(steps)) { try VerificationWindow(past: steps, future: 0) }
    #expect(throws: PolicyError.windowOutOfRange(steps)) { try VerificationWindow(past: 0, future: steps) }
  }

  @Test("the largest windows are accepted: ±1000 steps, libpam sizes up to 2001")
  func largestWindows() throws {
    let widest = try VerificationWindow(past: 1000, future: 1000)
    #expect(widest.offsets == -1000...1000)
    #expect(try VerificationWindow(size: 2001) == widest)
    #expect(try VerificationWindow(size: 1) == .exact)
  }

  @Test("a libpam WINDOW_SIZE outside 1...2001 is refused", arguments: [Int.min, -3, 0, 2002, Int.max])
  func windowSizes(_ size: Int) {
    #expect(throws: PolicyError.windowSizeOutOfRange(size)) { try VerificationWindow(size: size) }
  }

  @Test("RFC 6238 §4.1's T0 may be anywhere: near Int64.min it still gives exact steps")
  func t0FarInThePast() throws {
    let secret = try Secret(text: "12345678901234567890")
    let totp = try TOTP(secret: secret, t0: UnixTime(seconds: .min))
    let elapsed = UInt64(Int64.max) + 1  // from Int64.min seconds to the epoch
    #expect(try totp.step(at: .epoch) == elapsed / 30)
    #expect(try totp.code(at: .epoch) == totp.code(forStep: elapsed / 30))
    #expect(try totp.step(at: .latest) == (elapsed + 253_402_300_799) / 30)
    #expect(try totp.timeRemaining(at: .epoch) == .seconds(30 - Int64(elapsed % 30)))
    var server = TOTPVerifier(totp: totp)
    #expect(server.verify(totp.code(forStep: elapsed / 30), at: .epoch).isAccepted)
  }

  @Test("an interval far beyond the end of time saturates instead of wrapping")
  func intervalAtTheEnd() throws {
    let totp = try TOTP(secret: Secret(text: "12345678901234567890"))
    let interval = totp.interval(of: .max)
    #expect(interval.lowerBound == UnixTime(seconds: .max))
    #expect(interval.isEmpty)
    #expect(totp.interval(of: 2).lowerBound == UnixTime(seconds: 60))
  }

  @Test("a verifier asked at the ends of time refuses without trapping")
  func verifierAtTheEnds() throws {
    let totp = try TOTP(secret: Secret(text: "12345678901234567890"))
    var server = TOTPVerifier(totp: totp)
    #expect(server.verify("123456", at: UnixTime(seconds: .min)) == .rejected(.clockBeforeT0))
    #expect(server.verify("123456", at: UnixTime(seconds: .max)) == .rejected(.clockAfterLatest))
    var hotpServer = HOTPVerifier(hotp: totp.hotp)
    #expect(!hotpServer.verify("123456", at: UnixTime(seconds: .min)).isAccepted)
  }

  @Test("a step moved by any offset, Int.min included, is a step or nil")
  func stepOffsets() {
    #expect(HOTP.counter(5, offsetBy: .min) == nil)
    #expect(HOTP.counter(.max, offsetBy: .min) == UInt64.max - UInt64(Int.max) - 1)
    #expect(HOTP.counter(.max, offsetBy: 1) == nil)
    #expect(HOTP.counter(0, offsetBy: .max) == UInt64(Int.max))
  }

  @Test("skew learning takes any step and skew without overflowing")
  func skewExtremes() {
    var learner = SkewLearner()
    #expect(learner.observe(step: .max, skew: .max) == .learning(count: 1))
    #expect(learner.observe(step: .max, skew: .min) == .learning(count: 1))
    // UInt64.max + Int.min and 0 + Int.max are the same step, 2^63 − 1: the same code again.
    #expect(learner.observe(step: 0, skew: .max) == .repeated)
    #expect(learner.observe(step: 1, skew: .max - 3) == .learning(count: 1))
    #expect(learner.observe(step: 2, skew: .max - 3) == .learning(count: 2))
    #expect(learner.observe(step: 3, skew: .max - 2) == .adopted(skew: .max - 3))
  }
}
