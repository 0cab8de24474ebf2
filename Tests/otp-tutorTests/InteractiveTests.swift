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

  /// Runs `body` with the shell started in tmux and showing its first prompt; closes the session after.
  func withShell(color: Bool = false, _ body: (Tmux) async throws -> Void) async throws {
    var environment = ["XDG_STATE_HOME": state.path, "TERM": "xterm-256color", "LC_ALL": "C.UTF-8"]
    environment["NO_COLOR"] = color ? "" : "1"
    try await Tmux.session(Binary.url.path, environment: environment) { tmux in
      try await tmux.waitForLastRow("otp>")
      try await body(tmux)
    }
  }

  @Test("a welcome that says what to type, and Tab completes commands, subcommands and options")
  func completion() async throws {
    try await withShell { tmux in
      #expect(try await tmux.screen().contains { $0.contains("Try:  secret new") })
      try await tmux.type("clock fr")
      try await tmux.press("Tab")
      try await tmux.waitForLastRow("otp> clock freeze")
      try await tmux.press("Enter")
      try await tmux.waitFor("server time:")
      #expect(try await tmux.screen().contains { $0.contains("frozen") })
      try await tmux.waitForLastRow("otp>")
      try await tmux.type("enroll --acc")
      try await tmux.press("Tab")
      try await tmux.waitForLastRow("otp> enroll --account")
      try await tmux.press("C-u")
      try await tmux.type("clock ")
      try await tmux.press("Tab")
      // Several candidates: listed below, the line kept.
      try await tmux.waitFor("advance")
      #expect(try await tmux.screen().contains { $0.contains("drift") && $0.contains("freeze") })
    }
  }

  @Test("the welcome fits an 80-column terminal: no line of it wraps")
  func welcomeFits() async throws {
    let environment = ["XDG_STATE_HOME": state.path, "TERM": "xterm-256color", "LC_ALL": "C.UTF-8", "NO_COLOR": ""]
    try await Tmux.session(Binary.url.path, environment: environment, width: 80, height: 40) { tmux in
      try await tmux.waitForLastRow("otp>")
      let screen = try await tmux.screen()
      let welcome = try #require(screen.firstIndex { $0.hasPrefix("Welcome to otp-tutor") })
      // Four lines, each a whole sentence on its own row.
      #expect(screen[welcome + 1].hasSuffix("'advance 30s' moves it."), "\(screen)")
      #expect(screen[welcome + 2].hasSuffix("(or follow a lesson)"), "\(screen)")
      #expect(screen[welcome + 3].hasSuffix("'quit' to leave."), "\(screen)")
    }
  }

  @Test("history: Up recalls commands from an earlier session, but never a line with a secret")
  func history() async throws {
    try await withShell { first in
      try await first.enter("secret set --text 12345678901234567890")
      try await first.waitFor("share this secret")
      try await first.enter("hotp 9")
      try await first.waitFor("520489")
      try await first.enter("quit")
      try await first.waitFor { _ in (try? await first.hasExited()) ?? false }
    }
    let file = state.appendingPathComponent("otp-tutor/history")
    // libedit's history file escapes spaces as \040.
    let saved = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "\\040", with: " ")
    #expect(saved.contains("hotp 9"))
    #expect(!saved.contains("12345678901234567890"))
    #expect(!saved.contains("secret"))
    let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)

    try await withShell { second in
      try await second.press("Up")
      try await second.waitForLastRow("otp> quit")
      try await second.press("Up")
      try await second.waitForLastRow("otp> hotp 9")
      try await second.press("Up")
      // The secret line was never saved: there is nothing older.
      try await second.waitForLastRow("otp> hotp 9")
    }
  }

  @Test("Ctrl-C abandons a half-typed line and gives a new prompt; the shell goes on")
  func interrupt() async throws {
    try await withShell { tmux in
      try await tmux.type("secret set half typed")
      try await tmux.waitForLastRow("otp> secret set half typed")
      try await tmux.press("C-c")
      try await tmux.waitForLastRow("otp>")
      try await tmux.enter("help")
      try await tmux.waitFor("Type 'help <command>'")
      #expect(try await !tmux.hasExited())
      #expect(try await !tmux.screen().contains { $0.contains("error:") })
    }
  }

  @Test("Home, End and Delete edit the line as tmux sends them (ESC [1~, ESC [4~, ESC [3~)")
  func homeEndDelete() async throws {
    try await withShell { tmux in
      try await tmux.type("otp")
      try await tmux.press("Home")
      try await tmux.type("t")
      try await tmux.press("End")
      try await tmux.type(" 0")
      try await tmux.waitForLastRow("otp> totp 0")
      try await tmux.press("Home")
      try await tmux.press("DC")
      try await tmux.waitForLastRow("otp> otp 0")
      try await tmux.press("C-u")
      try await tmux.enter("secret set Muhammad")
      try await tmux.waitForPrompt(after: "secret set Muhammad")
      try await tmux.type("hotp 1")
      try await tmux.press("Home")
      try await tmux.press("End")
      try await tmux.press("BSpace")
      try await tmux.type("0")
      try await tmux.press("Enter")
      try await tmux.waitFor("486480")
    }
  }

  @Test("a coloured prompt leaves the cursor right after it")
  func colouredPrompt() async throws {
    try await withShell(color: true) { tmux in
      #expect(try await tmux.screenWithEscapes().contains("\u{1B}["))
      let (x, _) = try await tmux.cursor()
      #expect(x == "otp> ".count)
      try await tmux.type("hotp")
      try await tmux.waitForLastRow("otp> hotp")
      #expect(try await tmux.cursor().x == "otp> hotp".count)
      try await tmux.press("Left", "Left")
      try await tmux.type("X")
      try await tmux.waitForLastRow("otp> hoXtp")
      #expect(try await tmux.cursor().x == "otp> hoX".count)
    }
  }

  @Test("UTF-8 typed input arrives intact")
  func utf8() async throws {
    try await withShell { tmux in
      let text = "héllo ✓ Ünï"
      try await tmux.enter("secret set --text \(text)")
      try await tmux.waitFor("share this secret")
      try await tmux.enter("secret show")
      let hex = text.utf8.map { String(format: "%02x", $0) }.joined()
      try await tmux.waitFor("hex:    \(hex)")
    }
  }

  @Test("watch --speed plays live on a terminal, and Ctrl-C stops the watch, not the shell")
  func liveWatch() async throws {
    try await withShell { tmux in
      try await tmux.enter("clock freeze")
      try await tmux.enter("clock set 0")
      try await tmux.enter("secret set --text 12345678901234567890")
      try await tmux.waitFor("share this secret")
      // At 10× real time, rows 10 s apart arrive a second apart.
      try await tmux.enter("watch 20s --every 10s --speed 10")
      try await tmux.waitFor("1970-01-01T00:00:00Z")
      #expect(try await !tmux.screen().contains { $0.contains("1970-01-01T00:00:20Z") })
      try await tmux.waitFor("1970-01-01T00:00:20Z")
      try await tmux.waitForPrompt(after: "watch 20s --every 10s --speed 10")
      // At real speed the next row is 10 s away: Ctrl-C stops the watch where it is.
      try await tmux.enter("watch 1m --speed 1")
      // The watch's own first row, not the earlier watch's row for the same instant.
      try await tmux.waitFor { Tmux.rows(after: "watch 1m --speed 1", in: $0).contains { $0.contains("1970-01-01T00:00:20Z  0") } }
      try await tmux.press("C-c")
      try await tmux.waitFor("watch stopped at 1970-01-01T00:00:20Z")
      // On a row of its own, not after the terminal's ^C.
      #expect(try await tmux.screen().contains { $0.hasPrefix("watch stopped at 1970-01-01T00:00:20Z") })
      try await tmux.waitForLastRow("otp>")
      try await tmux.enter("hotp 9")
      try await tmux.waitFor("520489")
    }
  }

  @Test(
    "without libedit and libqrencode (hidden in a mount namespace) the shell says so once and reads lines without editing; Ctrl-C and quit work; enroll says why it draws no QR code",
    .enabled(if: getuid() == 0, "binding over a system library needs root (CI runs as root)"))
  func withoutLibraries() async throws {
    let environment = ["XDG_STATE_HOME": state.path, "TERM": "xterm-256color", "LC_ALL": "C.UTF-8", "NO_COLOR": ""]
    let command = (Binary.withoutLibraries("libedit.so.2", "libqrencode.so.4") + [Binary.url.path])
      .map { "'" + $0.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }.joined(separator: " ")
    try await Tmux.session(command, environment: environment) { tmux in
      try await tmux.waitForLastRow("otp>")
      let screen = try await tmux.screen()
      #expect(screen.filter { $0.contains("line editing needs libedit") }.count == 1, "\(screen)")
      // One line (wrapped to the terminal's width): what is missing, what happens now, what to install.
      for part in ["note: line editing needs libedit, which could not be loaded (", "without editing or history", "apt-get install libedit2)"] {
        #expect(Self.squeezed(screen.joined()).contains(Self.squeezed(part)), "\(screen)")
      }
      try await tmux.enter("secret set Muhammad")
      try await tmux.waitForPrompt(after: "secret set Muhammad")
      try await tmux.enter("hotp 0")
      try await tmux.waitFor("486480")
      try await tmux.type("half typed")
      try await tmux.press("C-c")
      try await tmux.waitForLastRow("otp>")
      try await tmux.enter("hotp 1")
      try await tmux.waitFor("069773")
      // Ctrl-D answers one question; the shell reads on.
      try await tmux.enter("login")
      try await tmux.waitForLastRow("Enter Code:")
      try await tmux.press("C-d")
      try await tmux.waitFor("login abandoned (Ctrl-D): no code was sent to the server")
      try await tmux.enter("hotp 2")
      try await tmux.waitFor("220441")
      try await tmux.enter("enroll --account Muhammad --issuer CodingFleet.com")
      try await tmux.waitForPrompt(after: "enroll --account Muhammad --issuer CodingFleet.com")
      let note = "note: no QR code to scan: making QR codes needs libqrencode, which could not be loaded ("
      #expect(Self.squeezed(try await tmux.screen().joined()).contains(Self.squeezed(note)))
      #expect(try await !tmux.screen().contains { $0.contains("error:") })
      try await tmux.enter("quit")
      try await tmux.waitFor { _ in (try? await tmux.hasExited()) ?? false }
    }
  }

  /// Text without its spaces and line breaks, to find a sentence however the screen wrapped it.
  static func squeezed(_ text: String) -> String { text.filter { !$0.isWhitespace } }

  @Test("Ctrl-D on an empty line leaves")
  func endOfInput() async throws {
    try await withShell { tmux in
      try await tmux.press("C-d")
      try await tmux.waitFor { _ in (try? await tmux.hasExited()) ?? false }
    }
  }
}
