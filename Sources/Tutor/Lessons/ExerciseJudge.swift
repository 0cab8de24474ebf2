import OTP

/// Decides whether a command satisfied an exercise, from what the command reported: its
/// name (aliases resolved), its verdicts, and the plain rendering of its output. Never from
/// the text a terminal was sent.
enum ExerciseJudge {
  /// What a command did for an exercise.
  enum Finding: Equatable {
    /// It did what the exercise asks.
    case satisfied
    /// It tried and got the wrong outcome: the next hint helps.
    case missed
    /// It has nothing to do with the exercise.
    case unrelated
  }

  static func judge(
    _ expectation: Expectation, command: any ShellCommand.Type, words: [String], context: Context,
    exerciseStart: UnixTime?
  ) -> Finding {
    let world = context.world
    func expand(_ text: String) throws(TutorError) -> String { try LessonVariables.expand(text, in: world) }
    switch expectation {
    case .ran(let expected):
      guard let expected = try? expected.map(expand) else { return .unrelated }
      return ran(expected, command: command, words: words) ? .satisfied : .unrelated
    case .output(let pattern):
      guard let pattern = try? pattern.expanded(expand) else { return .unrelated }
      return context.plainLines.contains { pattern.matches($0) } ? .satisfied : .unrelated
    case .accepted:
      let verdicts = context.learnersVerdicts
      if verdicts.contains(where: \.isAccepted) { return .satisfied }
      return verdicts.isEmpty ? .unrelated : .missed
    case .rejected(let kind):
      let verdicts = context.learnersVerdicts
      if verdicts.contains(where: { !$0.isAccepted && (kind == nil || $0.refusal == kind) }) { return .satisfied }
      return verdicts.isEmpty ? .unrelated : .missed
    case .answer, .choices:
      return .unrelated
    case .fact(let fact):
      return context.facts.contains(fact) ? .satisfied : .unrelated
    case .clockPastStep:
      guard let exerciseStart else { return .unrelated }
      let period: Int64 = if case .totp(let period) = world.currentURI?.kind { period.wholeSeconds } else { 30 }
      return world.clock.time.seconds / period > exerciseStart.seconds / period ? .satisfied : .unrelated
    }
  }

  /// Whether a command is the one `ran` names: the same command (by name or alias), then the
  /// same words, case ignored.
  static func ran(_ expected: [String], command: any ShellCommand.Type, words: [String]) -> Bool {
    guard let name = expected.first, let wanted = CommandRegistry.command(named: name), wanted == command else {
      return false
    }
    let rest = expected.dropFirst()
    return words.count >= rest.count && zip(words, rest).allSatisfy { $0.lowercased() == $1.lowercased() }
  }
}
