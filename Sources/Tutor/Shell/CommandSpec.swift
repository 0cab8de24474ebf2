/// A command of the shell's language: its spelling, its help, what Tab may complete, and
/// what kind of command it is.
///
/// Each command is a ``ShellCommand`` type in a file of its own whose `spec` holds this; the
/// ``CommandRegistry`` lists them once, and help, completion and dispatch read it there.
public struct CommandSpec: Sendable {
  /// What kind of command this is.
  public struct Traits: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Moves through lessons (or only shows help); never counts towards an exercise.
    public static let navigatesLesson = Traits(rawValue: 1 << 0)
    /// Asks a question and reads the answer from the next line (`login`'s "Enter Code: ").
    public static let asksQuestion = Traits(rawValue: 1 << 1)
  }

  /// The name to type.
  public let name: String
  /// Other spellings.
  public let aliases: [String]
  /// One line for the `help` list.
  public let summary: String
  /// The forms it takes.
  public let usage: [String]
  /// An example or two, as typed.
  public let examples: [String]
  /// Subcommand words, for completion and for suggesting the right spelling.
  public let subcommands: [String]
  /// Options, for completion and for suggesting the right spelling.
  public let options: [String]
  /// Whether arguments are file paths, for completion.
  public let takesFile: Bool
  /// Notes shown after the usage in `help <command>`.
  public let details: [String]
  /// What kind of command it is.
  public let traits: Traits

  public init(
    name: String, aliases: [String] = [], summary: String, usage: [String], examples: [String],
    subcommands: [String] = [], options: [String] = [], takesFile: Bool = false, details: [String] = [],
    traits: Traits = []
  ) {
    self.name = name
    self.aliases = aliases
    self.summary = summary
    self.usage = usage
    self.examples = examples
    self.subcommands = subcommands
    self.options = options
    self.takesFile = takesFile
    self.details = details
    self.traits = traits
  }

  /// Whether a word names this command, by name or alias (case ignored).
  func isSpelled(_ word: String) -> Bool {
    let word = word.lowercased()
    return name == word || aliases.contains(word)
  }
}

extension CommandSpec {
  /// Every command, in the order `help` lists them.
  public static var all: [CommandSpec] { CommandRegistry.commands.map { $0.spec } }

  /// The command a word names, by name or alias.
  public static func named(_ word: String) -> CommandSpec? {
    CommandRegistry.command(named: word)?.spec
  }

  /// Every spelling of every command.
  static var allSpellings: [String] {
    all.flatMap { [$0.name] + $0.aliases }
  }
}

