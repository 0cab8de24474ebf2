/// A time step a code was accepted for.
public struct TOTPMatch: Hashable, Sendable {
  /// The matched time step.
  public let step: UInt64
  /// The matched step minus the current step: negative for a code from the past
  /// (typed late), positive for one from the future (an app clock running fast).
  public let offset: Int

  /// Creates a match.
  public init(step: UInt64, offset: Int) {
    self.step = step
    self.offset = offset
  }
}

extension TOTP {
  /// Checks a typed code against the steps a window allows around an instant.
  ///
  /// Every step in the window is computed and compared, whether or not an earlier one
  /// matched, so the time taken does not reveal which step matched. When several
  /// steps share the code, the one nearest the current step wins.
  ///
  /// - Parameters:
  ///   - code: The code as typed; spaces between digit groups are allowed.
  ///   - time: The verifier's current time.
  ///   - window: The steps accepted before and after the current one.
  /// - Returns: The matched step and its offset, or why the code was rejected.
  public func match(
    _ code: String,
    at time: UnixTime,
    window: VerificationWindow = .exact
  ) -> Result<TOTPMatch, CodeRejection> {
    let typed: TypedCode
    do { typed = try TypedCode(code, digits: digits) } catch { return .failure(error) }
    guard let current = try? step(at: time) else { return .failure(.noMatch) }
    return match(typed, around: current, offsets: window.offsets)
  }

  func match(
    _ typed: TypedCode,
    around current: UInt64,
    offsets: ClosedRange<Int>
  ) -> Result<TOTPMatch, CodeRejection> {
    var best: TOTPMatch?
    for offset in offsets {
      guard let step = Self.step(current, offsetBy: offset) else { continue }
      let matches = typed.matches(hotp.value(for: step))
      if matches, best.map({ abs(offset) < abs($0.offset) }) ?? true {
        best = TOTPMatch(step: step, offset: offset)
      }
    }
    return best.map(Result.success) ?? .failure(.noMatch)
  }

  /// A step (or counter) moved by a signed offset; `nil` below zero or past the largest value.
  ///
  /// - Parameters:
  ///   - step: The step to move from.
  ///   - offset: How far to move; any `Int`, `Int.min` included.
  /// - Returns: `step + offset`, or `nil` if that is not a `UInt64`.
  public static func step(_ step: UInt64, offsetBy offset: Int) -> UInt64? {
    let magnitude = UInt64(offset.magnitude)
    if offset >= 0 {
      let (sum, overflow) = step.addingReportingOverflow(magnitude)
      return overflow ? nil : sum
    }
    return magnitude <= step ? step - magnitude : nil
  }
}

extension HOTP {
  /// Checks a typed code against a counter and the counters after it.
  ///
  /// Every counter from `counter` to `counter + lookAhead` is compared; the lowest match wins.
  /// Counters past `UInt64.max` do not exist and are not tried.
  ///
  /// - Parameters:
  ///   - code: The code as typed.
  ///   - counter: The next counter the verifier expects.
  ///   - lookAhead: How many further counters to try, for an app pressed without logging in;
  ///     0...``HOTPVerifier/Policy/maximumLookAhead``.
  /// - Returns: The matched counter (the verifier's next counter is one past it), or why not.
  /// - Throws: ``PolicyError/lookAheadOutOfRange(_:)`` for a look-ahead outside that range.
  public func match(
    _ code: String,
    counter: UInt64,
    lookAhead: Int = 0
  ) throws(PolicyError) -> Result<UInt64, CodeRejection> {
    guard (0...HOTPVerifier.Policy.maximumLookAhead).contains(lookAhead) else {
      throw .lookAheadOutOfRange(lookAhead)
    }
    let typed: TypedCode
    do { typed = try TypedCode(code, digits: digits) } catch { return .failure(error) }
    return match(typed, from: counter, through: lookAhead)
  }

  func match(_ typed: TypedCode, from counter: UInt64, through lookAhead: Int) -> Result<UInt64, CodeRejection> {
    var found: UInt64?
    for offset in 0...max(lookAhead, 0) {
      guard let candidate = TOTP.step(counter, offsetBy: offset) else { break }
      if typed.matches(value(for: candidate)), found == nil { found = candidate }
    }
    return found.map(Result.success) ?? .failure(.noMatch)
  }
}
