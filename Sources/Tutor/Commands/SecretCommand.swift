import OTP

/// `secret`: make, set or show the shared secret.
struct SecretCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "secret", summary: "make, set or show the shared secret",
    usage: [
      "secret new [--bits N]", "secret set <base32>", "secret set --hex <hex>", "secret set --text <ascii>",
      "secret show",
    ],
    examples: ["secret new", "secret set Muhammad", "secret set --text 12345678901234567890"],
    subcommands: ["new", "set", "show"], options: ["--bits", "--hex", "--text"],
    details: ["RFC 4226 §4 requires at least 128 bits and recommends 160, the default for 'secret new'."])

  static func carriesSecret(_ words: [String]) -> Bool {
    words.first?.lowercased() == "set"
  }

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    let action = try Arguments.subcommand(words, of: spec)
    let rest = Array(words.dropFirst())
    switch action {
    case "new":
      let arguments = try Arguments(rest, command: "secret new", options: ["--bits"])
      try arguments.expectPositionals(0, usage: "secret new [--bits N]")
      let bits =
        try arguments.integer(
          "--bits", in: Secret.randomBitCounts, meaning: "number of bits (a multiple of 8)") ?? Secret.recommendedBitCount
      let secret: Secret
      do { secret = try Secret.random(bits: bits, using: &context.world.random) } catch { throw TutorError(error) }
      let seeded = context.world.seed != nil
      context.say("secret: \(secret: secret.base32)  (\(secret.bitCount) bits)")
      context.noteIfSeeded()
      try context.share(secret)
      context.secretEntered(fromSeededGenerator: seeded)
    case "set":
      let arguments = try Arguments(rest, command: "secret set", flags: ["--hex", "--text"])
      guard !arguments.positionals.isEmpty else {
        throw TutorError("secret set needs the secret", remedy: "type secret set <base32> (or --hex <hex>, --text <ascii>)")
      }
      guard !(arguments.has("--hex") && arguments.has("--text")) else {
        throw TutorError("--hex and --text cannot go together", remedy: "choose one form of the secret")
      }
      let text = arguments.positionals.joined(separator: " ")
      let secret: Secret
      do {
        if arguments.has("--hex") {
          secret = try Secret(hex: text)
        } else if arguments.has("--text") {
          secret = try Secret(text: text)
        } else {
          secret = try Secret(base32: text)
        }
      } catch {
        let form = arguments.has("--hex") ? "hex" : arguments.has("--text") ? "text" : "base32"
        var remedy: String? = nil
        if form == "base32", case .invalidBase32 = error {
          remedy = "for hex add --hex, for plain text add --text"
        }
        throw TutorError("that \(form) secret is not valid: \(error)", remedy: remedy)
      }
      context.say("secret set: \(secret.bitCount) bits")
      try context.share(secret)
      context.secretEntered()
    default:
      try Arguments(rest, command: "secret show").expectPositionals(0, usage: "secret show")
      let secret = try context.requireURI().secret
      context.say("base32: \(secret: secret.base32)")
      context.say("hex:    \(secret: secret.hex)")
      let verdict =
        switch secret.strength {
        case .weak: "weak"
        case .acceptable: "acceptable: RFC 4226 §4's minimum is 128"
        case .recommended: "good: RFC 4226 §4 recommends 160"
        }
      context.say("bits:   \(secret.bitCount) (\(verdict))")
      if let warning = secret.weaknessWarning { context.warn(warning) }
    }
  }
}
