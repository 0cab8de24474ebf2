/// A time step a code was accepted for.
public struct TOTPMatch: Hashable, Sendable {
  /// The matched time step.
  public let step: UInt64
  /// The matched step minus the current step: negative for a code from the past
  /// (typed late), positive for one from the future (an app clock running fast).
  public let offset: Int

  /// Creates a match.
  ///
  /// - Parameters:
  ///   - step: The matched time step.
  ///   - offset: The matched step minus the current step.
  public init(step: UInt64, offset: Int) {
    self.step = step
    self.offset = offset
  }
}

extension TOTPMatch: CustomStringConvertible {
  /// The step and its offset, such as `step 1, offset -1`.
  public var description: String { "step \(step), offset \(offset)" }
}

extension TOTP {
  /// Checks a typed code against the steps a window allows around an instant.
  ///
  /// Every step in the window is computed and compared, whether or not an earlier one
  /// matched, so the time taken does not reveal which step matched. When several
  /// steps share the code, the one nearest the current step wins.
  ///
  /// This is the stateless check (pyotp's `verify` with a window): it does not prevent
  /// replay or throttle guesses. A login server uses ``TOTPVerifier``.
  ///
  /// ```swift
  /// let totp = try TOTP(secret: Secret(text: "12345678901234567890"), digits: 8)
  /// let match = try totp.match("94287082", at: UnixTime(seconds: 75), window: try .init(past: 1, future: 0))
  /// match.offset   // -1
  /// ```
  ///
  /// - Parameters:
  ///   - code: The code as typed; spaces between digit groups are allowed.
  ///   - time: The verifier's current time.
  ///   - window: The steps accepted before and after the current one.
  /// - Returns: The matched step and its offset.
  /// - Throws: ``CodeRejection``: the code is malformed, matches no step in the window, or
  ///   `time` has no time step (``CodeRejection/unusableTime(_:)``).
  public func match(
    _ code: String,
    at time: UnixTime,
    window: VerificationWindow = .exact
  ) throws(CodeRejection) -> TOTPMatch {
    let typed = try TypedCode(code, digits: digits)
    let current: UInt64
    do { current = try step(at: time) } catch { throw .unusableTime(error) }
    guard let match = match(typed, around: current, offsets: window.offsets) else { throw .noMatch }
    return match
  }

  /// Whether a typed code matches a step the window allows around an instant.
  ///
  /// ``match(_:at:window:)`` without the reason; no replay prevention or throttling.
  ///
  /// - Parameters:
  ///   - code: The code as typed.
  ///   - time: The verifier's current time.
  ///   - window: The steps accepted before and after the current one.
  /// - Returns: `true` if the code matches; `false` if it does not, is malformed, or `time`
  ///   has no time step.
  public func isValid(_ code: String, at time: UnixTime, window: VerificationWindow = .exact) -> Bool {
    (try? match(code, at: time, window: window)) != nil
  }

  func match(_ typed: TypedCode, around current: UInt64, offsets: ClosedRange<Int>) -> TOTPMatch? {
    var best: TOTPMatch?
    for offset in offsets {
      guard let step = HOTP.counter(current, offsetBy: offset) else { continue }
      let matches = typed.matches(hotp.value(for: step))
      if matches, best.map({ abs(offset) < abs($0.offset) }) ?? true {
        best = TOTPMatch(step: step, offset: offset)
      }
    }
    return best
  }
}

extension HOTP {
  /// Checks a typed code against a counter and the counters after it.
  ///
  /// Every counter from `counter` to `counter + lookAhead` is compared; the lowest match wins.
  /// Counters past `UInt64.max` do not exist and are not tried.
  ///
  /// This is the stateless check: it neither moves a counter nor throttles guesses. A login
  /// server uses ``HOTPVerifier``.
  ///
  /// ```swift
  /// let hotp = try HOTP(secret: Secret(text: "12345678901234567890"))
  /// try hotp.match("520489", counter: 5, lookAhead: try LookAhead(5))   // 9
  /// ```
  ///
  /// - Parameters:
  ///   - code: The code as typed.
  ///   - counter: The next counter the verifier expects.
  ///   - lookAhead: How many further counters to try, for an app pressed without logging in.
  /// - Returns: The matched counter (the verifier's next counter is one past it).
  /// - Throws: ``CodeRejection``: the code is malformed or matches none of the counters.
  public func match(
    _ code: String,
    counter: UInt64,
    lookAhead: LookAhead = .none
  ) throws(CodeRejection) -> UInt64 {
    let typed = try TypedCode(code, digits: digits)
    guard let matched = match(typed, from: counter, through: lookAhead.counters) else { throw .noMatch }
    return matched
  }

  /// Whether a typed code matches a counter or one of the `lookAhead` after it.
  ///
  /// ``match(_:counter:lookAhead:)`` without the reason.
  ///
  /// - Parameters:
  ///   - code: The code as typed.
  ///   - counter: The next counter the verifier expects.
  ///   - lookAhead: How many further counters to try.
  /// - Returns: `true` if the code matches; `false` if it does not or is malformed.
  public func isValid(_ code: String, counter: UInt64, lookAhead: LookAhead = .none) -> Bool {
    (try? match(code, counter: counter, lookAhead: lookAhead)) != nil
  }

  func match(_ typed: TypedCode, from counter: UInt64, through lookAhead: Int) -> UInt64? {
    var found: UInt64?
    for offset in 0...max(lookAhead, 0) {
      guard let candidate = HOTP.counter(counter, offsetBy: offset) else { break }
      if typed.matches(value(for: candidate)), found == nil { found = candidate }
    }
    return found
  }

  /// A counter (or time step) moved by a signed offset; `nil` below zero or past the largest value.
  ///
  /// - Parameters:
  ///   - counter: The counter to move from.
  ///   - offset: How far to move; any `Int`, `Int.min` included.
  /// - Returns: `counter + offset`, or `nil` if that is not a `UInt64`.
  static func counter(_ counter: UInt64, offsetBy offset: Int) -> UInt64? {
    let magnitude = UInt64(offset.magnitude)
    if offset >= 0 {
      let (sum, overflow) = counter.addingReportingOverflow(magnitude)
      return overflow ? nil : sum
    }
    return magnitude <= counter ? counter - magnitude : nil
  }
}
