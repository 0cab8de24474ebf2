// Decisions in words: `print(decision)` shows `accepted: the code matches step 1 (offset -1)`,
// not the nested enum cases.

extension TOTPVerifier.Acceptance: CustomStringConvertible {
  /// Why the code was accepted, in one line.
  public var description: String {
    switch self {
    case .code(let match):
      "the code matches step \(match.step) (offset \(match.offset))"
    case .skewAdopted(let match, let skew):
      "the code matches step \(match.step) (offset \(match.offset)); skew learned: the phone's clock is"
        + " \(Self.steps(abs(skew))) \(skew < 0 ? "behind" : "ahead")"
    case .scratchCode(let remaining):
      "scratch code used, \(remaining) left"
    }
  }

  static func steps(_ count: Int) -> String {
    count == 1 ? "1 step" : "\(count) steps"
  }
}

extension TOTPVerifier.Refusal: CustomStringConvertible {
  /// Why the code was refused, in one line.
  public var description: String {
    let steps = TOTPVerifier.Acceptance.steps
    return switch self {
    case .attempt(let refusal):
      refusal.description
    case .replayed(let match):
      "replayed: the code for step \(match.step) has already been used to log in (RFC 6238 §5.2)"
    case .outsideWindow(let match) where match.offset < 0:
      "expired by \(steps(-match.offset)): the code is from \(steps(-match.offset)) ago;"
        + " a past window of \(-match.offset) would accept it"
    case .outsideWindow(let match):
      "ahead by \(steps(match.offset)): the code is from \(steps(match.offset)) in the future;"
        + " a future window of \(match.offset) would accept it"
    case .learningSkew(let match, let count):
      "skew learning \(count) of \(SkewLearner.required): the code is \(steps(abs(match.offset)))"
        + " \(match.offset < 0 ? "behind" : "ahead"); log in again within the next two steps"
    case .clockBeforeT0:
      "the server's clock is before T0"
    case .clockAfterLatest:
      "the server's clock is after the year 9999, past the last time the engine handles"
    }
  }
}

extension TOTPVerifier.Decision: CustomStringConvertible {
  /// `accepted: ` or `rejected: ` and the reason.
  public var description: String {
    switch self {
    case .accepted(let acceptance): "accepted: \(acceptance)"
    case .rejected(let refusal): "rejected: \(refusal)"
    }
  }
}

extension HOTPVerifier.Acceptance: CustomStringConvertible {
  /// Why the code was accepted, in one line.
  public var description: String {
    switch self {
    case .code(let counter, 0):
      "the code matches counter \(counter); the server now expects \(counter &+ 1)"
    case .code(let counter, let skipped):
      "the code matches counter \(counter), \(skipped) ahead; the server now expects \(counter &+ 1)"
    case .scratchCode(let remaining):
      "scratch code used, \(remaining) left"
    }
  }
}

extension HOTPVerifier.Refusal: CustomStringConvertible {
  /// Why the code was refused, in one line.
  public var description: String {
    switch self {
    case .attempt(let refusal):
      refusal.description
    case .alreadyUsed(let counter):
      "replayed: the code for counter \(counter) has already been used"
    case .beyondLookAhead(let counter, let skipped):
      "the code is for counter \(counter), \(skipped) ahead, beyond the look-ahead;"
        + " the server's counter stays where it was"
    case .counterExhausted:
      "the code is for the last counter, \(UInt64.max): the server would have no counter left to expect"
    }
  }
}

extension HOTPVerifier.Decision: CustomStringConvertible {
  /// `accepted: ` or `rejected: ` and the reason.
  public var description: String {
    switch self {
    case .accepted(let acceptance): "accepted: \(acceptance)"
    case .rejected(let refusal): "rejected: \(refusal)"
    }
  }
}
