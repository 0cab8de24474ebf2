/// Why a one-time-password generator could not be made or used.
public enum OTPError: Error, Hashable, Sendable {
  /// A number of digits outside 6...10, the range RFC 4226 and RFC 6238 allow.
  case unsupportedDigits(Int)
  /// A time step that is not a positive whole number of seconds.
  case invalidPeriod(Duration)
  /// A time before the generator's T0, where RFC 6238 defines no time step.
  case timeBeforeT0(UnixTime, t0: UnixTime)
  /// A time after the last one this library handles (the end of year 9999).
  case timeOutOfRange(UnixTime)
}

extension OTPError: CustomStringConvertible {
  /// The problem and what to do instead, in one line.
  public var description: String {
    switch self {
    case .unsupportedDigits(let digits):
      "\(digits) digits is not supported; use 6 to 10 (6 is the default, 8 is common)"
    case .invalidPeriod(let period):
      "a period of \(period.secondsText) is not valid; use a positive whole number of seconds (30 is the default)"
    case .timeBeforeT0(let time, let t0):
      "\(time) is before T0 (\(t0)); RFC 6238 counts steps from T0, so use a later time"
    case .timeOutOfRange(let time):
      "\(time) is past the end of year 9999; use an earlier time"
    }
  }
}
