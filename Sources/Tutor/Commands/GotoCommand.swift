/// `goto`: jump to a step of the lesson, by id or number.
struct GotoCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "goto", summary: "jump to a step of the lesson, by id or number",
    usage: ["goto <step id or number>"], examples: ["goto expiry", "goto 3"], traits: .navigatesLesson)

  static func completions(after words: [String], in session: Session) -> [String]? {
    words.isEmpty ? session.run?.lesson.steps.map(\.id) ?? [] : []
  }

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    let arguments = try Arguments(words, command: "goto")
    try arguments.expectPositionals(1, usage: "goto <step id or number>")
    let session = context.session
    let run = try session.requireRun("goto")
    let target = arguments.positionals[0]
    let ids = run.lesson.steps.map(\.id)
    if let number = Int(target), (1...ids.count).contains(number) {
      try session.enter(run.lesson, at: number - 1, in: context)
    } else if let index = run.lesson.index(of: target) {
      try session.enter(run.lesson, at: index, in: context)
    } else {
      var remedy = "the steps are: " + ids.joined(separator: ", ")
      if let suggestion = Suggestion.closest(to: target, among: ids) { remedy = "did you mean '\(suggestion)'? " + remedy }
      throw TutorError("this lesson has no step '\(target.quotedForMessage)'", remedy: remedy)
    }
  }
}
