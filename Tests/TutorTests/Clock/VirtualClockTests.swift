import OTP
import Testing
import Tutor

@Suite("Virtual clock")
struct VirtualClockTests {
  @Test("a frozen clock moves only when told")
  func frozen() {
    let clock = VirtualClock(frozenAt: UnixTime(seconds: 59))
    #expect(clock.time == UnixTime(seconds: 59))
    clock.advance(by: .seconds(30))
    #expect(clock.time == UnixTime(seconds: 89))
    clock.advance(to: UnixTime(seconds: 1000))
    #expect(clock.now.time == UnixTime(seconds: 1000))
  }

  @Test("a running clock follows the real time from where it was set")
  func running() {
    let real = RealTime(UnixTime(seconds: 5000))
    let clock = VirtualClock(start: UnixTime(seconds: 100), mode: .running, realTime: real.read)
    real.move(by: .seconds(7))
    #expect(clock.time == UnixTime(seconds: 107))
    clock.freeze()
    real.move(by: .seconds(10))
    #expect(clock.time == UnixTime(seconds: 107))
    clock.run()
    real.move(by: .seconds(3))
    #expect(clock.time == UnixTime(seconds: 110))
    clock.setToRealTime()
    #expect(clock.time == real.read())
  }

  @Test("sleeping on a frozen clock moves it to the deadline at once")
  func sleep() async throws {
    let clock = VirtualClock(frozenAt: UnixTime(seconds: 0))
    try await clock.sleep(for: .seconds(30))
    #expect(clock.time == UnixTime(seconds: 30))
  }

  @Test("the session's clock commands and the app's drift")
  func commands() {
    let shell = Harness(start: UnixTime(seconds: 59))
    shell.run("secret set --text 12345678901234567890")
    #expect(shell.text("clock").hasPrefix("server time: 1970-01-01T00:00:59Z  (unix 59, frozen)\nTOTP step:   1, 1 s left of 30\n"))
    #expect(shell.text("advance 1h30m").hasPrefix("server time: 1970-01-01T01:30:59Z  (unix 5459, frozen)"))
    let drift = shell.text("clock drift -45s")
    #expect(drift.contains("app clock: -45s from the server's"))
    #expect(drift.contains("app time:    1970-01-01T01:30:14Z  (drift -45s)"))
    #expect(shell.text("clock set 2009-02-13T23:31:30Z").hasPrefix("server time: 2009-02-13T23:31:30Z  (unix 1234567890, frozen)"))
  }

  @Test("watch fast-forwards and prints the app's code with the server's verdict")
  func watch() {
    let shell = Harness(start: UnixTime(seconds: 0))
    shell.run("secret set --text 12345678901234567890")
    shell.run("clock drift +45s")
    let lines = shell.text("watch 1m --every 30s").split(separator: "\n")
    #expect(lines.count == 4)
    #expect(lines[1].hasPrefix("1970-01-01T00:00:00Z  0"))
    // At 45 s the app shows step 1's code, RFC 4226 Appendix D counter 1 (last 6 of 287082).
    #expect(lines[1].contains("287082"))
    #expect(lines[1].contains("rejects: wrong code (the tutor can tell: it is 1 step ahead"))
    #expect(shell.session.clock.time == UnixTime(seconds: 60))
  }
}

final class RealTime: Sendable {
  private let value: Mutex<UnixTime>
  init(_ time: UnixTime) { value = Mutex(time) }
  func move(by duration: Duration) { value.withLock { $0 = $0 + duration } }
  @Sendable func read() -> UnixTime { value.withLock { $0 } }
}

import Synchronization
