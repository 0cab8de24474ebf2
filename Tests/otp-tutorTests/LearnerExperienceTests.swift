import Foundation
import Testing
import _OTPTestSupport

/// What a learner meets at a real terminal (tmux): answers, progress, a readable screen, and
/// terminals of every kind.
@Suite("The learner's experience at a terminal", .serialized)
struct LearnerExperienceTests {
  let state: URL
  static let lessons = Repository.root.appendingPathComponent("Lessons")

  init() throws {
    state = try Repository.temporaryDirectory("otp-tutor-learner")
  }

  func environment(_ extra: [String: String] = [:]) -> [String: String] {
    ["XDG_STATE_HOME": state.path, "HOME": state.path, "TERM": "xterm-256color", "LC_ALL": "C.UTF-8", "NO_COLOR": ""]
      .merging(extra) { $1 }
  }

  /// Runs `body` with the shell in tmux, at its first prompt.
  func withShell(
    _ arguments: String = "", width: Int = 120, environment extra: [String: String] = [:], command: String? = nil,
    _ body: (Tmux) async throws -> Void
  ) async throws {
    let line = command ?? "\(Binary.url.path) --lessons \(Self.lessons.path) \(arguments)"
    try await Tmux.session(line, environment: environment(extra), width: width) { tmux in
      try await tmux.waitForLastRow("otp>")
      try await body(tmux)
    }
  }

  /// The rows after the last one that starts with `otp> <command>`.
  func rows(after command: String, in screen: [String]) -> [String] {
    Tmux.rows(after: command, in: screen)
  }

  @Test("a bare answer at an answer step is taken as the answer; typed again, it is acknowledged")
  func bareAnswer() async throws {
    try await withShell { tmux in
      try await tmux.enter("lesson totp")
      try await tmux.waitForLastRow("otp>")
      try await tmux.enter("goto question")
      try await tmux.waitFor("answer 42, or just the answer")
      try await tmux.enter("30")
      try await tmux.waitFor("Well done")
      #expect(try await !tmux.screen().contains { $0.contains("unknown command '30'") })
      try await tmux.enter("30")
      try await tmux.waitFor("you have answered this one already")
    }
  }

  @Test("lessons tells solved from skipped exercises")
  func solvedAndSkipped() async throws {
    try await withShell { tmux in
      try await tmux.enter("lesson totp")
      try await tmux.waitForLastRow("otp>")
      try await tmux.enter("next")
      try await tmux.waitFor("step 2 of 7")
      try await tmux.enter("totp")
      try await tmux.waitFor("Well done")
      try await tmux.enter("next")
      try await tmux.waitFor("step 3 of 7")
      try await tmux.enter("skip")
      try await tmux.waitFor("skipped; type 'next'")
      try await tmux.enter("lessons")
      try await tmux.waitFor("1/4 solved, 1 skipped")
    }
  }

  @Test("lesson prose is reflowed to the terminal's width, with no raw Markdown", arguments: [80, 120])
  func reflowed(width: Int) async throws {
    try await withShell(width: width) { tmux in
      try await tmux.enter("lesson enrollment")
      try await tmux.waitFor("Your turn:")
      let screen = try await tmux.screen()
      let prose = rows(after: "lesson enrollment", in: screen).filter { !$0.hasPrefix("otp>") }
      #expect(prose.contains { $0.contains("2fa.txt") })
      #expect(!prose.contains { $0.contains("`") }, "\(prose)")
      // Every prose line fits: the terminal never had to wrap one.
      let lesson = try String(contentsOf: Self.lessons.appendingPathComponent("03-enrollment.md"), encoding: .utf8)
      #expect(lesson.contains("`2fa.txt`"))
      #expect(!prose.contains { $0.count > width })
      #expect(!screen.contains { $0.contains("`key save`") })
    }
  }

  @Test("a QR code too wide for the terminal is not drawn broken: the shell says so")
  func narrowTerminal() async throws {
    try await withShell(width: 40) { tmux in
      try await tmux.enter("secret new")
      try await tmux.waitForLastRow("otp>")
      try await tmux.enter("qr")
      try await tmux.waitFor("terminal has 40")
      let after = rows(after: "qr", in: try await tmux.screen()).joined(separator: " ")
      #expect(after.contains("columns wide and this terminal has 40"))
      #expect(!after.contains("▀") && !after.contains("█"))
    }
    try await withShell(width: 120) { tmux in
      try await tmux.enter("secret new")
      try await tmux.waitForLastRow("otp>")
      try await tmux.enter("qr")
      try await tmux.waitFor("dark terminal?")
      let drawn = rows(after: "qr", in: try await tmux.screen()).filter { $0.contains("▀") || $0.contains("█") }
      // The 4-module quiet zone the QR standard asks for: four blank columns before the symbol.
      #expect(drawn.allSatisfy { $0.hasPrefix("    ") && !$0.hasPrefix("     ") || $0.hasPrefix("    ") })
      #expect(!drawn.isEmpty)
    }
  }

  @Test("the prompt resets its colour, so what is typed is not bold cyan")
  func promptColour() async throws {
    try await withShell { tmux in
      try await tmux.type("hotp")
      try await tmux.waitForLastRow("otp> hotp")
      let row = try await tmux.screenWithEscapes().split(separator: "\n").last { $0.contains("hotp") } ?? ""
      let before = row.components(separatedBy: " hotp").first ?? ""
      #expect(before.hasSuffix("\u{1B}[0m") || before.hasSuffix("\u{1B}[39m") || before.hasSuffix("\u{1B}[49m"), "\(row.debugDescription)")
    }
  }

  @Test("TERM=dumb means no colour")
  func dumbTerminal() async throws {
    try await withShell(environment: ["TERM": "dumb"]) { tmux in
      try await tmux.enter("secret set --text 12345678901234567890")
      try await tmux.waitFor("share this secret")
      try await tmux.enter("verify 000000")
      try await tmux.waitFor("rejected:")
      #expect(try await !tmux.screenWithEscapes().contains("\u{1B}["))
    }
  }

  @Test("otp-tutor | cat at a terminal is still interactive: a prompt, and the real clock")
  func outputToPipe() async throws {
    let command = "sh -c '\(Binary.url.path) --lessons \(Self.lessons.path) | cat'"
    try await Tmux.session(command, environment: environment()) { tmux in
      // The prompt goes straight to the terminal (standard error) while the output passes
      // through cat, so the two may interleave: look for each, not for their order.
      try await tmux.waitFor("Type 'lesson <id>'")
      try await tmux.enter("clock")
      try await tmux.waitFor("running)")
      let year = Calendar(identifier: .gregorian).component(.year, from: Date())
      #expect(try await tmux.screen().contains { $0.contains("server time: \(year)-") })
      try await tmux.waitFor { $0.contains { $0.contains("tp>") } }
    }
  }

  @Test("--plain: no escapes, no QR drawing, no bars or box drawing; the facts in words")
  func plain() async throws {
    for arguments in ["--plain", ""] {
      let extra = arguments.isEmpty ? ["OTP_TUTOR_PLAIN": "1"] : [:]
      try await withShell(arguments, environment: extra) { tmux in
        try await tmux.enter("enroll --account Muhammad --issuer CodingFleet.com")
        try await tmux.waitForLastRow("otp>")
        try await tmux.enter("qr")
        try await tmux.waitFor("not drawn in plain mode")
        try await tmux.enter("clock")
        try await tmux.waitFor("TOTP step:")
        try await tmux.enter("lesson totp")
        try await tmux.waitFor("step 1 of 7")
        try await tmux.enter("verify 000000")
        try await tmux.waitFor("rejected:")
        let screen = try await tmux.screenWithEscapes()
        #expect(!screen.contains("\u{1B}["))
        for glyph in ["▀", "▄", "█", "░", "─", "§", "→", "✓"] {
          #expect(!screen.contains(glyph), "\(glyph) in --plain")
        }
      }
    }
  }

  @Test("a non-UTF-8 locale gets ASCII instead of the shell's symbols")
  func asciiLocale() async throws {
    let result = try await Binary.run(
      ["--lessons", Self.lessons.path], input: "lesson totp\nsecret set --text 12345678901234567890\nexplain\nverify 000000\n",
      environment: ["LC_ALL": "C"])
    for glyph in ["§", "−", "→", "÷", "─"] {
      #expect(!result.standardOutput.contains(glyph), "\(glyph)")
    }
    #expect(result.standardOutput.contains("->"))
  }

  @Test("Ctrl-C at Enter Code: abandons the login in one line, and the shell goes on")
  func interruptLogin() async throws {
    try await withShell { tmux in
      try await tmux.enter("secret new")
      try await tmux.waitForLastRow("otp>")
      try await tmux.enter("login")
      try await tmux.waitForLastRow("Enter Code:")
      try await tmux.press("C-c")
      try await tmux.waitFor("login abandoned")
      #expect(try await !tmux.screen().contains { $0.contains("input ended") })
      try await tmux.waitForLastRow("otp>")
    }
  }

  @Test("Ctrl-D at Enter Code: abandons the login on a line of its own; the shell goes on")
  func endOfInputAtLogin() async throws {
    try await withShell { tmux in
      try await tmux.enter("secret new")
      try await tmux.waitForLastRow("otp>")
      try await tmux.enter("login")
      try await tmux.waitForLastRow("Enter Code:")
      try await tmux.press("C-d")
      try await tmux.waitFor("login abandoned (Ctrl-D): no code was sent to the server")
      let screen = try await tmux.screen()
      #expect(screen.contains("login abandoned (Ctrl-D): no code was sent to the server"), "\(screen)")
      #expect(!screen.contains { $0.contains("input ended") || $0.contains("error:") }, "\(screen)")
      try await tmux.waitForLastRow("otp>")
      try await tmux.enter("totp")
      try await tmux.waitForPrompt(after: "totp")
    }
  }

  @Test("inside a lesson, enroll draws no QR code over the step; a saved file is named with its full path")
  func lessonScreen() async throws {
    try await withShell { tmux in
      try await tmux.enter("lesson enrollment")
      try await tmux.waitFor("the files this lesson writes go to")
      try await tmux.enter("key save 2fa.txt")
      try await tmux.waitFor("2fa.txt is \(state.path)/otp-tutor/lessons/enrollment/2fa.txt")
      try await tmux.enter("enroll --account Muhammad --issuer CodingFleet.com")
      try await tmux.waitFor("hold this account")
      #expect(try await !tmux.screen().contains { $0.contains("▀") || $0.contains("█") })
      #expect(FileManager.default.fileExists(atPath: state.path + "/otp-tutor/lessons/enrollment/2fa.txt"))
    }
    try await withShell { tmux in
      try await tmux.enter("lesson totp")
      try await tmux.waitFor("step 1 of 7")
      #expect(try await !tmux.screen().contains { $0.contains("the files this lesson writes") })
    }
  }

  @Test("a long step's heading is still on a 40-row screen when it ends")
  func headingStaysOnScreen() async throws {
    try await withShell { tmux in
      try await tmux.enter("lesson algorithm")
      try await tmux.waitForLastRow("otp>")
      try await tmux.enter("goto eight-digits")
      // Step 1 also ends with "Type 'next' to go on.": wait for the step's own end, which is its
      // last lines under the heading. The heading must be on the screen then (it is shown again
      // when the step is long), or this times out.
      try await tmux.waitFor { screen in
        let rows = screen.filter { !$0.isEmpty }
        guard let heading = rows.lastIndex(where: { $0.contains("algorithm · step 6 of 8: Eight digits") }) else { return false }
        return rows[heading...].contains { $0.contains("Type 'next' to go on.") } && rows.last?.hasPrefix("otp>") == true
      }
    }
  }

  @Test("a foreseen wrong answer gets its own reply, then the next hint")
  func targetedFeedback() async throws {
    try await withShell { tmux in
      try await tmux.enter("lesson hotp")
      try await tmux.waitForLastRow("otp>")
      try await tmux.enter("goto weak-key")
      try await tmux.waitFor("Your turn:")
      try await tmux.enter("20")
      try await tmux.waitFor("hint 1 of 2:")
      let after = rows(after: "20", in: try await tmux.screen())
      #expect(after.contains { $0.contains("not quite: 20 is the number of bytes") })
      #expect(
        (after.firstIndex { $0.contains("not quite:") } ?? 99) < (after.firstIndex { $0.contains("hint 1 of 2") } ?? -1))
    }
  }

  @Test("finishing a lesson shows what it taught")
  func summary() async throws {
    try await withShell { tmux in
      try await tmux.enter("lesson totp")
      try await tmux.waitForLastRow("otp>")
      try await tmux.enter("goto window")
      try await tmux.waitFor("Type 'next' to finish the lesson.")
      try await tmux.enter("next")
      try await tmux.waitFor("You finished Time-based codes (TOTP).")
      try await tmux.waitFor("What you did and learned:")
      #expect(try await tmux.screen().contains { $0.contains("A TOTP code is an HMAC") })
    }
  }

  @Test("watch keeps its columns when the running clock's times carry milliseconds")
  func watchColumns() async throws {
    try await withShell { tmux in
      try await tmux.enter("secret new")
      try await tmux.waitForLastRow("otp>")
      try await tmux.enter("watch 20s --every 10s")
      func watched(_ screen: [String]) -> [String] {
        rows(after: "watch 20s", in: screen).filter { !$0.isEmpty && !$0.hasPrefix("otp>") && !$0.hasPrefix("note:") }
      }
      // The prompt that follows the watch's header and its three times (the one before it can
      // still be the last row when the typed command has not been drawn yet).
      let screen = try await tmux.waitFor(timeout: .seconds(30)) { screen in
        watched(screen).count >= 4 && (screen.last { !$0.isEmpty } ?? "") == "otp>"
      }
      let shown = watched(screen)
      let header = try #require(shown.first)
      let column = try #require(header.range(of: "step")).lowerBound.utf16Offset(in: header)
      let times = shown.dropFirst()
      #expect(times.count == 3)
      #expect(times.allSatisfy { $0.contains(".") && $0.contains("Z") }, "times carry milliseconds: \(times)")
      for row in times {
        let index = row.index(row.startIndex, offsetBy: column)
        #expect(row[..<index].hasSuffix(" ") && row[index] != " ", "\(row)")
      }
    }
  }

  @Test("after clock real and a fast-forward, the clock says it no longer matches a phone")
  func offRealTime() async throws {
    try await withShell { tmux in
      try await tmux.enter("secret new")
      try await tmux.waitForLastRow("otp>")
      try await tmux.enter("clock real")
      try await tmux.waitForLastRow("otp>")
      #expect(try await !tmux.screen().contains { $0.contains("no longer match a phone") })
      try await tmux.enter("advance 1h")
      try await tmux.waitFor("no longer match a phone's")
      try await tmux.enter("watch 10s")
      let screen = try await tmux.waitForPrompt(after: "watch 10s")
      #expect(rows(after: "watch 10s", in: screen).contains { $0.contains("ahead of the real time") })
    }
  }

  @Test("play --plain and OTP_TUTOR_PLAIN=1 show a demo without escapes or QR drawings")
  func playPlain() async throws {
    let folder = try Repository.temporaryDirectory("play-plain")
    let file = folder.appendingPathComponent("demo.transcript")
    try "otp> secret new\n...\notp> qr\n...\n".write(to: file, atomically: true, encoding: .utf8)
    for (arguments, extra) in [(["play", "--plain", "--pace", "0", file.path], [String: String]()),
      (["play", "--pace", "0", file.path], ["OTP_TUTOR_PLAIN": "1"])] {
      let command = "sh -c '\(Binary.url.path) \(arguments.joined(separator: " ")); sleep 30'"
      try await Tmux.session(command, environment: environment(extra)) { tmux in
        try await tmux.waitFor("not drawn in plain mode")
        let screen = try await tmux.screenWithEscapes()
        #expect(!screen.contains("\u{1B}["))
        #expect(!screen.contains("▀") && !screen.contains("█"))
      }
    }
  }
}
