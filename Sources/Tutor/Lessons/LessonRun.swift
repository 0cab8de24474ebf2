import OTP

/// A lesson being played: where the learner is, and how far into the step's exercise.
final class LessonRun {
  let lesson: Lesson
  var stepIndex: Int
  var hintsShown = 0
  var exerciseDone = false
  /// How many of the exercise's conditions (`expect:` lines) are met so far, in order.
  var conditionsMet = 0
  /// The server's TOTP step when the exercise began, for `expect: clock past-step`.
  var exerciseStartTime: UnixTime?
  /// How the demos after the exercise compared with the lesson when completing it played them,
  /// for `otp-tutor check`, which must not play them a second time.
  var afterExerciseMismatches: [Session.Mismatch] = []

  init(lesson: Lesson, stepIndex: Int) {
    self.lesson = lesson
    self.stepIndex = stepIndex
  }

  var step: Step { lesson.steps[stepIndex] }
  var exercise: Exercise? { step.exercise }
  var isLastStep: Bool { stepIndex == lesson.steps.count - 1 }

  /// The condition the exercise waits for now, if any.
  var expectation: Expectation? {
    guard let exercise, !exerciseDone, conditionsMet < exercise.expectations.count else { return nil }
    return exercise.expectations[conditionsMet]
  }
}

extension Exercise {
  /// The solution as commands, each with the answers (`> …` lines) that follow it.
  var solutionCommands: [(command: String, answers: [String])] {
    var commands: [(command: String, answers: [String])] = []
    for line in solution.map(\.text) {
      if line.hasPrefix("> "), !commands.isEmpty {
        commands[commands.count - 1].answers.append(String(line.dropFirst(2)))
      } else {
        commands.append((line, []))
      }
    }
    return commands
  }
}
