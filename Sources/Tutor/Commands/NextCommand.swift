/// `next` (also `n`): go on to the next step, or finish the lesson.
struct NextCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "next", aliases: ["n"], summary: "go on to the next step of the lesson",
    usage: ["next"], examples: ["next"], traits: .navigatesLesson)

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    try Arguments(words, command: "next").expectPositionals(0, usage: "next")
    let session = context.session
    let run = try session.requireRun("next")
    if run.exercise != nil, !run.exerciseDone {
      throw TutorError(
        "the exercise of this step is not done yet",
        remedy: run.lesson.allowsSkip ? "try it, type 'hint' for help, or 'skip'" : "try it, or type 'hint' for help")
    }
    guard !run.isLastStep else {
      session.finish(run, in: context)
      return
    }
    try session.enter(run.lesson, at: run.stepIndex + 1, in: context)
  }
}
