/// `restart`: start the lesson over, forgetting its progress.
struct RestartCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "restart", summary: "start the lesson over",
    usage: ["restart"], examples: ["restart"], traits: .navigatesLesson)

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    try Arguments(words, command: "restart").expectPositionals(0, usage: "restart")
    let session = context.session
    let run = try session.requireRun("restart")
    session.progress.lessons[run.lesson.key] = nil
    session.changedLessons.insert(run.lesson.key)
    try session.enter(run.lesson, at: 0, in: context)
  }
}
