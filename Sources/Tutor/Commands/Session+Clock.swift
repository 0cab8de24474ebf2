import OTP

extension Session {
  func clockCommand(_ words: [String]) throws(TutorError) {
    guard !words.isEmpty else {
      showClock()
      return
    }
    let action = try subcommand(words, of: "clock")
    let rest = Array(words.dropFirst())
    let arguments = try Arguments(rest, command: "clock \(action)")
    switch action {
    case "set":
      try arguments.expectPositionals(1, usage: "clock set <unix seconds | ISO-8601>")
      clock.advance(to: try UnixTime.parse(typed: arguments.positionals[0]))
      try checkAppTime()
      showClock()
    case "advance":
      try advance(rest, command: "clock advance")
    case "drift":
      try arguments.expectPositionals(1, usage: "clock drift <±duration>, like clock drift +45s")
      drift = try Duration.parse(arguments.positionals[0], signed: true)
      try checkAppTime()
      say("app clock: \(drift == .zero ? "no drift" : "\(Self.signed(drift)) from the server's")")
      showClock()
    case "freeze":
      try arguments.expectPositionals(0, usage: "clock freeze")
      clock.freeze()
      showClock()
    case "run":
      try arguments.expectPositionals(0, usage: "clock run")
      clock.run()
      showClock()
    default:
      try arguments.expectPositionals(0, usage: "clock real")
      clock.setToRealTime()
      showClock()
    }
  }

  func advance(_ words: [String], command: String) throws(TutorError) {
    let arguments = try Arguments(words, command: command)
    try arguments.expectPositionals(1, usage: "\(command) <duration>, like \(command) 30s")
    let duration = try Duration.parse(arguments.positionals[0])
    guard clock.time + duration <= .latest else {
      throw TutorError("that would take the clock past the year 9999", remedy: "advance by less")
    }
    clock.advance(by: duration)
    try checkAppTime()
    showClock()
  }

  /// Keeps the app's clock inside the years the engine handles.
  private func checkAppTime() throws(TutorError) {
    let app = appTime
    guard app >= .epoch, app <= .latest else {
      drift = .zero
      throw TutorError(
        "the app's clock would be outside 1970–9999, so its drift was reset to 0", remedy: "choose a smaller drift")
    }
  }

  static func signed(_ duration: Duration) -> String {
    duration > .zero ? "+" + duration.compact : duration.compact
  }

  func showClock() {
    let time = clock.time
    let mode = clock.mode == .frozen ? "frozen" : "running"
    say("server time: \(time)  (unix \(time.seconds), \(mode))")
    if let (_, totp) = try? requireTOTP("clock"), let step = try? totp.step(at: time),
      let remaining = try? totp.timeRemaining(at: time)
    {
      let left = Self.ceilingSeconds(remaining)
      var line = "TOTP step:   \(step), \(left) s left of \(totp.period)"
      if configuration.isInteractive {
        let width = 30
        let filled = Int((Double(left) / Double(totp.period) * Double(width)).rounded())
        line += "  " + style.accepted(String(repeating: "█", count: filled)) + style.dim(String(repeating: "░", count: width - filled))
      }
      say(line)
    }
    if drift != .zero {
      say("app time:    \(appTime)  (drift \(Self.signed(drift)))")
    }
  }

  /// The most rows one `watch` may print.
  static let maximumWatchRows = 10_000

  func watch(_ words: [String]) throws(TutorError) {
    let arguments = try Arguments(words, command: "watch", options: ["--every", "--speed"])
    try arguments.expectPositionals(1, usage: "watch <duration> [--every <duration>] [--speed <factor>]")
    let length = try Duration.parse(arguments.positionals[0])
    let every = try arguments.value("--every").map { text throws(TutorError) in try Duration.parse(text) } ?? .seconds(10)
    guard every > .zero else { throw TutorError("--every must be longer than 0", remedy: "try --every 10s") }
    let rows = length / every
    guard rows < Double(Self.maximumWatchRows) else {
      throw TutorError(
        "that watch would print \(rows > 1e12 ? "over a trillion" : String(Int(rows) + 1)) rows",
        remedy: "use at most \(Self.maximumWatchRows) rows: a shorter watch or a larger --every")
    }
    var speed: Double?
    if let text = arguments.value("--speed") {
      guard let value = Double(text), value.isFinite, value >= 0.1, value <= 10_000 else {
        throw TutorError("'\(text.quotedForMessage)' is not a speed", remedy: "use a factor from 0.1 to 10000, like --speed 10")
      }
      speed = value
    }
    guard clock.time + length <= .latest else {
      throw TutorError("that would take the clock past the year 9999", remedy: "watch for less time")
    }
    let (uri, totp) = try requireTOTP("watch")
    let live = speed != nil && configuration.isInteractive && pacer != nil
    if speed != nil && !live {
      note("--speed plays live only on a terminal; here the timeline is printed at once")
    }
    let windowText = Self.describe(server.policy.window)
    say("server time".rightPadded(to: 22) + "step".rightPadded(to: 11) + "app code".rightPadded(to: 10) + "server (\(windowText))")
    let start = clock.time
    var offset = Duration.zero
    while offset <= length {
      if offset > .zero {
        if live, let pacer, let speed, !pacer(every / speed) {
          say("watch stopped at \(clock.time)")
          return
        }
        clock.advance(to: start + offset)
      }
      let serverTime = clock.time
      let appNow = appTime
      let step = (try? totp.step(at: serverTime)).map(String.init) ?? "-"
      let code = (try? totp.code(at: appNow)) ?? "-"
      var probe = server
      let verdict = try probe.verify(code, account: uri.account, at: serverTime)
      let says = verdict.accepted ? style.accepted("accepts") : style.rejected("rejects: ") + verdict.reason
      say((serverTime.description + " ").rightPadded(to: 22) + (step + " ").rightPadded(to: 11) + code.rightPadded(to: 10) + says)
      if live { output.flush() }
      offset += every
    }
    clock.advance(to: start + length)
  }
}
