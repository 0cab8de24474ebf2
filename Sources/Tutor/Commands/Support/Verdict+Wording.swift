import OTP

extension Verdict {
  /// Why the server decided as it did, in one line.
  public var reason: String {
    switch decision {
    case .totp(.rejected(.attempt(.wrongCode))) where nearMiss != nil:
      guard let match = nearMiss else { return "wrong code" }
      let steps = Self.steps(abs(match.offset))
      let what =
        match.offset < 0
        ? "it expired \(steps) ago; a past window of \(-match.offset) would accept it"
        : "it is \(steps) ahead; a future window of \(match.offset) would accept it"
      // The server's reply, then what only the tutor can see: a real server says no more.
      return "wrong code (the tutor can tell: \(what))"
    case .totp(let decision):
      var reason = Self.explain(decision, window: window, skew: skew)
      if reusedStep {
        reason += "; this code had already logged in once: anyone who saw it can log in with it until its step ends"
          + " ('server policy replay on' refuses it, RFC 6238 §5.2)"
      }
      return reason
    case .hotp(let decision):
      return Self.explain(decision, lookAhead: lookAhead)
    }
  }

  static func steps(_ count: Int) -> String {
    count == 1 ? "1 step" : "\(count) steps"
  }

  static func explain(_ decision: TOTPVerifier.Decision, window: VerificationWindow, skew: Int = 0) -> String {
    switch decision {
    case .accepted(.code(let match)) where skew != 0:
      let around = match.offset - skew
      return "the code is \(steps(abs(match.offset))) \(match.offset < 0 ? "behind" : "ahead"), which the learned skew of"
        + " \(skew > 0 ? "+" : "")\(skew) steps expects" + (around == 0 ? "" : " (give or take \(steps(abs(around))), inside the window)")
    case .accepted(.code(let match)):
      switch match.offset {
      case 0: return "the code matches the current step (offset 0)"
      case ..<0: return "the code is from \(steps(-match.offset)) ago (offset \(match.offset)), inside the past window of \(window.past)"
      default: return "the code is \(steps(match.offset)) ahead (offset +\(match.offset)), inside the future window of \(window.future)"
      }
    case .accepted(.skewAdopted(_, let skew)):
      return "skew learned: the phone's clock is \(steps(abs(skew))) \(skew < 0 ? "behind" : "ahead"); the server now centres its window there"
    case .accepted(.scratchCode(let remaining)):
      return TOTPVerifier.Acceptance.scratchCode(remaining: remaining).description
    case .rejected(.clockBeforeT0):
      return "the server's clock is before T0; set the clock later"
    case .rejected(.clockAfterLatest):
      return "the server's clock is after the year 9999, past the last time the engine handles;"
        + " set it earlier, like clock set 2026-01-01T00:00:00Z"
    case .rejected(let refusal):
      // The engine's own words: the shared refusals, a replay, a code outside the window.
      return refusal.description
    }
  }

  static func explain(_ decision: HOTPVerifier.Decision, lookAhead: Int) -> String {
    switch decision {
    case .accepted(.code(let counter, let skipped)):
      if skipped == 0 { return "the code matches counter \(counter); the server now expects \(counter &+ 1)" }
      return "the code matches counter \(counter), \(skipped) ahead: resynchronised within the look-ahead of"
        + " \(lookAhead); the server now expects \(counter &+ 1)"
    case .accepted(.scratchCode(let remaining)):
      return HOTPVerifier.Acceptance.scratchCode(remaining: remaining).description
    case .rejected(.beyondLookAhead(let counter, let skipped)):
      return "the code is for counter \(counter), \(skipped) ahead, beyond the look-ahead of \(lookAhead);"
        + " the server's counter stays where it was"
    case .rejected(let refusal):
      // The engine's own words: the shared refusals, a used counter, the last counter.
      return refusal.description
    }
  }
}

