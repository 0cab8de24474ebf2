import OTP

extension Session {
  func run(_ name: String, _ words: [String]) throws(TutorError) -> Outcome {
    guard let spec = CommandSpec.named(name.lowercased()) else {
      var remedy = "type 'help' for the list of commands"
      if let suggestion = Suggestion.closest(to: name, among: CommandSpec.allSpellings) {
        remedy = "did you mean '\(suggestion)'? " + remedy
      }
      throw TutorError("unknown command '\(name.quotedForMessage)'", remedy: remedy)
    }
    switch spec.name {
    case "help": try help(words)
    case "secret": try secret(words)
    case "enroll": try enroll(words)
    case "totp": try totp(words)
    case "hotp": try hotp(words)
    case "uri": try uri(words)
    case "verify": try verify(words)
    case "explain": try explain(words)
    case "clock": try clockCommand(words)
    case "advance": try advance(words, command: "advance")
    case "watch": try watch(words)
    case "seed": try seed(words)
    case "key": try key(words)
    case "qr": try qr(words)
    case "app": try appCommand(words)
    case "server": try serverCommand(words)
    case "login": try login(words)
    case "attack": try attack(words)
    case "lessons": try lessonsCommand(words)
    case "lesson": try lessonCommand(words)
    case "next": try next(words)
    case "back": try back(words)
    case "goto": try goto(words)
    case "restart": try restart(words)
    case "hint": try hint(words)
    case "skip": try skip(words)
    case "where": try whereCommand(words)
    case "answer": try answer(words)
    case "record": try record(words)
    case "quit":
      try Arguments(words, command: spec.name).expectPositionals(0, usage: "quit")
      return .quit
    default:
      throw TutorError("'\(spec.name)' is not available yet", remedy: "type 'help' for what is")
    }
    return .succeeded
  }

  /// The subcommand word, checked against the command's list, with a suggestion when mistyped.
  func subcommand(_ words: [String], of command: String, default fallback: String? = nil) throws(TutorError) -> String {
    let spec = CommandSpec.named(command)
    let known = spec?.subcommands ?? []
    guard let word = words.first else {
      if let fallback { return fallback }
      throw TutorError("\(command) needs a subcommand", remedy: "type \(command) " + known.joined(separator: "|"))
    }
    guard known.contains(word.lowercased()) else {
      var remedy = "type \(command) " + known.joined(separator: "|")
      if let suggestion = Suggestion.closest(to: word, among: known) {
        remedy = "did you mean '\(command) \(suggestion)'? " + remedy
      }
      throw TutorError("'\(word.quotedForMessage)' is not a subcommand of \(command)", remedy: remedy)
    }
    return word.lowercased()
  }

  func seed(_ words: [String]) throws(TutorError) {
    let arguments = try Arguments(words, command: "seed")
    try arguments.expectPositionals(1, usage: "seed <n>")
    guard let seed = UInt64(arguments.positionals[0]) else {
      throw TutorError(
        "'\(arguments.positionals[0].quotedForMessage)' is not a seed",
        remedy: "use a whole number from 0 to 18446744073709551615")
    }
    random = .seeded(.init(seed: seed), seed: seed)
    note("seeded with \(seed): new secrets repeat from here on. Seeded secrets are for demos only, never real accounts.")
  }

  /// Whether a line typed at the prompt carries a secret and so must stay out of the history file.
  public static func lineCarriesSecret(_ line: String) -> Bool {
    let words = (try? CommandTokenizer.words(in: line)) ?? line.split(separator: " ").map(String.init)
    guard let first = words.first?.lowercased() else { return false }
    let rest = words.dropFirst().map { $0.lowercased() }
    switch first {
    case "secret": return rest.first == "set"
    case "enroll": return rest.contains { $0.hasPrefix("--uri") || $0.hasPrefix("otpauth:") }
    case "app": return rest.contains { $0.hasPrefix("--uri") || $0.hasPrefix("otpauth:") }
    default: return words.contains { $0.lowercased().hasPrefix("otpauth:") }
    }
  }
}
