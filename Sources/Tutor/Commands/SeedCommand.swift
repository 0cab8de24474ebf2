import OTP

/// `seed`: make later secrets and scratch codes repeatable, for demos.
struct SeedCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "seed", summary: "make later secrets repeatable (for demos only)",
    usage: ["seed <n>"], examples: ["seed 42"],
    details: ["A seeded generator is predictable by design: use it only for demos and tests."])

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    let arguments = try Arguments(words, command: "seed")
    try arguments.expectPositionals(1, usage: "seed <n>")
    guard let seed = UInt64(arguments.positionals[0]) else {
      throw TutorError(
        "'\(arguments.positionals[0].quotedForMessage)' is not a seed",
        remedy: "use a whole number from 0 to 18446744073709551615")
    }
    context.world.random = .seeded(.init(seed: seed), seed: seed)
    context.note(
      "seeded with \(seed): new secrets repeat from here on. Seeded secrets are for demos only, never real accounts.")
  }
}
