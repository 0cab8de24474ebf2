/// How many time steps around the current one a verifier accepts.
///
/// Past and future are separate because they answer different problems: a past window
/// forgives a code typed just after its step ended, a future window forgives an app whose
/// clock runs fast.
///
/// A window is valid by construction: the initialisers check their numbers and throw
/// ``PolicyError``, and ``past`` and ``future`` cannot change afterwards.
///
/// ```swift
/// VerificationWindow.exact                     // only the current step, as pyotp's verify()
/// try VerificationWindow(past: 1, future: 1)   // RFC 6238 §5.2's recommended one step
/// try VerificationWindow(size: 6)              // google-authenticator-libpam's WINDOW_SIZE 6:
///                                              // 2 steps back, 3 ahead
/// ```
public struct VerificationWindow: Hashable, Sendable {
  /// Steps before the current one that are accepted, 0...``maximum``.
  public let past: Int
  /// Steps after the current one that are accepted, 0...``maximum``.
  public let future: Int

  /// The largest window on either side this library accepts.
  public static let maximum = 1000

  /// The total sizes ``init(size:)`` accepts: 1 to 2 × ``maximum`` + 1 steps.
  public static let sizeRange = 1...(2 * maximum + 1)

  /// Creates a window of `past` steps back and `future` steps ahead.
  ///
  /// - Parameters:
  ///   - past: Steps before the current one to accept, 0...``maximum``.
  ///   - future: Steps after the current one to accept, 0...``maximum``.
  /// - Throws: ``PolicyError/windowOutOfRange(_:)`` with the first side out of range.
  public init(past: Int, future: Int) throws(PolicyError) {
    guard (0...Self.maximum).contains(past) else { throw .windowOutOfRange(past) }
    guard (0...Self.maximum).contains(future) else { throw .windowOutOfRange(future) }
    self.init(checkedPast: past, future: future)
  }

  /// A window of `size` steps in total, laid out as google-authenticator-libpam's
  /// `WINDOW_SIZE` does: (size − 1) / 2 steps back and size / 2 ahead.
  ///
  /// - Parameter size: The number of steps accepted, in ``sizeRange``.
  /// - Throws: ``PolicyError/windowSizeOutOfRange(_:)`` outside ``sizeRange``.
  public init(size: Int) throws(PolicyError) {
    guard Self.sizeRange.contains(size) else { throw .windowSizeOutOfRange(size) }
    self.init(checkedPast: (size - 1) / 2, future: size / 2)
  }

  private init(checkedPast past: Int, future: Int) {
    self.past = past
    self.future = future
  }

  /// Only the current step.
  public static let exact = VerificationWindow(checkedPast: 0, future: 0)

  /// The signed step offsets this window accepts.
  public var offsets: ClosedRange<Int> { -past...future }
}
