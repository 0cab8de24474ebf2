public import OTP

extension UnixTime {
  /// The instant scripts start at without `--clock`: 2026-01-01T00:00:00Z.
  public static let scriptDefault = UnixTime(seconds: 1_767_225_600)

  /// Parses a time as typed: Unix seconds (`1234567890`, `59.5`) or ISO 8601
  /// (`2009-02-13T23:31:30Z`, `2026-11-29`).
  ///
  /// Unix seconds keep their sign, fraction included (`-0.5` is before 1970), and any number
  /// of digits is read as the side of the range it falls on: `99999999999999999999` is after
  /// the year 9999, not a number too big to read.
  ///
  /// - Throws: ``TutorError`` saying what was wrong and what to type instead.
  public static func parse(typed text: String) throws(TutorError) -> UnixTime {
    if let first = text.first, first.isASCII, first.isNumber || first == "-",
      text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
      !text.dropFirst().contains("-")
    {
      return try parse(unixSeconds: text)
    }
    do {
      return try UnixTime(iso8601: text)
    } catch {
      throw TutorError(error)
    }
  }

  /// Reads `[-]digits[.digits]`, text of ASCII digits, dots and at most a leading `-`.
  private static func parse(unixSeconds text: String) throws(TutorError) -> UnixTime {
    let isNegative = text.hasPrefix("-")
    let parts = text.dropFirst(isNegative ? 1 : 0).split(
      separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let whole = parts[0]
    let fraction = parts.count == 2 ? parts[1] : ""
    guard !whole.isEmpty, parts.count == 1 || (!fraction.isEmpty && fraction.allSatisfy(\.isNumber)) else {
      throw TutorError("'\(text.quotedForMessage)' is not a time", remedy: "write Unix seconds like 59 or 59.5")
    }
    // Leading zeros say nothing; what is left decides the side of the range, however long.
    let significant = whole.drop { $0 == "0" }
    let isZero = significant.isEmpty && fraction.allSatisfy { $0 == "0" }
    guard !isNegative || isZero else {
      throw TutorError(
        "'\(text.quotedForMessage)' is before 1970",
        remedy: "give Unix seconds from 0, or a date like 2026-11-29T15:56:36Z")
    }
    // Only an overflow makes Int64(_:) fail here: the digits are checked above.
    guard let seconds = significant.isEmpty ? 0 : Int64(significant), seconds <= UnixTime.latest.seconds else {
      throw TutorError(
        "'\(text.quotedForMessage)' is after the year 9999", remedy: "give at most \(UnixTime.latest.seconds)")
    }
    let time = UnixTime(seconds: seconds)
    // Milliseconds are kept, as ISO 8601 times keep them; further digits are dropped.
    let digits = (fraction + "000").prefix(3).compactMap(\.wholeNumberValue)
    return time + .milliseconds(digits.reduce(0) { $0 * 10 + Int64($1) })
  }
}
