// The library's one meeting point with Foundation: the bridge from `Date` and the system
// clock, secrets as `ContiguousBytes`, and errors as `LocalizedError`. The engine's own
// operations never call `UnixTime.now()`: only a caller does.
#if canImport(FoundationEssentials)
  public import FoundationEssentials
#else
  public import Foundation
#endif

extension UnixTime {
  /// The instant a `Date` stands for.
  ///
  /// A date beyond what ``UnixTime`` holds gives the nearer end; the fraction of a second is
  /// kept to `Date`'s precision.
  ///
  /// - Parameter date: The date.
  public init(_ date: Date) {
    let interval = date.timeIntervalSince1970
    guard !interval.isNaN else {
      self = .epoch
      return
    }
    let whole = interval.rounded(.down)
    guard whole > -9.2e18 else {
      self.init(seconds: .min)
      return
    }
    guard whole < 9.2e18 else {
      self.init(seconds: .max)
      return
    }
    let attoseconds = Int64(((interval - whole) * 1e18).rounded(.down))
    self.init(.seconds(Int64(whole)) + Duration(secondsComponent: 0, attosecondsComponent: min(attoseconds, 999_999_999_999_999_999)))
  }

  /// The system clock's current time, for a server that verifies codes as they arrive.
  ///
  /// The only function of the library that reads a clock; tests and simulations pass their
  /// own ``UnixTime`` instead.
  ///
  /// ```swift
  /// var server = TOTPVerifier(totp: totp)
  /// let decision = server.verify(code, at: .now())
  /// ```
  ///
  /// - Returns: The current instant.
  public static func now() -> UnixTime {
    UnixTime(Date())
  }

  /// The instant as a `Date` (to `Date`'s precision).
  public var date: Date {
    let (seconds, attoseconds) = sinceEpoch.components
    return Date(timeIntervalSince1970: Double(seconds) + Double(attoseconds) / 1e18)
  }
}

/// A secret's key bytes, as swift-crypto's `SymmetricKey(data:)` and other `ContiguousBytes`
/// consumers take them.
extension Secret: ContiguousBytes {}

extension OTPError: LocalizedError {
  /// The same text as ``description``.
  public var errorDescription: String? { description }
}

extension Base32Error: LocalizedError {
  /// The same text as ``description``.
  public var errorDescription: String? { description }
}

extension SecretError: LocalizedError {
  /// The same text as ``description``.
  public var errorDescription: String? { description }
}

extension KeyURIError: LocalizedError {
  /// The same text as ``description``.
  public var errorDescription: String? { description }
}

extension PolicyError: LocalizedError {
  /// The same text as ``description``.
  public var errorDescription: String? { description }
}

extension CodeRejection: LocalizedError {
  /// The same text as ``description``.
  public var errorDescription: String? { description }
}

extension AttemptRefusal: LocalizedError {
  /// The same text as ``description``.
  public var errorDescription: String? { description }
}

extension TimeParseError: LocalizedError {
  /// The same text as ``description``.
  public var errorDescription: String? { description }
}
