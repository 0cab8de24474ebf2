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

@Suite("Unix time: the ends")
struct UnixTimeEndTests {
  @Test("the first and last instants format without trapping")
  func formatsTheEnds() {
    #expect(UnixTime(seconds: .min).iso8601.hasSuffix("Z"))
    #expect(UnixTime(seconds: .max).iso8601.hasSuffix("Z"))
    #expect(UnixTime(seconds: -1).iso8601 == "1969-12-31T23:59:59Z")
    #expect(UnixTime(seconds: -86_400).iso8601 == "1969-12-31T00:00:00Z")
    #expect(UnixTime(seconds: -86_401).iso8601 == "1969-12-30T23:59:59Z")
  }

  @Test("instants beyond Int64 seconds saturate: made, moved or read")
  func saturates() {
    let beyond = UnixTime(.seconds(Int64.max) + .seconds(Int64.max))
    #expect(beyond == UnixTime(seconds: .max))
    #expect(beyond.seconds == .max)
    #expect((UnixTime(seconds: .min) - .seconds(1)).seconds == .min)
    #expect((UnixTime(seconds: .min) + .milliseconds(500)).seconds == .min)
    #expect((UnixTime(seconds: .max) + .seconds(Int64.max) * 4).seconds == .max)
    #expect((UnixTime(seconds: .max) - .seconds(Int64.min) * 4).seconds == .max)
    #expect(UnixTime(seconds: .max) - UnixTime(seconds: .min) == .seconds(Int64.max) - .seconds(Int64.min))
  }
}
