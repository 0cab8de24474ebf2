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
    let finished = catalog.lessons.filter { session.progress.lessons[$0.id]?.finished == true }.count
    context.say(
      finished == 0 && session.progress.lessons.isEmpty
        ? "Lessons:" : "Lessons (\(finished) of \(catalog.lessons.count) finished):")
    let width = catalog.lessons.map(\.id.count).max() ?? 0
    let titleWidth = catalog.lessons.map(\.title.count).max() ?? 0
    for lesson in catalog.lessons {
      var mark = ""
      if let state = session.progress.lessons[lesson.id] {
        let position = (lesson.index(of: state.step) ?? 0) + 1
        let exercises = lesson.steps.filter { $0.exercise != nil }.count
        var parts = [state.finished ? "✓ finished" : "▸ step \(position) of \(lesson.steps.count)"]
        parts.append("\(state.solved)/\(exercises) solved")
        if !state.skipped.isEmpty { parts.append("\(state.skipped.count) skipped") }
        mark = "  " + parts.joined(separator: ", ")
      }
      let title = mark.isEmpty ? lesson.title : lesson.title.rightPadded(to: titleWidth)
      context.say(Line("  " + lesson.id.rightPadded(to: width + 2) + title + mark))
    }
    context.say("Type 'lesson <id>' to start one, like: lesson \(catalog.lessons[0].id)")
  }
}
