import OTP

/// `verify`: ask the login server whether a code is accepted.
struct VerifyCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "verify", summary: "ask the login server whether a code is accepted",
    usage: ["verify <code> [--window N]"], examples: ["verify 492039", "verify 492039 --window 1"],
    options: ["--window"],
    details: ["--window N accepts codes up to N steps before and after the current one, for this check only."])

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    let arguments = try Arguments(words, command: "verify", options: ["--window"])
    try arguments.expectPositionals(1, usage: "verify <code> [--window N]")
    let uri = try context.requireURI()
    var window: VerificationWindow?
    if let steps = try arguments.integer("--window", in: 0...VerificationWindow.maximum, meaning: "window in steps") {
      guard case .totp = uri.kind else {
        throw TutorError("--window is for TOTP accounts", remedy: "for HOTP the server's look-ahead applies")
      }
      do { window = try VerificationWindow(past: steps, future: steps) } catch { throw TutorError(error) }
    }
    let code = arguments.positionals[0]
    try checkCodeForm(code)
    let verdict: Verdict
    do {
      verdict = try context.world.server.verify(code, account: uri.account, at: context.world.clock.time, window: window)
    } catch {
      throw TutorError(error)
    }
    context.emit(.verdict(verdict, party: nil))
  }

  /// Refuses text that is not a code at all (a wrong number of digits is the server's to reject).
  static func checkCodeForm(_ code: String) throws(TutorError) {
    guard !code.trimmingSpaces().isEmpty else {
      throw TutorError("no code was given", remedy: "type the digits the app shows, like verify 123456")
    }
    if let (index, character) = code.enumerated().first(where: {
      !($0.element.isASCII && $0.element.isNumber) && $0.element != " "
    }) {
      throw TutorError(
        "'\(code.quotedForMessage)' is not a code: '\(character)' at position \(index + 1) is not a digit",
        remedy: "type the digits the app shows")
    }
  }
}
