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
    try session.enter(run.lesson, at: try run.lesson.stepIndex(named: arguments.positionals[0]), in: context)
  }
}

extension Lesson {
  /// The index of a step given by id or by number (from 1), or an error listing the steps.
  func stepIndex(named target: String) throws(TutorError) -> Int {
    let ids = steps.map(\.id)
    if let number = Int(target), (1...ids.count).contains(number) { return number - 1 }
    if let index = index(of: target) { return index }
    var remedy = "the steps are: " + ids.joined(separator: ", ")
    if let suggestion = Suggestion.closest(to: target, among: ids) { remedy = "did you mean '\(suggestion)'? " + remedy }
    throw TutorError("lesson \(id) has no step '\(target.quotedForMessage)'", remedy: remedy)
  }
}
