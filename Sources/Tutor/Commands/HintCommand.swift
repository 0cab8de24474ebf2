/// `hint`: the exercise's next hint; after the last, one way to solve it.
struct HintCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "hint", summary: "a hint for the exercise, one at a time",
    usage: ["hint"], examples: ["hint"], traits: .navigatesLesson)

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    try Arguments(words, command: "hint").expectPositionals(0, usage: "hint")
    let session = context.session
    let run = try session.requireRun("hint")
    guard let exercise = run.exercise, !run.exerciseDone else {
      context.say("there is nothing to solve in this step; type 'next' to go on")
      return
    }
    guard run.hintsShown < exercise.hints.count else {
      let world = context.world
      let solution = exercise.solution.map { line in (try? LessonVariables.expand(line.text, in: world)) ?? line.text }
      context.say(Line("no more hints; one way to solve it: " + solution.joined(separator: " ; ")))
      return
    }
    session.showNextHint(run, in: context)
  }
}
