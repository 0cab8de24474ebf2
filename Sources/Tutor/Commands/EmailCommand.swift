import OTP

/// `email`: the server sends a code by e-mail; read the inbox, type it in, and choose whether
/// codes expire or stay valid until the next is sent.
struct EmailCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "email", aliases: ["e-mail"], summary: "codes by e-mail: send, read the inbox, verify",
    usage: [
      "email send [--delay 20s]", "email inbox", "email verify <code>",
      "email policy [expires DURATION | until-next]", "email policy [resend N per SPAN | resend off | failures N | reset]",
    ],
    examples: ["email send", "email inbox", "email verify 123456", "email policy until-next"],
    subcommands: ["send", "inbox", "verify", "policy"], options: ["--delay"],
    details: [
      "Like 'sms', to the learner's inbox: by default a code is valid for 10 minutes after sending.",
      "'email policy until-next' keeps a code valid until the next is sent, like an HOTP code.",
    ])

  static func completions(after words: [String], in session: Session) -> [String]? {
    words.map { $0.lowercased() } == ["policy"] ? Context.codePolicySettings : nil
  }

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    let action = try Arguments.subcommand(words, of: spec)
    let rest = Array(words.dropFirst())
    switch action {
    case "send": try context.sendCode(by: .email, rest)
    case "inbox": try context.showInbox(of: .email, rest)
    case "verify": try context.verifyCode(sentBy: .email, rest)
    default: try context.codePolicy(for: .email, rest)
    }
  }
}
