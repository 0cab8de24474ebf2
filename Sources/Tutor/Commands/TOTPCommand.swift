import OTP

/// `totp` (also `code`): the code the app shows now, and how long it lasts.
struct TOTPCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "totp", aliases: ["code"], summary: "the code the app shows now, and how long it lasts",
    usage: ["totp [--at <time>]"], examples: ["totp", "totp --at 2009-02-13T23:31:30Z"], options: ["--at"])

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    let arguments = try Arguments(words, command: "totp", options: ["--at"])
    try arguments.expectPositionals(0, usage: "totp [--at <time>]")
    let (_, totp) = try context.requireTOTP()
    let time =
      try arguments.value("--at").map { text throws(TutorError) in try UnixTime.parse(typed: text) }
      ?? context.world.appTime
    do {
      let code = try totp.code(at: time)
      let step = try totp.step(at: time)
      let left = Format.ceilingSeconds(try totp.timeRemaining(at: time))
      var where_ = ""
      if arguments.value("--at") != nil {
        where_ = ", at \(time)"
      } else if context.world.drift != .zero {
        where_ = ", app time \(time)"
      }
      context.say("\(code: code)  (\(left) s left in step \(step)\(where_))")
    } catch {
      throw TutorError(error)
    }
  }
}
