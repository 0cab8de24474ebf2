import OTP

/// `uri`: the otpauth:// provisioning URI of the account.
struct URICommand: ShellCommand {
  static let spec = CommandSpec(
    name: "uri", summary: "the otpauth:// provisioning URI of the account",
    usage: ["uri [--all-parameters]"], examples: ["uri"], options: ["--all-parameters"])

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    let arguments = try Arguments(words, command: "uri", flags: ["--all-parameters"])
    try arguments.expectPositionals(0, usage: "uri [--all-parameters]")
    context.say("\(secret: try context.requireURI().string(includingDefaults: arguments.has("--all-parameters")))")
  }
}
