/// `quit` (also `exit`): leave the shell.
struct QuitCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "quit", aliases: ["exit"], summary: "leave the shell (Ctrl-D also works)",
    usage: ["quit"], examples: ["quit"], traits: .navigatesLesson)

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    try Arguments(words, command: "quit").expectPositionals(0, usage: "quit")
    context.quits = true
  }
}
