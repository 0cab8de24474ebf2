import OTP
import Testing
import Tutor

/// A clock command that reports an error has moved nothing: the range is checked first.
@Suite("Session: a refused clock command moves nothing")
struct ClockRefusalTests {
  @Test("a clock set refused for the app's drift leaves the clock and the drift as they were")
  func setRefusedForDrift() {
    let shell = Harness()
    shell.run("secret set --text 12345678901234567890")
    #expect(shell.run("clock drift +1d").outcome == .succeeded)
    let result = shell.run("clock set 253402300000")
    #expect(result.outcome == .failed)
    #expect(result.text.hasPrefix("error: "), "\(result.text)")
    #expect(result.text.contains("after the year 9999"), "\(result.text)")
    #expect(result.text.filter { $0 == "\n" }.count == 1, "\(result.text)")
    #expect(shell.session.clock.time == .scriptDefault)
    #expect(shell.session.appTime == .scriptDefault + .seconds(86_400))

    #expect(shell.run("clock drift -1d").outcome == .succeeded)
    let early = shell.run("clock set 1000")
    #expect(early.outcome == .failed)
    #expect(early.text.contains("before 1970"), "\(early.text)")
    #expect(shell.session.clock.time == .scriptDefault)
    #expect(shell.session.appTime == .scriptDefault - .seconds(86_400))
  }

  @Test("an advance refused for the app's drift leaves the clock and the drift as they were")
  func advanceRefusedForDrift() {
    let shell = Harness(start: UnixTime(seconds: 253_402_000_000))
    shell.run("secret set --text 12345678901234567890")
    #expect(shell.run("clock drift +3d").outcome == .succeeded)
    for line in ["advance 1d", "clock advance 1d"] {
      let result = shell.run(line)
      #expect(result.outcome == .failed)
      #expect(result.text.contains("after the year 9999"), "\(result.text)")
      #expect(shell.session.clock.time == UnixTime(seconds: 253_402_000_000))
      #expect(shell.session.appTime == UnixTime(seconds: 253_402_259_200))
    }
  }

  @Test("a drift refused for the range leaves the drift it replaces, rather than resetting it")
  func driftRefused() {
    let shell = Harness(start: .latest - .seconds(10))
    #expect(shell.run("clock drift +5s").outcome == .succeeded)
    let result = shell.run("clock drift +1m")
    #expect(result.outcome == .failed)
    #expect(
      result.text == "error: with a drift of +1m, the app's clock would be after the year 9999 (unix 253402300849);"
        + " choose a smaller drift\n", "\(result.text)")
    #expect(shell.session.appTime == .latest - .seconds(5))
  }

  @Test("the last fraction of 9999 is in range for the server and the app")
  func lastSecond() {
    let shell = Harness()
    let set = shell.run("clock set 253402300799.5")
    #expect(set.outcome == .succeeded, "\(set.text)")
    #expect(set.text.hasPrefix("server time: 9999-12-31T23:59:59.500Z"), "\(set.text)")
  }
}
