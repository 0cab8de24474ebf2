/// How many counters past the expected one an HOTP check tries (RFC 4226 §7.4's look-ahead
/// window, for an app whose button was pressed without logging in).
///
/// A look-ahead is valid by construction, as a ``VerificationWindow`` is: the initialiser
/// checks the number and throws ``PolicyError``, and ``counters`` cannot change afterwards.
///
/// ```swift
/// LookAhead.none           // the expected counter only
/// try LookAhead(10)        // the expected counter and the 10 after it
/// ```
public struct LookAhead: Hashable, Sendable {
  /// Counters tried past the expected one, 0...``maximum``.
  public let counters: Int

  /// The largest look-ahead: google-authenticator-libpam's cap of 100 counters.
  public static let maximum = 100

  /// Creates a look-ahead of `counters` counters.
  ///
  /// - Parameter counters: Counters tried past the expected one, 0...``maximum``.
  /// - Throws: ``PolicyError/lookAheadOutOfRange(_:)`` outside that range.
  public init(_ counters: Int) throws(PolicyError) {
    guard (0...Self.maximum).contains(counters) else { throw .lookAheadOutOfRange(counters) }
    self.counters = counters
  }

  private init(checked counters: Int) {
    self.counters = counters
  }

  /// The expected counter only.
  public static let none = LookAhead(checked: 0)
}
