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
      let fraction = Double(left) / totp.period.secondsValue
      let filled = Int((fraction * Double(width)).rounded())
      let bar = Line(spans: [
        .init(
          text: String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled),
          // Five seconds is about what reading a code off a phone and typing it takes.
          role: .bar(filled: filled, ending: left <= 5))
      ])
      say("TOTP step:   \(step), \(left) s left of \(totp.period.wholeSeconds)" + bar)
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

  /// Refuses a server time or a drift that would put the app's clock outside the years the
  /// engine handles, so that a command that reports an error has moved nothing.
  ///
  /// - Parameters:
  ///   - time: The server's time the command would set.
  ///   - drift: The app's drift the command would set.
  ///   - remedy: What to type instead, given whether the app's clock would be too late.
  func checkAppTime(server time: UnixTime, drift: Duration, remedy: (_ tooLate: Bool) -> String) throws(TutorError) {
    let app = time + drift
    // The engine's range: up to the last fraction of the last second of 9999.
    let tooLate = app >= .latest + .seconds(1)
    guard tooLate || app < .epoch else { return }
    let driftText = drift == .zero ? "no drift" : "a drift of \(Format.signed(drift))"
    throw TutorError(
      "with \(driftText), the app's clock would be \(tooLate ? "after the year 9999" : "before 1970") (unix \(app.seconds))",
      remedy: remedy(tooLate))
  }

  /// Moves the clock forward, for `advance` and `clock advance`; refused, with the clock
  /// left where it was, past the year 9999 for the server or the app.
  func advanceClock(_ words: [String], command: String) throws(TutorError) {
    let arguments = try Arguments(words, command: command)
    try arguments.expectPositionals(1, usage: "\(command) <duration>, like \(command) 30s")
    let duration = try Duration.parse(arguments.positionals[0])
    let target = world.clock.time + duration
    guard target < .latest + .seconds(1) else {
      throw TutorError("that would take the clock past the year 9999", remedy: "advance by less")
    }
    try checkAppTime(server: target, drift: world.drift) { _ in "advance by less, or type clock drift 0 first" }
    world.clock.advance(by: duration)
    showClock()
  }
}
