/// A policy setting out of range.
///
/// Every policy value of this library is valid by construction: the initialisers that take a
/// number check it and throw one of these, and the checked properties are read-only after.
public enum PolicyError: Error, Hashable, Sendable {
  /// A rate limit outside 1...100 attempts or 1...3600 whole seconds.
  case rateLimitOutOfRange(attempts: Int, span: Duration)
  /// A side of a verification window outside 0...``VerificationWindow/maximum`` steps.
  case windowOutOfRange(Int)
  /// A total window size outside ``VerificationWindow/sizeRange``.
  case windowSizeOutOfRange(Int)
  /// An HOTP look-ahead outside 0...``LookAhead/maximum`` counters.
  case lookAheadOutOfRange(Int)
  /// A lock-out threshold outside ``LockOut/failureRange``.
  case lockOutOutOfRange(Int)
  /// A number of scratch codes outside 1...``ScratchCodes/maximumCount``.
  case scratchCodeCountOutOfRange(Int)
  /// A scratch code, at this 1-based position in the list given, that is not 8 ASCII digits
  /// with a first digit other than 0.
  case invalidScratchCode(position: Int)
}

extension PolicyError: CustomStringConvertible {
  /// The problem and the accepted range, in one line.
  public var description: String {
    switch self {
    case .rateLimitOutOfRange(let attempts, let span):
      "a rate limit of \(attempts) per \(span.secondsText) is out of range; use 1–100 attempts per"
        + " 1–3600 seconds (libpam suggests 3 per 30)"
    case .windowOutOfRange(let steps):
      "\(steps) steps is out of range; use 0 to \(VerificationWindow.maximum)"
    case .windowSizeOutOfRange(let size):
      "a window of \(size) steps is out of range; use \(VerificationWindow.sizeRange.lowerBound) to"
        + " \(VerificationWindow.sizeRange.upperBound) (libpam's default is 3)"
    case .lookAheadOutOfRange(let counters):
      "a look-ahead of \(counters) counters is out of range; use 0 to \(LookAhead.maximum)"
    case .lockOutOutOfRange(let failures):
      "a lock-out after \(failures) failures is out of range; use \(LockOut.failureRange.lowerBound) to"
        + " \(LockOut.failureRange.upperBound) (NIST SP 800-63B allows at most 100)"
    case .scratchCodeCountOutOfRange(let count):
      "\(count) scratch codes is out of range; use 1 to \(ScratchCodes.maximumCount) (5 is usual)"
    case .invalidScratchCode(let position):
      "scratch code \(position) is not 8 digits from 10000000 to 99999999"
    }
  }
}
