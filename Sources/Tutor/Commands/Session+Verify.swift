import OTP

extension Session {
  func verify(_ words: [String]) throws(TutorError) {
    let arguments = try Arguments(words, command: "verify", options: ["--window"])
    try arguments.expectPositionals(1, usage: "verify <code> [--window N]")
    let uri = try requireURI()
    var window: VerificationWindow?
    if let steps = try arguments.integer("--window", in: 0...VerificationWindow.maximum, meaning: "window in steps") {
      guard case .totp = uri.kind else {
        throw TutorError("--window is for TOTP accounts", remedy: "for HOTP the server's look-ahead applies")
      }
      window = VerificationWindow(past: steps, future: steps)
    }
    let code = arguments.positionals[0]
    try Self.checkCodeForm(code)
    let verdict = try server.verify(code, account: uri.account, at: clock.time, window: window)
    say(render(verdict))
  }

  /// Refuses text that is not a code at all (a wrong number of digits is the server's to reject).
  static func checkCodeForm(_ code: String) throws(TutorError) {
    guard !code.trimmingSpaces().isEmpty else {
      throw TutorError("no code was given", remedy: "type the digits the app shows, like verify 123456")
    }
    if let (index, character) = code.enumerated().first(where: { !($0.element.isASCII && $0.element.isNumber) && $0.element != " " }) {
      throw TutorError(
        "'\(code.quotedForMessage)' is not a code: '\(character)' at position \(index + 1) is not a digit",
        remedy: "type the digits the app shows")
    }
  }

  func render(_ verdict: LoginServer.Verdict) -> String {
    verdict.accepted
      ? style.accepted("accepted:") + " " + verdict.reason
      : style.rejected("rejected:") + " " + verdict.reason
  }
}
