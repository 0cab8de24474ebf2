/// How many time steps around the current one a verifier accepts.
///
/// Past and future are separate because they answer different problems: a past window
/// forgives a code typed just after its step ended, a future window forgives an app whose
/// clock runs fast.
///
/// ```swift
/// VerificationWindow.exact                 // only the current step, as pyotp's verify()
/// VerificationWindow(past: 1, future: 1)   // RFC 6238 §5.2's recommended one step
/// VerificationWindow(size: 6)              // google-authenticator-libpam's WINDOW_SIZE 6:
///                                          // 2 steps back, 3 ahead
/// ```
public struct VerificationWindow: Hashable, Sendable {
  /// Steps before the current one that are accepted.
  public var past: Int
  /// Steps after the current one that are accepted.
  public var future: Int

  /// The largest window on either side this library accepts.
  public static let maximum = 1000

  /// Creates a window; each side is clamped to `0...maximum`.
  public init(past: Int, future: Int) {
    self.past = min(max(past, 0), Self.maximum)
    self.future = min(max(future, 0), Self.maximum)
  }

  /// Only the current step.
  public static let exact = VerificationWindow(past: 0, future: 0)

  /// A window of `size` steps in total, laid out as google-authenticator-libpam's
  /// `WINDOW_SIZE` does: (size − 1) / 2 steps back and size / 2 ahead.
  public init(size: Int) {
    self.init(past: (max(size, 1) - 1) / 2, future: max(size, 1) / 2)
  }

  /// The signed step offsets this window accepts.
  public var offsets: ClosedRange<Int> { -past...future }
}
