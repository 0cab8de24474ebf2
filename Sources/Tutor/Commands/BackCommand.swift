/// `back`: go back one step; the world is rebuilt to that step's start.
struct BackCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "back", summary: "go back one step (the session is rebuilt to that step's start)",
    usage: ["back"], examples: ["back"], traits: .navigatesLesson)

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    try Arguments(words, command: "back").expectPositionals(0, usage: "back")
    let run = try context.session.requireRun("back")
    guard run.stepIndex > 0 else { throw TutorError("this is the first step", remedy: "type 'next' to go on") }
    try context.session.enter(run.lesson, at: run.stepIndex - 1, in: context)
  }
}
