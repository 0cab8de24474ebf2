/// An instant as Unix time: the time elapsed since 1970-01-01T00:00:00Z, leap seconds not counted.
///
/// The engine never reads a clock. Whoever asks for a code passes the instant in, which is
/// what lets a virtual clock drive expiry, drift and rate limits deterministically.
///
/// Every value is valid: an instant holds from `Int64.min` to `Int64.max` seconds after the
/// epoch (about 292 billion years either way), and creating or moving one beyond that ends
/// saturates at the end instead of trapping. So ``seconds`` and every operation here is
/// defined for any input.
///
/// ```swift
/// let time = UnixTime(seconds: 59)
/// time + .seconds(30)            // 1970-01-01T00:01:29Z
/// try UnixTime(iso8601: "2603-10-11T11:33:20Z").seconds  // 20000000000
/// ```
public struct UnixTime: Hashable, Comparable, Sendable {
  /// The time since the Unix epoch, from `Int64.min` to `Int64.max` seconds.
  public let sinceEpoch: Duration

  /// The earliest duration since the epoch an instant holds.
  private static let earliestSinceEpoch = Duration.seconds(Int64.min)
  /// The latest duration since the epoch an instant holds.
  private static let latestSinceEpoch = Duration.seconds(Int64.max)
  /// A bound on how far ``+(_:_:)`` moves: twice the span an instant holds, so the sum cannot
  /// overflow `Duration`, and any move beyond it would saturate anyway.
  private static let largestMove = Duration.seconds(UInt64.max)

  /// Creates an instant a duration after the Unix epoch.
  ///
  /// - Parameter sinceEpoch: The duration; outside `Int64.min...Int64.max` seconds, the
  ///   nearer end is taken.
  public init(_ sinceEpoch: Duration) {
    self.sinceEpoch = min(max(sinceEpoch, Self.earliestSinceEpoch), Self.latestSinceEpoch)
  }

  /// Creates an instant a whole number of seconds after the Unix epoch.
  ///
  /// - Parameter seconds: Seconds since the epoch; negative before it.
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
    // A negative fraction means seconds > Int64.min, so there is room to round down.
    return attoseconds < 0 ? seconds - 1 : seconds
  }

  /// The fraction of the current second that has passed, from zero up to one second.
  public var fractionOfSecond: Duration {
    sinceEpoch - .seconds(seconds)
  }

  /// Whether `lhs` is earlier than `rhs`.
  public static func < (lhs: UnixTime, rhs: UnixTime) -> Bool {
    lhs.sinceEpoch < rhs.sinceEpoch
  }

  /// The instant a duration later (or earlier, for a negative duration); saturates at the ends.
  ///
  /// - Parameters:
  ///   - lhs: The instant.
  ///   - rhs: Any duration.
  /// - Returns: The moved instant, or the nearer end of the range an instant holds.
  public static func + (lhs: UnixTime, rhs: Duration) -> UnixTime {
    UnixTime(lhs.sinceEpoch + min(max(rhs, .zero - largestMove), largestMove))
  }

  /// The instant a duration earlier; saturates at the ends.
  ///
  /// - Parameters:
  ///   - lhs: The instant.
  ///   - rhs: Any duration.
  /// - Returns: The moved instant, or the nearer end of the range an instant holds.
  public static func - (lhs: UnixTime, rhs: Duration) -> UnixTime {
    UnixTime(lhs.sinceEpoch - min(max(rhs, .zero - largestMove), largestMove))
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
