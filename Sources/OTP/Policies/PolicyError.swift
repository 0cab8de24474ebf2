/// A policy setting out of range.
public enum PolicyError: Error, Hashable, Sendable {
  /// A rate limit outside 1...100 attempts or 1...3600 seconds.
  case rateLimitOutOfRange(attempts: Int, seconds: Int)
  /// A verification window or look-ahead outside 0...``VerificationWindow/maximum``.
  case windowOutOfRange(Int)
  /// A number of scratch codes outside 1...``ScratchCodes/maximumCount``.
  case scratchCodeCountOutOfRange(Int)
}

extension PolicyError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .rateLimitOutOfRange(let attempts, let seconds):
      "a rate limit of \(attempts) per \(seconds) s is out of range; use 1–100 attempts per"
        + " 1–3600 seconds (libpam suggests 3 per 30)"
    case .windowOutOfRange(let steps):
      "\(steps) steps is out of range; use 0 to \(VerificationWindow.maximum)"
    case .scratchCodeCountOutOfRange(let count):
      "\(count) scratch codes is out of range; use 1 to \(ScratchCodes.maximumCount) (5 is usual)"
    }
  }
}
