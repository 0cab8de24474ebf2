import OTP
import Testing
import Tutor

@Suite("Typed times")
struct TypedTimeTests {
  @Test(
    "Unix seconds as typed, with a fraction to the millisecond",
    arguments: [
      ("0", UnixTime.epoch), ("-0", UnixTime.epoch), ("-0.000", UnixTime.epoch), ("59", UnixTime(seconds: 59)),
      ("59.5", UnixTime(.milliseconds(59_500))), ("59.0625", UnixTime(.milliseconds(59_062))),
      ("00000000000000000000000059", UnixTime(seconds: 59)),
      ("253402300799", UnixTime.latest), ("253402300799.999", UnixTime.latest + .milliseconds(999)),
      ("2009-02-13T23:31:30Z", UnixTime(seconds: 1_234_567_890)),
    ])
  func parses(_ text: String, _ time: UnixTime) throws {
    #expect(try UnixTime.parse(typed: text) == time)
  }

  @Test(
    "a time before 1970 is refused as before 1970, fractions included",
    arguments: ["-0.5", "-0.001", "-1", "-1.5", "-99999999999999999999", "-253402300800"])
  func beforeEpoch(_ text: String) {
    let error = #expect(throws: TutorError.self) { try UnixTime.parse(typed: text) }
    #expect(error?.problem == "'\(text)' is before 1970", "\(String(describing: error))")
    #expect(error?.remedy?.contains("give Unix seconds from 0") == true)
  }

  @Test(
    "a time after 9999 is refused as after 9999, however many digits it has",
    arguments: [
      "253402300800", "253402300800.5", "99999999999999999999", "9223372036854775808",
      "9223372036854775807", "99999999999999999999999999999999999999.5",
    ])
  func afterLatest(_ text: String) {
    let error = #expect(throws: TutorError.self) { try UnixTime.parse(typed: text) }
    #expect(error?.problem == "'\(text)' is after the year 9999", "\(String(describing: error))")
    #expect(error?.remedy == "give at most 253402300799")
  }

  @Test("text that only looks like a number is not a time", arguments: ["-", "1.", "-.5", "-1.", "1.2.3"])
  func notANumber(_ text: String) {
    let error = #expect(throws: TutorError.self) { try UnixTime.parse(typed: text) }
    #expect(error?.problem.contains("is not a time") == true, "\(String(describing: error))")
  }
}

@Suite("Session: messages about time at the ends of the range")
struct ClockRangeMessageTests {
  @Test("clock set with more digits than a 64-bit number says after 9999, not before 1970")
  func overflow() {
    let shell = Harness()
    let result = shell.run("clock set 99999999999999999999")
    #expect(result.outcome == .failed)
    #expect(
      result.text == "error: '99999999999999999999' is after the year 9999; give at most 253402300799\n",
      "\(result.text)")
  }

  @Test("clock set -0.5 is before 1970, and leaves the clock where it was")
  func negativeFraction() {
    let shell = Harness()
    let result = shell.run("clock set -0.5")
    #expect(result.outcome == .failed)
    #expect(result.text.hasPrefix("error: '-0.5' is before 1970; "), "\(result.text)")
    #expect(shell.session.clock.time == .scriptDefault)
  }

  @Test("clock set to a time that an offset takes past 9999 or before 1970 is refused as such")
  func offsets() {
    let shell = Harness()
    let late = shell.run("clock set 9999-12-31T23:30:00-01:00")
    #expect(late.outcome == .failed)
    #expect(late.text.hasPrefix("error: '9999-12-31T23:30:00-01:00' is after the year 9999"), "\(late.text)")
    let end = shell.run("clock set 9999-12-31T23:00:00-01:00")
    #expect(end.outcome == .failed)
    #expect(end.text.hasPrefix("error: '9999-12-31T23:00:00-01:00' is after the year 9999"), "\(end.text)")
    let early = shell.run("clock set 1970-01-01T00:30:00+01:00")
    #expect(early.outcome == .failed)
    #expect(early.text.hasPrefix("error: '1970-01-01T00:30:00+01:00' is before 1970"), "\(early.text)")
    #expect(shell.session.clock.time == .scriptDefault)
    let inside = shell.run("clock set 1969-12-31T23:30:00-01:00")
    #expect(inside.outcome == .succeeded, "\(inside.text)")
    #expect(shell.session.clock.time == UnixTime(seconds: 1800))
  }
}
