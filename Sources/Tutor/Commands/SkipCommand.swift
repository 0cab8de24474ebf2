/// `skip`: pass over the exercise, where the lesson allows it.
struct SkipCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "skip", summary: "pass over the exercise (where the lesson allows it)",
    usage: ["skip"], examples: ["skip"], traits: .navigatesLesson)

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    try Arguments(words, command: "skip").expectPositionals(0, usage: "skip")
    let run = try context.session.requireRun("skip")
    guard run.lesson.allowsSkip else {
      throw TutorError("this lesson does not allow skipping", remedy: "type 'hint' for help with the exercise")
    }
    guard run.exercise != nil, !run.exerciseDone else {
      throw TutorError("there is no exercise to skip here", remedy: "type 'next' to go on")
    }
    context.session.completeExercise(run, in: context, skipped: true)
    context.note("skipped; type 'next' to go on")
  }
}
