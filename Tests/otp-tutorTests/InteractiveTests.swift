import Foundation
import Testing
import _OTPTestSupport

/// The interactive shell in a real terminal (tmux): libedit editing, completion, history,
/// Ctrl-C, a coloured prompt, UTF-8 and Ctrl-D.
@Suite("otp-tutor at a terminal", .serialized)
struct InteractiveTests {
  let state: URL

  init() throws {
    state = try Repository.temporaryDirectory("otp-tutor-state")
  }

  func start(color: Bool = false) throws -> Tmux {
    var environment = ["XDG_STATE_HOME": state.path, "TERM": "xterm-256color", "LC_ALL": "C.UTF-8"]
    environment["NO_COLOR"] = color ? "" : "1"
    let tmux = try Tmux(Binary.url.path, environment: environment)
    try tmux.waitForLastRow("otp>")
    return tmux
  }

  @Test("a welcome that says what to type, and Tab completes commands, subcommands and options")
  func completion() throws {
    let tmux = try start()
    defer { tmux.close() }
    #expect(try tmux.screen().contains { $0.contains("Try:  secret new") })
    try tmux.type("clock fr")
    try tmux.press("Tab")
    try tmux.waitForLastRow("otp> clock freeze")
    try tmux.press("Enter")
    try tmux.waitFor("server time:")
    #expect(try tmux.screen().contains { $0.contains("frozen") })
    try tmux.waitForLastRow("otp>")
    try tmux.type("enroll --acc")
    try tmux.press("Tab")
    try tmux.waitForLastRow("otp> enroll --account")
    try tmux.press("C-u")
    try tmux.type("clock ")
    try tmux.press("Tab")
    // Several candidates: listed below, the line kept.
    try tmux.waitFor("advance")
    #expect(try tmux.screen().contains { $0.contains("drift") && $0.contains("freeze") })
  }

  @Test("history: Up recalls commands from an earlier session, but never a line with a secret")
  func history() throws {
    do {
      let first = try start()
      defer { first.close() }
      try first.type("secret set --text 12345678901234567890")
      try first.press("Enter")
      try first.waitFor("share this secret")
      try first.type("hotp 9")
      try first.press("Enter")
      try first.waitFor("520489")
      try first.type("quit")
      try first.press("Enter")
      try first.waitFor { _ in (try? first.hasExited()) ?? false }
    }
    let file = state.appendingPathComponent("otp-tutor/history")
    // libedit's history file escapes spaces as \040.
    let saved = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "\\040", with: " ")
    #expect(saved.contains("hotp 9"))
    #expect(!saved.contains("12345678901234567890"))
    #expect(!saved.contains("secret"))
    let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)

    let second = try start()
    defer { second.close() }
    try second.press("Up")
    try second.waitForLastRow("otp> quit")
    try second.press("Up")
    try second.waitForLastRow("otp> hotp 9")
    try second.press("Up")
    // The secret line was never saved: there is nothing older.
    try second.waitForLastRow("otp> hotp 9")
  }

  @Test("Ctrl-C abandons a half-typed line and gives a new prompt; the shell goes on")
  func interrupt() throws {
    let tmux = try start()
    defer { tmux.close() }
    try tmux.type("secret set half typed")
    try tmux.waitForLastRow("otp> secret set half typed")
    try tmux.press("C-c")
    try tmux.waitForLastRow("otp>")
    try tmux.type("help")
    try tmux.press("Enter")
    try tmux.waitFor("Type 'help <command>'")
    #expect(try !tmux.hasExited())
    #expect(try !tmux.screen().contains { $0.contains("error:") })
  }

  @Test("a coloured prompt leaves the cursor right after it")
  func colouredPrompt() throws {
    let tmux = try start(color: true)
    defer { tmux.close() }
    #expect(try tmux.screenWithEscapes().contains("\u{1B}["))
    let (x, _) = try tmux.cursor()
    #expect(x == "otp> ".count)
    try tmux.type("hotp")
    try tmux.waitForLastRow("otp> hotp")
    #expect(try tmux.cursor().x == "otp> hotp".count)
    try tmux.press("Left", "Left")
    try tmux.type("X")
    try tmux.waitForLastRow("otp> hoXtp")
    #expect(try tmux.cursor().x == "otp> hoX".count)
  }

  @Test("UTF-8 typed input arrives intact")
  func utf8() throws {
    let tmux = try start()
    defer { tmux.close() }
    let text = "héllo ✓ Ünï"
    try tmux.type("secret set --text \(text)")
    try tmux.press("Enter")
    try tmux.waitFor("share this secret")
    try tmux.type("secret show")
    try tmux.press("Enter")
    let hex = text.utf8.map { String(format: "%02x", $0) }.joined()
    try tmux.waitFor("hex:    \(hex)")
  }

  @Test("watch --speed plays live on a terminal, and Ctrl-C stops the watch, not the shell")
  func liveWatch() throws {
    let tmux = try start()
    defer { tmux.close() }
    try tmux.type("clock freeze")
    try tmux.press("Enter")
    try tmux.type("clock set 0")
    try tmux.press("Enter")
    try tmux.type("secret set --text 12345678901234567890")
    try tmux.press("Enter")
    try tmux.waitFor("share this secret")
    // At 10× real time, rows 10 s apart arrive a second apart.
    try tmux.type("watch 20s --every 10s --speed 10")
    try tmux.press("Enter")
    try tmux.waitFor("1970-01-01T00:00:00Z")
    #expect(try !tmux.screen().contains { $0.contains("1970-01-01T00:00:20Z") })
    try tmux.waitFor("1970-01-01T00:00:20Z")
    try tmux.waitForLastRow("otp>")
    // At real speed the next row is 10 s away: Ctrl-C stops the watch where it is.
    try tmux.type("watch 1m --speed 1")
    try tmux.press("Enter")
    try tmux.waitFor("1970-01-01T00:00:20Z  0")
    try tmux.press("C-c")
    try tmux.waitFor("watch stopped at 1970-01-01T00:00:20Z")
    try tmux.waitForLastRow("otp>")
    try tmux.type("hotp 9")
    try tmux.press("Enter")
    try tmux.waitFor("520489")
  }

  @Test("Ctrl-D on an empty line leaves")
  func endOfInput() throws {
    let tmux = try start()
    defer { tmux.close() }
    try tmux.press("C-d")
    try tmux.waitFor { _ in (try? tmux.hasExited()) ?? false }
  }
}
