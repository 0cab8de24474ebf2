import OTP
import Testing

@Suite("Unix time: the verifier at the ends of the range")
struct VerifierRangeTests {
  @Test("a server time past 9999 is refused as after the range, not as before T0")
  func afterLatest() throws {
    var verifier = TOTPVerifier(totp: try TOTP(secret: try Secret(text: "12345678901234567890")))
    #expect(verifier.verify("123456", at: .latest + .seconds(1)) == .rejected(.clockAfterLatest))
    #expect(verifier.verify("123456", at: .latest + .seconds(86_400)) == .rejected(.clockAfterLatest))
  }

  @Test("a server time before T0 is still refused as before T0")
  func beforeT0() throws {
    let totp = try TOTP(secret: try Secret(text: "12345678901234567890"), t0: UnixTime(seconds: 100))
    var verifier = TOTPVerifier(totp: totp)
    #expect(verifier.verify("123456", at: UnixTime(seconds: 99)) == .rejected(.clockBeforeT0))
  }
}
