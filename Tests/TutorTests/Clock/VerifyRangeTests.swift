import OTP
import Testing
import Tutor

@Suite("Session: verify at the end of the range")
struct VerifyRangeTests {
  @Test("verify on a server clock past 9999 says so, not that the clock is before T0")
  func verifyPastLatest() {
    let real = RealTime(.scriptDefault)
    let output = OutputBuffer()
    let session = Session(
      configuration: .init(start: .latest, clockMode: .running, realTime: real.read), output: output)
    session.execute("secret set --text 12345678901234567890")
    real.move(by: .seconds(5))
    _ = output.take()
    session.execute("verify 123456")
    let text = output.take()
    #expect(!text.contains("before T0"), "\(text)")
    #expect(text.contains("after the year 9999"), "\(text)")
  }
}
