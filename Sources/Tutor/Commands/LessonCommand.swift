/// `lesson`: start a lesson, or resume it where the learner left off.
struct LessonCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "lesson", summary: "start a lesson, or resume it where you left off",
    usage: ["lesson <id> [<step>]"], examples: ["lesson totp", "lesson totp 3"], traits: .navigatesLesson)

  static func completions(after words: [String], in session: Session) -> [String]? {
    if words.isEmpty { return session.catalog.lessons.map { session.catalog.shortName(of: $0) } }
    if words.count == 1, let lesson = session.catalog.lesson(words[0]) { return lesson.steps.map(\.id) }
    return []
  }

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    let arguments = try Arguments(words, command: "lesson")
    guard (1...2).contains(arguments.positionals.count) else {
      try arguments.expectPositionals(1, usage: "lesson <id> [<step>]; 'lessons' lists them")
      return
    }
    let session = context.session
    let id = arguments.positionals[0]
    guard let lesson = session.catalog.lesson(id) else {
      let same = session.catalog.lessons.filter { $0.id == id }
      if same.count > 1 {
        throw TutorError(
          "\(same.count) packs have a lesson '\(id.quotedForMessage)'",
          remedy: "say which: " + same.map { "lesson \($0.key)" }.joined(separator: " or "))
      }
      var remedy = "type 'lessons' for the list"
      // Named by its file, as 13-your-own-code.md, 13-your-own-code or 13: the id is inside.
      func stem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return (name.lowercased().hasSuffix(".md") ? String(name.dropLast(3)) : name).lowercased()
      }
      let typed = stem(id)
      if let named = session.catalog.lessons.first(where: { lesson in
        let file = stem(lesson.file)
        return file == typed || (Int(typed) != nil && Int(file.prefix { $0.isASCII && $0.isNumber }) == Int(typed) && file.contains("-"))
      }) {
        remedy = "its id is \(session.catalog.shortName(of: named)): type 'lesson \(session.catalog.shortName(of: named))'"
      } else if let suggestion = Suggestion.closest(to: id, among: session.catalog.lessons.map { session.catalog.shortName(of: $0) }) {
        remedy = "did you mean 'lesson \(suggestion)'? " + remedy
      }
      throw TutorError("there is no lesson '\(id.quotedForMessage)'", remedy: remedy)
    }
    if arguments.positionals.count == 2 {
      try session.enter(lesson, at: try lesson.stepIndex(named: arguments.positionals[1]), in: context)
      return
    }
    let resumed = session.progress.lessons[lesson.key].flatMap { lesson.index(of: $0.step) }
    if let resumed, resumed > 0 {
      context.note("resuming \(lesson.id) at step \(resumed + 1) of \(lesson.steps.count); 'restart' starts it over")
    } else if !lesson.introduction.isEmpty {
      context.say("\(heading: lesson.title)")
      context.emit(.prose(lesson.introduction))
    }
    try session.enter(lesson, at: resumed ?? 0, in: context)
  }
}
