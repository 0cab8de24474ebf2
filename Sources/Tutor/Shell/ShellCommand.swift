/// One command of the shell: its spec and what it does, in one type and one file.
///
/// In the spirit of swift-argument-parser's `ParsableCommand`, a command keeps its
/// configuration and its `run` together; ``CommandRegistry`` lists every command once, and
/// help, Tab completion, dispatch, the history's secret filter and exercise checking all read
/// the registry. A command reports what happened as ``Event``s into its ``Context``.
///
/// ```swift
/// struct SeedCommand: ShellCommand {
///   static let spec = CommandSpec(name: "seed", summary: "…", usage: ["seed <n>"], examples: ["seed 42"])
///   static func run(_ words: [String], in context: Context) throws(TutorError) { … }
/// }
/// ```
protocol ShellCommand: SendableMetatype {
  /// The command's spelling, help and traits.
  static var spec: CommandSpec { get }

  /// Runs the command on the words after its name.
  static func run(_ words: [String], in context: Context) throws(TutorError)

  /// Whether the words after the command's name carry a secret, so that the line stays out of
  /// the history file and recordings. Any word that is an `otpauth:` URI always does.
  static func carriesSecret(_ words: [String]) -> Bool

  /// What Tab offers for the word being typed, given the words before it (the command's name
  /// excluded), when only the session knows (lesson ids, account names); `nil` to fall back on
  /// the spec's subcommands, options and file paths.
  static func completions(after words: [String], in session: Session) -> [String]?

  /// Whether the words after the command's name only report: the command changes nothing a
  /// later step sees (no clock, account, counter or file), so that rebuilding a lesson's
  /// session for a step may skip it (`lab kat` runs a program eighteen times to say so).
  static func onlyReports(_ words: [String]) -> Bool
}

extension ShellCommand {
  static func carriesSecret(_ words: [String]) -> Bool { false }
  static func completions(after words: [String], in session: Session) -> [String]? { nil }
  static func onlyReports(_ words: [String]) -> Bool { false }
}
