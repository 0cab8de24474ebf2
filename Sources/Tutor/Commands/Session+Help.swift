extension Session {
  func help(_ words: [String]) throws(TutorError) {
    let arguments = try Arguments(words, command: "help")
    if arguments.positionals.isEmpty {
      say("Commands:")
      let width = CommandSpec.all.map(\.name.count).max() ?? 0
      for spec in CommandSpec.all {
        say("  " + spec.name.rightPadded(to: width + 2) + spec.summary)
      }
      say("Type 'help <command>' for its usage and an example.")
      return
    }
    try arguments.expectPositionals(1, usage: "help <command>")
    let name = arguments.positionals[0]
    guard let spec = CommandSpec.named(name.lowercased()) else {
      var remedy = "type 'help' for the list"
      if let suggestion = Suggestion.closest(to: name, among: CommandSpec.allSpellings) {
        remedy = "did you mean 'help \(suggestion)'? " + remedy
      }
      throw TutorError("there is no command '\(name.quotedForMessage)'", remedy: remedy)
    }
    say("\(spec.name): \(spec.summary)")
    if !spec.aliases.isEmpty { say("also: " + spec.aliases.joined(separator: ", ")) }
    say("usage:")
    for line in spec.usage { say("  " + line) }
    say(spec.examples.count == 1 ? "example:" : "examples:")
    for line in spec.examples { say("  " + line) }
    for line in CommandSpec.details[spec.name, default: []] { say(line) }
  }
}

extension CommandSpec {
  /// Notes shown after a command's usage in `help <command>`.
  static let details: [String: [String]] = [
    "clock": [
      "Durations: 500ms, 30s, 2m, 1h30m, 1d. Times: Unix seconds or ISO 8601 (UTC unless an offset is given).",
      "The app's clock is the server's plus the drift.",
    ],
    "verify": [
      "--window N accepts codes up to N steps before and after the current one, for this check only.",
    ],
    "secret": [
      "RFC 4226 §4 requires at least 128 bits and recommends 160, the default for 'secret new'.",
    ],
    "seed": [
      "A seeded generator is predictable by design: use it only for demos and tests.",
    ],
  ]
}
