/// `lessons`: the lessons, pack by pack, with the learner's progress.
struct LessonsCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "lessons", summary: "list the lessons, with your progress",
    usage: ["lessons"], examples: ["lessons"], traits: .navigatesLesson)

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    try Arguments(words, command: "lessons").expectPositionals(0, usage: "lessons")
    let session = context.session
    let catalog = session.catalog
    for problem in catalog.problems { context.warn(problem.description) }
    let lessons = catalog.lessons
    guard !lessons.isEmpty else {
      throw TutorError(
        "no lessons were found" + (catalog.folder.map { " in \($0)" } ?? ""),
        remedy: "give a folder with --lessons DIR or OTP_TUTOR_LESSONS")
    }
    let finished = lessons.filter { session.progress.lessons[$0.key]?.finished == true }.count
    let names = lessons.map { catalog.shortName(of: $0) }
    let width = names.map(\.count).max() ?? 0
    let titleWidth = lessons.map(\.title.count).max() ?? 0
    let grouped = catalog.packs.count > 1
    if !grouped {
      context.say(
        finished == 0 && session.progress.lessons.isEmpty
          ? "Lessons:" : "Lessons (\(finished) of \(lessons.count) finished):")
    }
    for pack in catalog.packs where !pack.lessons.isEmpty {
      if grouped {
        let version = pack.pack.version.map { " \($0)" } ?? ""
        context.say("\(heading: pack.pack.name + version)")
      }
      for lesson in pack.lessons {
        var mark = ""
        if let state = session.progress.lessons[lesson.key] {
          let position = (lesson.index(of: state.step) ?? 0) + 1
          let exercises = lesson.steps.filter { $0.exercise != nil }.count
          var parts = [state.finished ? "✓ finished" : "▸ step \(position) of \(lesson.steps.count)"]
          parts.append("\(state.solved)/\(exercises) solved")
          if !state.skipped.isEmpty { parts.append("\(state.skipped.count) skipped") }
          mark = "  " + parts.joined(separator: ", ")
        }
        let title = mark.isEmpty ? lesson.title : lesson.title.rightPadded(to: titleWidth)
        context.say(Line("  " + catalog.shortName(of: lesson).rightPadded(to: width + 2) + title + mark))
      }
    }
    if grouped { context.say("(\(finished) of \(lessons.count) finished)") }
    context.say("Type 'lesson <id>' to start one, like: lesson \(names[0])")
  }
}
