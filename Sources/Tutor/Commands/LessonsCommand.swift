/// `lessons`: the lessons, with the learner's progress.
struct LessonsCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "lessons", summary: "list the lessons, with your progress",
    usage: ["lessons"], examples: ["lessons"], traits: .navigatesLesson)

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    try Arguments(words, command: "lessons").expectPositionals(0, usage: "lessons")
    let session = context.session
    let catalog = session.catalog
    for problem in catalog.problems { context.warn(problem.description) }
    guard !catalog.lessons.isEmpty else {
      throw TutorError(
        "no lessons were found" + (catalog.folder.map { " in \($0)" } ?? ""),
        remedy: "give a folder with --lessons DIR or OTP_TUTOR_LESSONS")
    }
    context.say("Lessons:")
    let width = catalog.lessons.map(\.id.count).max() ?? 0
    for lesson in catalog.lessons {
      var mark = ""
      if let state = session.progress.lessons[lesson.id] {
        let position = (lesson.index(of: state.step) ?? 0) + 1
        mark = "  " + (state.finished ? "✓" : "▸ step \(position) of \(lesson.steps.count)")
      }
      context.say(Line("  " + lesson.id.rightPadded(to: width + 2) + lesson.title + mark))
    }
    context.say("Type 'lesson <id>' to start one, like: lesson \(catalog.lessons[0].id)")
  }
}
