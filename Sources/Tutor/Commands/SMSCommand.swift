import OTP

/// `sms`: the server sends a code by text message; read it on the phone, type it in, and watch
/// a SIM swap send it to an attacker instead.
struct SMSCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "sms", summary: "codes by text message: send, read the phone, verify; a SIM swap",
    usage: [
      "sms send [--delay 20s]", "sms inbox [--attacker]", "sms verify <code>", "sms swap", "sms restore",
      "sms policy [expires DURATION | until-next]", "sms policy [resend N per SPAN | resend off | failures N | reset]",
    ],
    examples: ["sms send --delay 20s", "sms inbox", "sms verify 123456", "sms swap", "sms policy resend 3 per 10m"],
    subcommands: ["send", "inbox", "verify", "swap", "restore", "policy"], options: ["--delay", "--attacker"],
    details: [
      "The server sends a random 6-digit code; it arrives after --delay (5 s by default).",
      "A code is valid for 10 minutes after sending (NIST SP 800-63B §5.1.3.2) and is accepted once.",
      "The next code sent replaces it; at most 3 are sent in any 10 minutes ('sms policy').",
      "After 'sms swap' the attacker holds the number: texts reach 'sms inbox --attacker'.",
    ])

  static func completions(after words: [String], in session: Session) -> [String]? {
    words.map { $0.lowercased() } == ["policy"] ? Context.codePolicySettings : nil
  }

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    let action = try Arguments.subcommand(words, of: spec)
    let rest = Array(words.dropFirst())
    switch action {
    case "send": try context.sendCode(by: .sms, rest)
    case "inbox": try context.showInbox(of: .sms, rest)
    case "verify": try context.verifyCode(sentBy: .sms, rest)
    case "policy": try context.codePolicy(for: .sms, rest)
    case "swap":
      try Arguments(rest, command: "sms swap").expectPositionals(0, usage: "sms swap")
      let now = context.world.clock.time
      guard context.world.channel.numberHolder(at: now) == .learner else {
        throw TutorError("the number is the attacker's already", remedy: "type 'sms restore' to give it back to the learner")
      }
      context.world.channel.swapSIM(at: now)
      context.say(
        "SIM swap: the attacker talked the carrier into moving \(OutOfBandChannel.phoneNumber) to the attacker's SIM;"
          + " from \(now) texts to it reach the attacker's phone, and the learner's phone has no service")
    default:
      try Arguments(rest, command: "sms restore").expectPositionals(0, usage: "sms restore")
      let now = context.world.clock.time
      guard context.world.channel.numberHolder(at: now) == .attacker else {
        throw TutorError("the number is the learner's already", remedy: "type 'sms swap' to move it to the attacker's SIM")
      }
      context.world.channel.restoreSIM(at: now)
      context.say("the carrier moved \(OutOfBandChannel.phoneNumber) back to the learner's SIM at \(now)")
    }
  }
}
