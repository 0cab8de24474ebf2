extension UnixTime {
  /// The instant in ISO 8601 UTC with whole seconds, such as `2033-05-18T03:33:20Z`;
  /// milliseconds are added when the instant is not on a whole second.
  public var iso8601: String {
    let seconds = self.seconds
    // Floor division and a non-negative remainder, without overflow at Int64.min.
    let days = seconds >= 0 ? seconds / 86_400 : (seconds + 1) / 86_400 - 1
    let secondOfDay = (seconds % 86_400 + 86_400) % 86_400
    let (year, month, day) = Self.civil(fromDays: days)
    var text = Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2)
    text += "T" + Self.pad(secondOfDay / 3600, 2) + ":" + Self.pad(secondOfDay / 60 % 60, 2)
    text += ":" + Self.pad(secondOfDay % 60, 2)
    let milliseconds = fractionOfSecond.components.attoseconds / 1_000_000_000_000_000
    if milliseconds > 0 { text += "." + Self.pad(milliseconds, 3) }
    return text + "Z"
  }

  /// Parses an ISO 8601 date and time.
  ///
  /// Accepted: `2026-11-29`, `2026-11-29T15:56:36Z`, a space instead of `T`, fractions of a
  /// second to the millisecond (`15:56:36.250Z`; further digits are dropped), and offsets
  /// (`+01:00`, `-0500`). A time without `Z` or an offset is taken as UTC.
  ///
  /// The instant must fall from 1970-01-01T00:00:00Z to the end of 9999 in UTC, once any
  /// offset is applied: `1969-12-31T23:30:00-01:00` is 00:30 on the first day of 1970, and
  /// `9999-12-31T23:30:00-01:00` is in the year 10000.
  ///
  /// - Throws: ``TimeParseError`` saying which part is wrong, or on which side of the range
  ///   the instant falls.
  public init(iso8601 text: String) throws(TimeParseError) {
    var scanner = Scanner(text)
    let year = try scanner.number(digits: 4, field: "year")
    try scanner.expect("-", after: "year")
    let month = try scanner.number(digits: 2, field: "month")
    try scanner.expect("-", after: "month")
    let day = try scanner.number(digits: 2, field: "day")
    // The year is checked with the offset applied, at the end: the calendar works for any
    // four-digit year.
    guard (1...12).contains(month) else { throw .invalidField("month", text) }
    guard (1...Self.daysIn(month: month, year: year)).contains(day) else {
      throw .invalidField("day", text)
    }
    var secondOfDay: Int64 = 0
    var fraction: Duration = .zero
    var offset: Int64 = 0
    if !scanner.isAtEnd {
      guard scanner.take("T") || scanner.take("t") || scanner.take(" ") else {
        throw .unexpected(scanner.position, text)
      }
      let hour = try scanner.number(digits: 2, field: "hour")
      try scanner.expect(":", after: "hour")
      let minute = try scanner.number(digits: 2, field: "minute")
      var second: Int64 = 0
      if scanner.take(":") {
        second = try scanner.number(digits: 2, field: "second")
        if scanner.take(".") || scanner.take(",") {
          fraction = try scanner.fraction()
        }
      }
      guard hour < 24 else { throw .invalidField("hour", text) }
      guard minute < 60 else { throw .invalidField("minute", text) }
      guard second < 60 else { throw .invalidField("second", text) }
      secondOfDay = hour * 3600 + minute * 60 + second
      if scanner.take("Z") || scanner.take("z") {
        // UTC
      } else if let sign: Int64 = scanner.take("+") ? 1 : scanner.take("-") ? -1 : nil {
        let hours = try scanner.number(digits: 2, field: "offset hours")
        _ = scanner.take(":")
        let minutes = try scanner.number(digits: 2, field: "offset minutes")
        guard hours < 24, minutes < 60 else { throw .invalidField("offset", text) }
        offset = sign * (hours * 3600 + minutes * 60)
      }
    }
    guard scanner.isAtEnd else { throw .unexpected(scanner.position, text) }
    let seconds = Self.days(year: year, month: month, day: day) * 86_400 + secondOfDay - offset
    self.init(.seconds(seconds) + fraction)
    guard self >= .epoch else { throw .beforeEpoch(text) }
    // The last second of 9999 and its fractions, but not 10000-01-01T00:00:00Z.
    guard self < .latest + .seconds(1) else { throw .afterLatest(text) }
  }

  // Howard Hinnant's days_from_civil and civil_from_days, for the proleptic Gregorian calendar.
  static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  private static func daysIn(month: Int64, year: Int64) -> Int64 {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  private static func pad(_ value: Int64, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}

/// Why a text is not an ISO 8601 time.
public enum TimeParseError: Error, Equatable, Sendable {
  /// A field was missing or had the wrong number of digits.
  case missingField(String, String)
  /// A field had an impossible value, such as month 13.
  case invalidField(String, String)
  /// Something unexpected at a 1-based character position.
  case unexpected(Int, String)
  /// A time before 1970-01-01T00:00:00Z, once any offset is applied.
  case beforeEpoch(String)
  /// A time after 9999-12-31T23:59:59.999Z, once any offset is applied.
  case afterLatest(String)
}

extension TimeParseError: CustomStringConvertible {
  /// The problem and what to do instead, in one line.
  public var description: String {
    let example = "write it like 2026-11-29T15:56:36Z or as Unix seconds"
    return switch self {
    case .missingField(let field, let text):
      "'\(text.printable)' has no valid \(field); \(example)"
    case .invalidField(let field, let text):
      "'\(text.printable)' has an impossible \(field); \(example)"
    case .unexpected(let position, let text):
      "'\(text.printable)' is not an ISO 8601 time (unexpected character at position \(position)); \(example)"
    case .beforeEpoch(let text):
      "'\(text.printable)' is before 1970 in UTC; use a time from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z"
    case .afterLatest(let text):
      "'\(text.printable)' is after the year 9999 in UTC; use a time from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z"
    }
  }
}

extension String {
  /// The text as it can be shown in a one-line message: control characters escaped, and
  /// cut short when very long.
  var printable: String {
    let shown = count > 60 ? String(prefix(57)) + "…" : self
    return shown.map(\.printable).joined()
  }
}

private struct Scanner {
  let characters: [Character]
  var index = 0

  init(_ text: String) { characters = Array(text) }

  var isAtEnd: Bool { index == characters.count }
  var position: Int { index + 1 }

  mutating func take(_ character: Character) -> Bool {
    guard index < characters.count, characters[index] == character else { return false }
    index += 1
    return true
  }

  mutating func expect(_ character: Character, after field: String) throws(TimeParseError) {
    guard take(character) else { throw .unexpected(position, String(characters)) }
  }

  mutating func number(digits: Int, field: String) throws(TimeParseError) -> Int64 {
    var value: Int64 = 0
    for _ in 0..<digits {
      guard index < characters.count, let digit = characters[index].wholeNumberValue,
        characters[index].isASCII
      else { throw .missingField(field, String(characters)) }
      value = value * 10 + Int64(digit)
      index += 1
    }
    return value
  }

  mutating func fraction() throws(TimeParseError) -> Duration {
    // Milliseconds are kept, as many as ``UnixTime/iso8601`` writes; further digits are read and dropped.
    var attoseconds: Int64 = 0
    var scale: Int64 = 100_000_000_000_000_000
    var count = 0
    while index < characters.count, characters[index].isASCII,
      let digit = characters[index].wholeNumberValue
    {
      if count < 3 {
        attoseconds += Int64(digit) * scale
        scale /= 10
      }
      index += 1
      count += 1
    }
    guard count > 0 else { throw .missingField("fraction of a second", String(characters)) }
    return Duration(secondsComponent: 0, attosecondsComponent: attoseconds)
  }
}
