/// A command of the shell's language: its spelling, its help, and what Tab may complete.
public struct CommandSpec: Sendable {
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
  /// Subcommand words, for completion.
  public let subcommands: [String]
  /// Options, for completion and for suggesting the right spelling.
  public let options: [String]
  /// Options and positions whose value is a file path, for completion.
  public let takesFile: Bool
}

extension CommandSpec {
  /// Every command, in the order `help` lists them.
  public static let all: [CommandSpec] = [
    CommandSpec(
      name: "help", aliases: ["?"], summary: "list the commands, or explain one",
      usage: ["help", "help <command>"], examples: ["help totp"], subcommands: [], options: [], takesFile: false),
    CommandSpec(
      name: "secret", aliases: [], summary: "make, set or show the shared secret",
      usage: [
        "secret new [--bits N]", "secret set <base32>", "secret set --hex <hex>", "secret set --text <ascii>",
        "secret show",
      ],
      examples: ["secret new", "secret set Muhammad", "secret set --text 12345678901234567890"],
      subcommands: ["new", "set", "show"], options: ["--bits", "--hex", "--text"], takesFile: false),
    CommandSpec(
      name: "enroll", aliases: [], summary: "give the account to the login server and the app",
      usage: [
        "enroll [--type totp|hotp] [--account A] [--issuer I] [--algorithm SHA1|SHA256|SHA512]"
          + " [--digits N] [--period SECONDS] [--counter N]",
        "enroll --uri <otpauth URI>",
      ],
      examples: ["enroll --account Muhammad --issuer CodingFleet.com", "enroll --type hotp --counter 0"],
      subcommands: [],
      options: ["--type", "--account", "--issuer", "--algorithm", "--digits", "--period", "--counter", "--uri"],
      takesFile: false),
    CommandSpec(
      name: "totp", aliases: ["code"], summary: "the code the app shows now, and how long it lasts",
      usage: ["totp [--at <time>]"], examples: ["totp", "totp --at 2009-02-13T23:31:30Z"], subcommands: [],
      options: ["--at"], takesFile: false),
    CommandSpec(
      name: "hotp", aliases: [], summary: "HOTP codes at a counter or a range of counters",
      usage: ["hotp <n>", "hotp <a>..<b>"], examples: ["hotp 0", "hotp 0..3"], subcommands: [], options: [],
      takesFile: false),
    CommandSpec(
      name: "uri", aliases: [], summary: "the otpauth:// provisioning URI of the account",
      usage: ["uri [--all-parameters]"], examples: ["uri"], subcommands: [], options: ["--all-parameters"],
      takesFile: false),
    CommandSpec(
      name: "verify", aliases: [], summary: "ask the login server whether a code is accepted",
      usage: ["verify <code> [--window N]"], examples: ["verify 492039", "verify 492039 --window 1"],
      subcommands: [], options: ["--window"], takesFile: false),
    CommandSpec(
      name: "explain", aliases: [], summary: "work out the current code step by step (RFC 4226 §5.4)",
      usage: ["explain [totp]", "explain hotp [counter]"], examples: ["explain", "explain hotp 0"],
      subcommands: ["totp", "hotp"], options: [], takesFile: false),
    CommandSpec(
      name: "clock", aliases: [], summary: "show, set, advance, drift, freeze or run the virtual clock",
      usage: [
        "clock", "clock set <unix seconds | ISO-8601>", "clock advance <duration>", "clock drift <±duration>",
        "clock freeze", "clock run", "clock real",
      ],
      examples: ["clock advance 30s", "clock drift +45s", "clock set 2009-02-13T23:31:30Z"],
      subcommands: ["set", "advance", "drift", "freeze", "run", "real"], options: [], takesFile: false),
    CommandSpec(
      name: "advance", aliases: [], summary: "move the clock forward (same as clock advance)",
      usage: ["advance <duration>"], examples: ["advance 30s", "advance 1h30m"], subcommands: [], options: [],
      takesFile: false),
    CommandSpec(
      name: "watch", aliases: [], summary: "fast-forward the clock, printing a timeline of codes",
      usage: ["watch <duration> [--every <duration>] [--speed <factor>]"],
      examples: ["watch 2m", "watch 90s --every 15s", "watch 1m --speed 10"], subcommands: [],
      options: ["--every", "--speed"], takesFile: false),
    CommandSpec(
      name: "key", aliases: [], summary: "save the secret to a key file, or load one (the tutorial's 2fa.txt)",
      usage: ["key save <file>", "key load <file>"], examples: ["key save 2fa.txt", "key load 2fa.txt"],
      subcommands: ["save", "load"], options: [], takesFile: true),
    CommandSpec(
      name: "qr", aliases: [], summary: "show the enrollment QR code, or save it as PNG or SVG",
      usage: ["qr [--png FILE] [--svg FILE] [--scale N] [--margin N] [--invert] [--ecc L|M|Q|H]"],
      examples: ["qr", "qr --png totp_qr.png", "qr --invert"], subcommands: [],
      options: ["--png", "--svg", "--scale", "--margin", "--invert", "--ecc"], takesFile: true),
    CommandSpec(
      name: "app", aliases: [], summary: "the simulated authenticator app: scan, list, show codes",
      usage: [
        "app scan <png>", "app scan --uri <otpauth URI>", "app list", "app code [account]", "app remove <account>",
        "app profile [strict|ignores-parameters]",
      ],
      examples: ["app scan totp_qr.png", "app code", "app profile ignores-parameters"],
      subcommands: ["scan", "list", "code", "remove", "profile"], options: ["--uri"], takesFile: true),
    CommandSpec(
      name: "login", aliases: [], summary: "log in as the tutorial's program does: Enter Code, then the verdict",
      usage: ["login [account]"], examples: ["login", "login Muhammad"], subcommands: [], options: [],
      takesFile: false),
    CommandSpec(
      name: "server", aliases: [], summary: "the login server: its accounts, policy, log and scratch codes",
      usage: [
        "server show", "server policy", "server policy window N | past N | future N", "server policy replay on|off",
        "server policy rate-limit N per SECONDS | rate-limit off", "server policy skew on|off",
        "server policy look-ahead N", "server policy reset", "server scratch N", "server log",
      ],
      examples: ["server policy window 1", "server policy rate-limit 3 per 30s", "server scratch 5", "server log"],
      subcommands: ["show", "policy", "log", "scratch"], options: [], takesFile: false),
    CommandSpec(
      name: "attack", aliases: [], summary: "attack the server: guess codes, or replay one seen over a shoulder",
      usage: ["attack guess [--rate <attempts per second>] [--for <duration>]", "attack replay"],
      examples: ["attack guess --rate 100", "attack guess --for 1d", "attack replay"],
      subcommands: ["guess", "replay"], options: ["--rate", "--for"], takesFile: false),
    CommandSpec(
      name: "lessons", aliases: [], summary: "list the lessons, with your progress",
      usage: ["lessons"], examples: ["lessons"], subcommands: [], options: [], takesFile: false),
    CommandSpec(
      name: "lesson", aliases: [], summary: "start a lesson, or resume it where you left off",
      usage: ["lesson <id>"], examples: ["lesson totp"], subcommands: [], options: [], takesFile: false),
    CommandSpec(
      name: "next", aliases: ["n"], summary: "go on to the next step of the lesson",
      usage: ["next"], examples: ["next"], subcommands: [], options: [], takesFile: false),
    CommandSpec(
      name: "back", aliases: [], summary: "go back one step (the session is rebuilt to that step's start)",
      usage: ["back"], examples: ["back"], subcommands: [], options: [], takesFile: false),
    CommandSpec(
      name: "goto", aliases: [], summary: "jump to a step of the lesson, by id or number",
      usage: ["goto <step id or number>"], examples: ["goto expiry", "goto 3"], subcommands: [], options: [],
      takesFile: false),
    CommandSpec(
      name: "restart", aliases: [], summary: "start the lesson over",
      usage: ["restart"], examples: ["restart"], subcommands: [], options: [], takesFile: false),
    CommandSpec(
      name: "hint", aliases: [], summary: "a hint for the exercise, one at a time",
      usage: ["hint"], examples: ["hint"], subcommands: [], options: [], takesFile: false),
    CommandSpec(
      name: "skip", aliases: [], summary: "pass over the exercise (where the lesson allows it)",
      usage: ["skip"], examples: ["skip"], subcommands: [], options: [], takesFile: false),
    CommandSpec(
      name: "where", aliases: [], summary: "the lesson, step and clock you are at",
      usage: ["where"], examples: ["where"], subcommands: [], options: [], takesFile: false),
    CommandSpec(
      name: "answer", aliases: [], summary: "answer an exercise's question",
      usage: ["answer <text>"], examples: ["answer 30"], subcommands: [], options: [], takesFile: false),
    CommandSpec(
      name: "record", aliases: [], summary: "record what you type, and what it prints, as a transcript to play or check",
      usage: ["record <file> [--keep-secrets]", "record stop"], examples: ["record demo.transcript", "record stop"],
      subcommands: [], options: ["--keep-secrets"], takesFile: true),
    CommandSpec(
      name: "seed", aliases: [], summary: "make later secrets repeatable (for demos only)",
      usage: ["seed <n>"], examples: ["seed 42"], subcommands: [], options: [], takesFile: false),
    CommandSpec(
      name: "quit", aliases: ["exit"], summary: "leave the shell (Ctrl-D also works)",
      usage: ["quit"], examples: ["quit"], subcommands: [], options: [], takesFile: false),
  ]

  /// The command a word names, by name or alias.
  public static func named(_ word: String) -> CommandSpec? {
    all.first { $0.name == word || $0.aliases.contains(word) }
  }

  /// Every spelling of every command.
  static var allSpellings: [String] {
    all.flatMap { [$0.name] + $0.aliases }
  }
}

/// Suggests the closest known word to a mistyped one.
enum Suggestion {
  static func closest(to word: String, among candidates: [String]) -> String? {
    let scored = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    let limit = max(1, min(2, word.count / 2))
    if best.1 <= limit { return best.0 }
    return candidates.first { $0.hasPrefix(word.lowercased()) && !word.isEmpty }
  }

  /// Levenshtein distance, with an adjacent swap counting as one edit.
  static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previousPrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + [Int](repeating: 0, count: b.count)
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], previousPrevious[j - 2] + 1)
        }
      }
      previousPrevious = previous
      previous = current
    }
    return previous[b.count]
  }
}
