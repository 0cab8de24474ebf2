/// `help`: the list of commands, or one command's usage, examples and notes.
struct HelpCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "help", aliases: ["?"], summary: "list the commands, or explain one",
    usage: ["help", "help <command>"], examples: ["help totp"], traits: .navigatesLesson)

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    let arguments = try Arguments(words, command: "help")
    if arguments.positionals.isEmpty {
      context.say("Commands:")
      let specs = CommandSpec.all
      let width = specs.map(\.name.count).max() ?? 0
      for spec in specs {
        context.say("  \(spec.name.rightPadded(to: width + 2))\(spec.summary)")
      }
      context.say("Type 'help <command>' for its usage and an example.")
      return
    }
    try arguments.expectPositionals(1, usage: "help <command>")
    let name = arguments.positionals[0]
    guard let spec = CommandSpec.named(name) else {
      var remedy = "type 'help' for the list"
      if let suggestion = Suggestion.closest(to: name, among: CommandSpec.allSpellings) {
        remedy = "did you mean 'help \(suggestion)'? " + remedy
      }
      throw TutorError("there is no command '\(name.quotedForMessage)'", remedy: remedy)
    }
    context.say("\(spec.name): \(spec.summary)")
    if !spec.aliases.isEmpty { context.say(Line("also: " + spec.aliases.joined(separator: ", "))) }
    context.say("usage:")
    for line in spec.usage { context.say(Line("  " + line)) }
    context.say(spec.examples.count == 1 ? "example:" : "examples:")
    for line in spec.examples { context.say(Line("  " + line)) }
    for line in spec.details { context.say(Line(line)) }
  }

  static func completions(after words: [String], in session: Session) -> [String]? {
    words.isEmpty ? CommandSpec.all.map(\.name) : []
  }
}
