/// `lesson`: start a lesson, or resume it where the learner left off.
struct LessonCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "lesson", summary: "start a lesson, or resume it where you left off",
    usage: ["lesson <id>"], examples: ["lesson totp"], traits: .navigatesLesson)

  static func completions(after words: [String], in session: Session) -> [String]? {
    words.isEmpty ? session.catalog.lessons.map(\.id) : []
  }

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    let arguments = try Arguments(words, command: "lesson")
    try arguments.expectPositionals(1, usage: "lesson <id>; 'lessons' lists them")
    let session = context.session
    let id = arguments.positionals[0]
    guard let lesson = session.catalog.lesson(id) else {
      var remedy = "type 'lessons' for the list"
      if let suggestion = Suggestion.closest(to: id, among: session.catalog.lessons.map(\.id)) {
        remedy = "did you mean 'lesson \(suggestion)'? " + remedy
      }
      throw TutorError("there is no lesson '\(id.quotedForMessage)'", remedy: remedy)
    }
    let resumed = session.progress.lessons[id].flatMap { lesson.index(of: $0.step) }
    if let resumed, resumed > 0 {
      context.note("resuming \(lesson.id) at step \(resumed + 1) of \(lesson.steps.count); 'restart' starts it over")
    } else if !lesson.introduction.isEmpty {
      context.say("\(heading: lesson.title)")
      context.emit(.prose(lesson.introduction))
    }
    try session.enter(lesson, at: resumed ?? 0, in: context)
  }
}
