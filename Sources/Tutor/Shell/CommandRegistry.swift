/// Every command of the shell, listed once, in the order `help` shows them.
///
/// Adding a command is one new file holding its ``ShellCommand`` type, and one line here.
enum CommandRegistry {
  static let commands: [any ShellCommand.Type] = [
    HelpCommand.self,
    SecretCommand.self,
    EnrollCommand.self,
    TOTPCommand.self,
    HOTPCommand.self,
    URICommand.self,
    VerifyCommand.self,
    ExplainCommand.self,
    ClockCommand.self,
    AdvanceCommand.self,
    WatchCommand.self,
    KeyCommand.self,
    QRCommand.self,
    AppCommand.self,
    PhoneCommand.self,
    LoginCommand.self,
    ServerCommand.self,
    AttackCommand.self,
    PhishCommand.self,
    PasskeyCommand.self,
    SMSCommand.self,
    EmailCommand.self,
    PushCommand.self,
    LabCommand.self,
    LessonsCommand.self,
    LessonCommand.self,
    NextCommand.self,
    BackCommand.self,
    GotoCommand.self,
    RestartCommand.self,
    HintCommand.self,
    SkipCommand.self,
    WhereCommand.self,
    AnswerCommand.self,
    RecordCommand.self,
    SeedCommand.self,
    QuitCommand.self,
  ]

  /// The command a word names, by name or alias (case ignored).
  static func command(named word: String) -> (any ShellCommand.Type)? {
    commands.first { $0.spec.isSpelled(word) }
  }
}
