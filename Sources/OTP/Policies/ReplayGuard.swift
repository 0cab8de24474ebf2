/// Remembers which time steps have been used to log in, so that each is accepted once
/// (RFC 6238 §5.2: "the verifier MUST NOT accept the second attempt of the OTP after the
/// successful validation has been issued for the first OTP").
///
/// Steps that have fallen behind the verification window can never match again and are
/// forgotten; at most ``capacity`` steps are kept, the newest.
public struct ReplayGuard: Hashable, Sendable {
  /// Steps already used, in increasing order.
  public private(set) var usedSteps: [UInt64] = []

  /// Creates a guard that has seen no logins.
  public init() {}

  /// Whether a step has been used.
  public func hasUsed(_ step: UInt64) -> Bool {
    usedSteps.contains(step)
  }

  /// The most steps remembered.
  public static let capacity = 64

  /// Records a step as used and forgets steps older than `oldestAcceptable`.
  public mutating func use(_ step: UInt64, oldestAcceptable: UInt64) {
    usedSteps.removeAll { $0 < oldestAcceptable }
    if !usedSteps.contains(step) {
      usedSteps.append(step)
      usedSteps.sort()
    }
    if usedSteps.count > Self.capacity { usedSteps.removeFirst(usedSteps.count - Self.capacity) }
  }
}
