/// An instant as Unix time: the time elapsed since 1970-01-01T00:00:00Z, leap seconds not counted.
///
/// The engine never reads a clock. Whoever asks for a code passes the instant in, which is
/// what lets a virtual clock drive expiry, drift and rate limits deterministically.
///
/// ```swift
/// let time = UnixTime(seconds: 59)
/// time + .seconds(30)            // 1970-01-01T00:01:29Z
/// try UnixTime(iso8601: "2603-10-11T11:33:20Z").seconds  // 20000000000
/// ```
public struct UnixTime: Hashable, Comparable, Sendable {
  /// The time since the Unix epoch.
  public let sinceEpoch: Duration

  /// Creates an instant a duration after the Unix epoch.
  public init(_ sinceEpoch: Duration) {
    self.sinceEpoch = sinceEpoch
  }

  /// Creates an instant a whole number of seconds after the Unix epoch.
  public init(seconds: Int64) {
    self.sinceEpoch = .seconds(seconds)
  }

  /// 1970-01-01T00:00:00Z.
  public static let epoch = UnixTime(seconds: 0)

  /// 9999-12-31T23:59:59Z, the last whole second this library formats and parses.
  public static let latest = UnixTime(seconds: 253_402_300_799)

  /// The whole seconds since the epoch, rounded down.
  public var seconds: Int64 {
    let (seconds, attoseconds) = sinceEpoch.components
    return attoseconds < 0 ? seconds - 1 : seconds
  }

  /// The fraction of the current second that has passed, from zero up to one second.
  public var fractionOfSecond: Duration {
    sinceEpoch - .seconds(seconds)
  }

  public static func < (lhs: UnixTime, rhs: UnixTime) -> Bool {
    lhs.sinceEpoch < rhs.sinceEpoch
  }

  /// The instant a duration later (or earlier, for a negative duration).
  public static func + (lhs: UnixTime, rhs: Duration) -> UnixTime {
    UnixTime(lhs.sinceEpoch + rhs)
  }

  /// The instant a duration earlier.
  public static func - (lhs: UnixTime, rhs: Duration) -> UnixTime {
    UnixTime(lhs.sinceEpoch - rhs)
  }

  /// The duration from `rhs` to `lhs`.
  public static func - (lhs: UnixTime, rhs: UnixTime) -> Duration {
    lhs.sinceEpoch - rhs.sinceEpoch
  }
}

extension UnixTime: CustomStringConvertible {
  /// The instant in ISO 8601 UTC, for instance `2009-02-13T23:31:30Z`.
  public var description: String { iso8601 }
}
