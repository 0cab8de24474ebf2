import OTP

extension Context {
  /// Shows the server's clock, the current TOTP step (with a countdown bar at a terminal) and
  /// the app's clock when it drifts.
  func showClock() {
    let time = world.clock.time
    let mode = world.clock.mode == .frozen ? "frozen" : "running"
    say("server time: \(time)  (unix \(time.seconds), \(mode))")
    if let (_, totp) = try? requireTOTP(), let step = try? totp.step(at: time),
      let remaining = try? totp.timeRemaining(at: time)
    {
      let left = Format.ceilingSeconds(remaining)
      let width = 30
      let filled = Int((Double(left) / Double(totp.period) * Double(width)).rounded())
      let bar = Line(spans: [
        .init(text: String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled), role: .bar(filled: filled))
      ])
      say("TOTP step:   \(step), \(left) s left of \(totp.period)" + bar)
    }
    if world.drift != .zero {
      say("app time:    \(world.appTime)  (drift \(Format.signed(world.drift)))")
    }
    noteIfNotRealTime()
  }

  /// At a terminal, where the learner may compare with a phone: says when the running clock
  /// has been moved away from the real time.
  func noteIfNotRealTime() {
    guard let offset = world.clock.offsetFromRealTime, abs(offset.components.seconds) >= 1 else { return }
    let away = offset > .zero ? "ahead of" : "behind"
    let amount = Format.human(offset > .zero ? offset : .zero - offset)
    emit(.tip("the clock runs \(amount) \(away) the real time, so its codes no longer match a phone's; 'clock real' puts it back"))
  }

  /// Keeps the app's clock inside the years the engine handles.
  func checkAppTime() throws(TutorError) {
    let app = world.appTime
    guard app >= .epoch, app <= .latest else {
      world.drift = .zero
      throw TutorError(
        "the app's clock would be outside 1970–9999, so its drift was reset to 0", remedy: "choose a smaller drift")
    }
  }

  /// Moves the clock forward, for `advance` and `clock advance`.
  func advanceClock(_ words: [String], command: String) throws(TutorError) {
    let arguments = try Arguments(words, command: command)
    try arguments.expectPositionals(1, usage: "\(command) <duration>, like \(command) 30s")
    let duration = try Duration.parse(arguments.positionals[0])
    guard world.clock.time + duration <= .latest else {
      throw TutorError("that would take the clock past the year 9999", remedy: "advance by less")
    }
    world.clock.advance(by: duration)
    try checkAppTime()
    showClock()
  }
}
