public import OTP

extension UnixTime {
  /// The instant scripts start at without `--clock`: 2026-01-01T00:00:00Z.
  public static let scriptDefault = UnixTime(seconds: 1_767_225_600)

  /// Parses a time as typed: Unix seconds (`1234567890`, `59.5`) or ISO 8601
  /// (`2009-02-13T23:31:30Z`, `2026-11-29`).
  public static func parse(typed text: String) throws(TutorError) -> UnixTime {
    if let first = text.first, first.isASCII, first.isNumber || first == "-",
      text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
      !text.dropFirst().contains("-")
    {
      let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
      guard let seconds = Int64(parts[0]), seconds >= 0 else {
        throw TutorError(
          "'\(text.quotedForMessage)' is before 1970", remedy: "give Unix seconds from 0, or a date like 2026-11-29T15:56:36Z")
      }
      guard seconds <= UnixTime.latest.seconds else {
        throw TutorError(
          "'\(text.quotedForMessage)' is after the year 9999", remedy: "give at most \(UnixTime.latest.seconds)")
      }
      var time = UnixTime(seconds: seconds)
      if parts.count == 2 {
        let fraction = parts[1].prefix(3)
        guard !parts[1].isEmpty, parts[1].allSatisfy(\.isNumber), let value = Int64(fraction) else {
          throw TutorError("'\(text.quotedForMessage)' is not a time", remedy: "write Unix seconds like 59 or 59.5")
        }
        time = time + .milliseconds(value * [100, 10, 1][fraction.count - 1])
      }
      return time
    }
    do {
      return try UnixTime(iso8601: text)
    } catch {
      throw TutorError(error)
    }
  }
}
