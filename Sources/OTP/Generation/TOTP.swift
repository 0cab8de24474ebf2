/// Time-based one-time passwords, RFC 6238.
///
/// A TOTP code is the HOTP code of the number of whole periods since T0:
///
/// ```swift
/// let totp = try TOTP(secret: Secret(text: "12345678901234567890"), digits: 8)
/// try totp.code(at: UnixTime(seconds: 59))            // "94287082" (RFC 6238 Appendix B)
/// try totp.step(at: UnixTime(seconds: 59))            // 1
/// try totp.timeRemaining(at: UnixTime(seconds: 59))   // 1 second
/// ```
public struct TOTP: Sendable {
  /// The HOTP generator that turns time steps into codes.
  public let hotp: HOTP
  /// The length of one time step (X in RFC 6238): whole seconds, 30 by default.
  public let period: Duration
  /// The instant time steps are counted from (T0 in RFC 6238); the Unix epoch by default.
  public let t0: UnixTime

  /// Creates a generator.
  ///
  /// - Parameters:
  ///   - secret: The shared secret.
  ///   - algorithm: The HMAC hash function.
  ///   - digits: Digits per code, 6 to 10.
  ///   - period: The length of a time step: a positive whole number of seconds.
  ///   - t0: The instant step 0 starts.
  /// - Throws: ``OTPError/unsupportedDigits(_:)`` or ``OTPError/invalidPeriod(_:)``.
  public init(
    secret: Secret,
    algorithm: HashAlgorithm = .sha1,
    digits: Int = 6,
    period: Duration = .seconds(30),
    t0: UnixTime = .epoch
  ) throws(OTPError) {
    guard let seconds = period.exactSeconds, seconds > 0 else { throw .invalidPeriod(period) }
    self.hotp = try HOTP(secret: secret, algorithm: algorithm, digits: digits)
    self.period = period
    self.periodSeconds = UInt64(seconds)
    self.t0 = t0
  }

  /// A generator whose digits and period (whole seconds, positive) are already known to be valid.
  init(checkedSecret secret: Secret, algorithm: HashAlgorithm, digits: Int, periodSeconds: Int) {
    self.hotp = HOTP(checkedSecret: secret, algorithm: algorithm, digits: digits)
    self.period = .seconds(periodSeconds)
    self.periodSeconds = UInt64(periodSeconds)
    self.t0 = .epoch
  }

  /// ``period`` in seconds, for the arithmetic of steps.
  let periodSeconds: UInt64

  /// The hash function of the HMAC.
  public var algorithm: HashAlgorithm { hotp.algorithm }
  /// The number of digits in a code.
  public var digits: Int { hotp.digits }

  /// The time step an instant falls in: floor((time − T0) / period).
  ///
  /// Any T0 works, however far in the past: the difference is taken exactly.
  ///
  /// - Parameter time: The instant.
  /// - Throws: ``OTPError/timeBeforeT0(_:t0:)`` or ``OTPError/timeOutOfRange(_:)``.
  public func step(at time: UnixTime) throws(OTPError) -> UInt64 {
    guard time >= t0 else { throw .timeBeforeT0(time, t0: t0) }
    guard time < UnixTime.latest + .seconds(1) else { throw .timeOutOfRange(time) }
    // time ≥ t0, so the difference of two Int64s lies in 0..<2^64: exact as a bit pattern.
    let elapsed = UInt64(bitPattern: time.seconds &- t0.seconds)
    return elapsed / periodSeconds
  }

  /// The span of time in which a step's code is current.
  ///
  /// A step so far ahead that it starts beyond what ``UnixTime`` holds gives an interval at
  /// the end of time (``UnixTime`` saturates).
  ///
  /// - Parameter step: The time step.
  /// - Returns: From the step's first instant up to the next step's.
  public func interval(of step: UInt64) -> Range<UnixTime> {
    let (offset, overflow) = step.multipliedReportingOverflow(by: periodSeconds)
    let start = t0 + .seconds(overflow ? UInt64.max : offset)
    return start..<(start + period)
  }

  /// How long the code current at `time` has left before the next step begins.
  ///
  /// - Throws: as ``step(at:)``.
  public func timeRemaining(at time: UnixTime) throws(OTPError) -> Duration {
    interval(of: try step(at: time)).upperBound - time
  }

  /// The code for an instant.
  ///
  /// - Throws: as ``step(at:)``.
  public func code(at time: UnixTime) throws(OTPError) -> String {
    hotp.code(for: try step(at: time))
  }

  /// The code for a time step.
  public func code(forStep step: UInt64) -> String {
    hotp.code(for: step)
  }

  /// Every intermediate value of the code for an instant; its ``CodeTrace/counter`` is the step.
  ///
  /// - Throws: as ``step(at:)``.
  public func trace(at time: UnixTime) throws(OTPError) -> CodeTrace {
    hotp.trace(for: try step(at: time))
  }
}
