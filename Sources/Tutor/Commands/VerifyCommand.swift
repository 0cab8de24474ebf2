import OTP

/// `verify`: ask the login server whether a code is accepted.
struct VerifyCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "verify", summary: "ask the login server whether a code is accepted",
    usage: ["verify <code> [--window N | --past N --future N]"],
    examples: ["verify 492039", "verify 492039 --past 1", "verify 492039 --window 1"],
    options: ["--window", "--past", "--future"],
    details: [
      "--window N accepts codes up to N steps before and after the current one (2N + 1 codes); --past N and",
      "--future N set each side alone (RFC 6238 §5.2's allowance is --past 1). Both are for this check only.",
    ])

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    let arguments = try Arguments(words, command: "verify", options: ["--window", "--past", "--future"])
    try arguments.expectPositionals(1, usage: "verify <code> [--window N | --past N --future N]")
    let uri = try context.requireURI()
    let range = 0...VerificationWindow.maximum
    let both = try arguments.integer("--window", in: range, meaning: "window in steps")
    let past = try arguments.integer("--past", in: range, meaning: "past window in steps")
    let future = try arguments.integer("--future", in: range, meaning: "future window in steps")
    var window: VerificationWindow?
    if both != nil || past != nil || future != nil {
      guard case .totp = uri.kind else {
        throw TutorError("windows are for TOTP accounts", remedy: "for HOTP the server's look-ahead applies")
      }
      guard both == nil || (past == nil && future == nil) else {
        throw TutorError("--window sets both sides, so it cannot go with --past or --future", remedy: "use one or the other")
      }
      do {
        window = try VerificationWindow(past: both ?? past ?? 0, future: both ?? future ?? 0)
      } catch {
        throw TutorError(error)
      }
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
