/// Remembers which time steps have been used to log in, so that each is accepted once
/// (RFC 6238 §5.2: "the verifier MUST NOT accept the second attempt of the OTP after the
/// successful validation has been issued for the first OTP").
///
/// As google-authenticator-libpam's `DISALLOW_REUSE` does, every used step is remembered
/// for as long as it could still be accepted; there is no cap on how many. A guard forgets
/// only steps before its ``horizon``, which ``TOTPVerifier`` keeps at
/// ``VerificationWindow/maximum`` steps before the step of its latest login (shifted by the
/// learned skew): no window, however the policy is changed later, reaches further back. A
/// step before the horizon counts as spent, so a server clock set back by more than that
/// cannot bring a forgotten code back either.
///
/// Memory is bounded by the window, not by the number of logins: the steps remembered lie
/// between the horizon and the furthest step a window can reach ahead, at most
/// 2 × ``VerificationWindow/maximum`` + 1 of them while the skew stays put, and
/// 2 × (``VerificationWindow/maximum`` + ``SkewLearner/searchRange``) + 1 = 4999 in all.
public struct ReplayGuard: Hashable, Sendable {
  /// Steps already used, in increasing order; none is before ``horizon``.
  public private(set) var usedSteps: [UInt64] = []
  /// The oldest step remembered; every step before it is forgotten and counts as spent.
  public private(set) var horizon: UInt64 = 0

  /// Creates a guard that has seen no logins.
  public init() {}

  init(horizon: UInt64, usedSteps: [UInt64]) {
    self.horizon = horizon
    self.usedSteps = usedSteps
  }

  /// Whether a step is remembered as used.
  ///
  /// - Parameter step: The time step.
  /// - Returns: `true` if the step is in ``usedSteps``; a step before ``horizon`` is not.
  public func hasUsed(_ step: UInt64) -> Bool {
    let index = insertionIndex(of: step)
    return index < usedSteps.count && usedSteps[index] == step
  }

  /// Whether a step must be refused as a replay: it is remembered as used, or it is before
  /// the ``horizon`` and so may have been used and forgotten.
  ///
  /// - Parameter step: The time step.
  /// - Returns: `true` if logging in with the step again would risk a replay.
  public func isSpent(_ step: UInt64) -> Bool {
    step < horizon || hasUsed(step)
  }

  /// Records a step as used.
  ///
  /// A step before ``horizon`` is not stored: it counts as spent already.
  ///
  /// - Parameter step: The time step that logged in.
  public mutating func use(_ step: UInt64) {
    guard step >= horizon else { return }
    let index = insertionIndex(of: step)
    if index == usedSteps.count || usedSteps[index] != step { usedSteps.insert(step, at: index) }
  }

  /// Moves the horizon, forgetting the used steps before it.
  ///
  /// Moving it back (as ``TOTPVerifier`` does when it learns that the phone runs behind)
  /// brings back nothing: steps forgotten stay forgotten, and those between the new and the
  /// old horizon are no longer refused unless remembered.
  ///
  /// - Parameter horizon: The oldest step to remember from now on.
  public mutating func forget(before horizon: UInt64) {
    self.horizon = horizon
    usedSteps.removeFirst(insertionIndex(of: horizon))
  }

  /// The index of the first used step not before `step`.
  private func insertionIndex(of step: UInt64) -> Int {
    var low = 0
    var high = usedSteps.count
    while low < high {
      let middle = (low + high) / 2
      if usedSteps[middle] < step { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
