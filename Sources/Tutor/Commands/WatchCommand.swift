import OTP

/// `watch`: fast-forward the clock, printing a timeline of the app's codes and the server's
/// verdict on each; live at a terminal with `--speed`.
struct WatchCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "watch", summary: "fast-forward the clock, printing a timeline of codes",
    usage: ["watch <duration> [--every <duration>] [--speed <factor>]"],
    examples: ["watch 2m", "watch 90s --every 15s", "watch 1m --speed 10"], options: ["--every", "--speed"])

  /// The most rows one `watch` may print.
  static let maximumRows = 10_000

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    let arguments = try Arguments(words, command: "watch", options: ["--every", "--speed"])
    try arguments.expectPositionals(1, usage: "watch <duration> [--every <duration>] [--speed <factor>]")
    let length = try Duration.parse(arguments.positionals[0])
    let every = try arguments.value("--every").map { text throws(TutorError) in try Duration.parse(text) } ?? .seconds(10)
    guard every > .zero else { throw TutorError("--every must be longer than 0", remedy: "try --every 10s") }
    let rows = length / every
    guard rows < Double(maximumRows) else {
      throw TutorError(
        "that watch would print \(rows > 1e12 ? "over a trillion" : String(Int(rows) + 1)) rows",
        remedy: "use at most \(maximumRows) rows: a shorter watch or a larger --every")
    }
    var speed: Double?
    if let text = arguments.value("--speed") {
      guard let value = Double(text), value.isFinite, value >= 0.1, value <= 10_000 else {
        throw TutorError("'\(text.quotedForMessage)' is not a speed", remedy: "use a factor from 0.1 to 10000, like --speed 10")
      }
      speed = value
    }
    let clock = context.world.clock
    guard clock.time + length <= .latest else {
      throw TutorError("that would take the clock past the year 9999", remedy: "watch for less time")
    }
    let (uri, totp) = try context.requireTOTP()
    let pacer = context.isLive ? context.session.pacer : nil
    if speed != nil && pacer == nil {
      context.note("--speed plays live only on a terminal; here the timeline is printed at once")
    }
    let windowText = Format.window(context.world.server.policy.window)
    let start = clock.time
    // Times with milliseconds are longer: the columns follow the first row's.
    let timeWidth = max(22, start.description.count + 2)
    context.say(
      "\("server time".rightPadded(to: timeWidth))\("step".rightPadded(to: 11))\("app code".rightPadded(to: 10))server (\(windowText))")
    var offset = Duration.zero
    while offset <= length {
      if offset > .zero {
        if let pacer, let speed, !pacer(every / speed) {
          // Live, so at a terminal: end the line its own ^C echo began.
          context.say()
          context.say("watch stopped at \(clock.time)")
          return
        }
        clock.advance(to: start + offset)
      }
      let serverTime = clock.time
      let step = (try? totp.step(at: serverTime)).map(String.init) ?? "-"
      let code = (try? totp.code(at: context.world.appTime)) ?? "-"
      // A probe: the server's answer without logging in.
      var probe = context.world.server
      let says: Line
      do {
        let verdict = try probe.verify(code, account: uri.account, at: serverTime)
        says = verdict.isAccepted ? "\(good: "accepts")" : "\(bad: "rejects: ")\(verdict.reason)"
      } catch {
        throw TutorError(error)
      }
      context.say(
        "\((serverTime.description + " ").rightPadded(to: timeWidth))\((step + " ").rightPadded(to: 11))\(code.rightPadded(to: 10))"
          + says)
      if pacer != nil { context.flush() }
      offset += every
    }
    clock.advance(to: start + length)
    context.noteIfNotRealTime()
  }
}
