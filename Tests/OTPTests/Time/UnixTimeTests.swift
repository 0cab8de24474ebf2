import OTP
import Testing

@Suite("Unix time")
struct UnixTimeTests {
  @Test(
    "formats and parses ISO 8601",
    arguments: [
      (Int64(0), "1970-01-01T00:00:00Z"),
      (951_782_400, "2000-02-29T00:00:00Z"),
      (1_764_431_796, "2025-11-29T15:56:36Z"),
      (253_402_300_799, "9999-12-31T23:59:59Z"),
    ])
  func roundTrip(_ seconds: Int64, _ text: String) throws {
    #expect(UnixTime(seconds: seconds).iso8601 == text)
    #expect(try UnixTime(iso8601: text) == UnixTime(seconds: seconds))
  }

  @Test("accepts dates alone, spaces, fractions and offsets")
  func forms() throws {
    #expect(try UnixTime(iso8601: "2009-02-13") == UnixTime(seconds: 1_234_483_200))
    #expect(try UnixTime(iso8601: "2009-02-13 23:31:30") == UnixTime(seconds: 1_234_567_890))
    #expect(try UnixTime(iso8601: "2009-02-14T00:31:30+01:00") == UnixTime(seconds: 1_234_567_890))
    #expect(try UnixTime(iso8601: "2009-02-13T18:31:30-0500") == UnixTime(seconds: 1_234_567_890))
    #expect(try UnixTime(iso8601: "2009-02-13T23:31:30.5Z") == UnixTime(.milliseconds(1_234_567_890_500)))
    #expect(UnixTime(.milliseconds(1_500)).iso8601 == "1970-01-01T00:00:01.500Z")
  }

  @Test(
    "refuses impossible and out-of-range times",
    arguments: [
      "2026-13-01", "2026-02-30", "2025-02-29", "2026-01-01T24:00:00Z", "1969-12-31T23:59:59Z",
      "10000-01-01", "2026-1-1", "yesterday", "", "2026-01-01T00:00:00Zjunk",
    ])
  func refuses(_ text: String) {
    #expect(throws: TimeParseError.self) { try UnixTime(iso8601: text) }
  }

  @Test("arithmetic and rounding down")
  func arithmetic() {
    let time = UnixTime(seconds: 59) + .milliseconds(999)
    #expect(time.seconds == 59)
    #expect(time - UnixTime(seconds: 59) == .milliseconds(999))
    #expect((time - .seconds(60)).seconds == -1)
  }
}

@Suite("Unix time: fuzzer findings")
struct UnixTimeFuzzFindingTests {
  @Test("fractions finer than a millisecond are dropped, so formatting and parsing round-trip")
  func subMillisecond() throws {
    let time = try UnixTime(iso8601: "2009-02-13T23:31:35.2004Z")
    #expect(time == UnixTime(.milliseconds(1_234_567_895_200)))
    #expect(try UnixTime(iso8601: time.iso8601) == time)
  }
}

@Suite("Unix time: the range is checked in UTC, after the offset")
struct UnixTimeOffsetRangeTests {
  @Test(
    "times whose offset takes them past 9999 are refused as after the year 9999",
    arguments: ["9999-12-31T23:30:00-01:00", "9999-12-31T23:00:00-01:00", "9999-12-31T20:00:00-0400"])
  func afterLatest(_ text: String) throws {
    let error = #expect(throws: TimeParseError.self) { try UnixTime(iso8601: text) }
    #expect(error == .afterLatest(text))
    #expect(error?.description.contains("is after the year 9999") == true, "\(String(describing: error))")
  }

  @Test(
    "times whose offset takes them before 1970 are refused as before 1970",
    arguments: [
      "1970-01-01T00:30:00+01:00", "1970-01-01T00:00:00+00:01", "0000-01-01T00:30:00+01:00",
      "1969-12-31T23:59:59Z", "1969-12-31T22:30:00-01:00", "0000-01-01",
    ])
  func beforeEpoch(_ text: String) throws {
    let error = #expect(throws: TimeParseError.self) { try UnixTime(iso8601: text) }
    #expect(error == .beforeEpoch(text))
    #expect(error?.description.contains("is before 1970") == true, "\(String(describing: error))")
  }

  @Test("a time written in another year but inside 1970–9999 in UTC is accepted")
  func insideOnceOffset() throws {
    #expect(try UnixTime(iso8601: "1969-12-31T23:30:00-01:00") == UnixTime(seconds: 1800))
    #expect(try UnixTime(iso8601: "1969-12-31T19:00:00-0500") == UnixTime.epoch)
    #expect(try UnixTime(iso8601: "9999-12-31T23:59:59.999Z") == UnixTime.latest + .milliseconds(999))
    #expect(try UnixTime(iso8601: "9999-12-31T23:59:59-00:00") == UnixTime.latest)
    #expect(try UnixTime(iso8601: "9999-12-31T23:59:59+01:00") == UnixTime.latest - .seconds(3600))
  }
}
