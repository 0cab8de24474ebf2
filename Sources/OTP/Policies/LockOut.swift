/// Refuses every attempt once so many in a row have failed, until the server unlocks the account.
///
/// This is RFC 4226 §7.3's throttling parameter T, "the maximum number of possible attempts
/// for One-Time Password validation", counted per device; "the delay or lockout schemes MUST
/// be across login sessions", which a count kept in the verifier is. When T is reached, "the
/// server SHOULD lock out the account" (§7.2). NIST SP 800-63B §5.2.2 asks verifiers to
/// "limit consecutive failed authentication attempts on a single account to no more than
/// 100", so ``failureRange`` stops there.
///
/// A failed attempt is one whose code was compared and refused: a wrong code, a replayed
/// one, one outside the window, an unknown scratch code. Attempts refused before any
/// comparison (rate-limited, malformed, before T0) do not count, and a successful login
/// (a code or a scratch code) starts the count again. Once locked, every attempt is
/// refused, scratch codes included, until ``TOTPVerifier/unlock()`` or
/// ``HOTPVerifier/unlock()``: unlocking is the server's recovery procedure, not the user's.
///
/// ```swift
/// let policy = TOTPVerifier.Policy(lockOut: try LockOut(failures: 5))
/// ```
public struct LockOut: Hashable, Sendable, CustomStringConvertible {
  /// Failed attempts in a row that lock the account.
  public let failures: Int

  /// The thresholds a lock-out may have: 1 to NIST SP 800-63B §5.2.2's 100.
  public static let failureRange = 1...100

  /// This library's default: locked after 10 failed attempts in a row.
  ///
  /// RFC 4226 §7.3 asks for T "as low as possible, while still ensuring that usability is not
  /// significantly impacted"; ten allows for fumbled typing and a few tries with a badly set
  /// phone, and bounds an attacker to ten guesses between two unlocks.
  public static let recommended = LockOut(checkedFailures: 10)

  /// Creates a lock-out after `failures` failed attempts in a row.
  ///
  /// - Parameter failures: The threshold, in ``failureRange``.
  /// - Throws: ``PolicyError/lockOutOutOfRange(_:)`` outside ``failureRange``.
  public init(failures: Int) throws(PolicyError) {
    guard Self.failureRange.contains(failures) else { throw .lockOutOutOfRange(failures) }
    self.init(checkedFailures: failures)
  }

  private init(checkedFailures failures: Int) {
    self.failures = failures
  }

  /// The threshold in words, such as `after 10 failures in a row`.
  public var description: String { "after \(failures) failures in a row" }
}
