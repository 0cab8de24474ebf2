/// `advance`: move the clock forward, as `clock advance` does.
struct AdvanceCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "advance", summary: "move the clock forward (same as clock advance)",
    usage: ["advance <duration>"], examples: ["advance 30s", "advance 1h30m"])

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    try context.advanceClock(words, command: "advance")
  }
}
