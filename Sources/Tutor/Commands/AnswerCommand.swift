/// `answer`: answer an exercise's question, in words or by the numbers of its choices.
struct AnswerCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "answer", summary: "answer an exercise's question",
    usage: ["answer <text>", "answer <choice> [<choice>…]"], examples: ["answer 30", "answer 1 3"],
    traits: .navigatesLesson)

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    guard !words.isEmpty else { throw TutorError("answer needs your answer", remedy: "type answer <text>") }
    let session = context.session
    let run = try session.requireRun("answer")
    if let exercise = run.exercise, run.exerciseDone, exercise.wantsAnswer {
      context.say("you have answered this one already; type 'next' to go on")
      return
    }
    guard let exercise = run.exercise, let expectation = run.expectation else {
      throw TutorError("this step asks for no typed answer", remedy: "do what it asks with commands, then 'next'")
    }
    let text = words.joined(separator: " ").trimmingSpaces()
    let right: Bool
    switch expectation {
    case .answer(let pattern):
      let world = context.world
      right = (try? pattern.expanded { text throws(TutorError) in try LessonVariables.expand(text, in: world) })?
        .matches(text, ignoringCase: true) ?? false
    case .choices(let wanted):
      right = try choices(in: text, of: exercise.choices.count) == wanted
    default:
      throw TutorError(
        "this part of the step asks for no typed answer",
        remedy: "do what it asks with commands (\(expectation)), then 'next'")
    }
    if right {
      session.conditionMet(run, in: context)
    } else {
      if let (_, reply) = exercise.feedback.first(where: { $0.0.matches(text, ignoringCase: true) }) {
        context.say(Line("not quite: " + reply))
      } else {
        context.say("not quite.")
      }
      session.showNextHint(run, in: context)
    }
  }

  /// The choices an answer names, by number (`1 3`, `1,3`) or letter (`a c`).
  static func choices(in text: String, of count: Int) throws(TutorError) -> Set<Int> {
    let tokens = text.lowercased().split { !($0.isLetter || $0.isNumber) }.filter { $0 != "and" }
    var chosen: Set<Int> = []
    for token in tokens {
      if let number = Int(token), (1...count).contains(number) {
        chosen.insert(number)
      } else if token.count == 1, let letter = token.first?.asciiValue, letter >= 97, Int(letter) - 96 <= count {
        chosen.insert(Int(letter) - 96)
      } else {
        throw TutorError(
          "'\(String(token).quotedForMessage)' is not one of the choices 1 to \(count)",
          remedy: "answer with the numbers of every right choice, like: answer 1 3")
      }
    }
    guard !chosen.isEmpty else {
      throw TutorError("the answer names no choice", remedy: "answer with the numbers of every right choice, like: answer 1 3")
    }
    return chosen
  }
}
