/// `answer`: answer an exercise's question.
struct AnswerCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "answer", summary: "answer an exercise's question",
    usage: ["answer <text>"], examples: ["answer 30"], traits: .navigatesLesson)

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    guard !words.isEmpty else { throw TutorError("answer needs your answer", remedy: "type answer <text>") }
    let session = context.session
    let run = try session.requireRun("answer")
    if let exercise = run.exercise, run.exerciseDone, case .answer = exercise.expectation {
      context.say("you have answered this one already; type 'next' to go on")
      return
    }
    guard let exercise = run.exercise, !run.exerciseDone, case .answer(let pattern) = exercise.expectation else {
      throw TutorError("this step asks for no typed answer", remedy: "do what it asks with commands, then 'next'")
    }
    let text = words.joined(separator: " ").trimmingSpaces()
    if pattern.matches(text, ignoringCase: true) {
      session.completeExercise(run, in: context)
    } else {
      if let (_, reply) = exercise.feedback.first(where: { $0.0.matches(text, ignoringCase: true) }) {
        context.say(Line("not quite: " + reply))
      } else {
        context.say("not quite.")
      }
      session.showNextHint(run, in: context)
    }
  }
}
