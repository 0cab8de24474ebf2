import OTP

/// `clock`: show, set, advance, drift, freeze or run the virtual clock.
struct ClockCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "clock", summary: "show, set, advance, drift, freeze or run the virtual clock",
    usage: [
      "clock", "clock set <unix seconds | ISO-8601>", "clock advance <duration>", "clock drift <±duration>",
      "clock freeze", "clock run", "clock real",
    ],
    examples: ["clock advance 30s", "clock drift +45s", "clock set 2009-02-13T23:31:30Z"],
    subcommands: ["set", "advance", "drift", "freeze", "run", "real"],
    details: [
      "Durations: 500ms, 30s, 2m, 1h30m, 1d. Times: Unix seconds or ISO 8601 (UTC unless an offset is given).",
      "The app's clock is the server's plus the drift.",
    ])

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    guard !words.isEmpty else {
      context.showClock()
      return
    }
    let action = try Arguments.subcommand(words, of: spec)
    let rest = Array(words.dropFirst())
    let arguments = try Arguments(rest, command: "clock \(action)")
    let clock = context.world.clock
    switch action {
    case "set":
      try arguments.expectPositionals(1, usage: "clock set <unix seconds | ISO-8601>")
      // Checked before the clock moves: a refused set leaves it where it was.
      let time = try UnixTime.parse(typed: arguments.positionals[0])
      try context.checkAppTime(server: time, drift: context.world.drift) { tooLate in
        "set \(tooLate ? "an earlier" : "a later") time, or type clock drift 0 first"
      }
      clock.advance(to: time)
      context.showClock()
    case "advance":
      try context.advanceClock(rest, command: "clock advance")
    case "drift":
      try arguments.expectPositionals(1, usage: "clock drift <±duration>, like clock drift +45s")
      let drift = try Duration.parse(arguments.positionals[0], signed: true)
      try context.checkAppTime(server: clock.time, drift: drift) { _ in "choose a smaller drift" }
      context.world.drift = drift
      context.say("app clock: \(drift == .zero ? "no drift" : "\(Format.signed(drift)) from the server's")")
      context.showClock()
    case "freeze":
      try arguments.expectPositionals(0, usage: "clock freeze")
      clock.freeze()
      context.showClock()
    case "run":
      try arguments.expectPositionals(0, usage: "clock run")
      clock.run()
      context.showClock()
    default:
      try arguments.expectPositionals(0, usage: "clock real")
      clock.setToRealTime()
      context.showClock()
    }
  }
}
