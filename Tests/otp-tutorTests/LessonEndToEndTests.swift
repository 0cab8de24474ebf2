import Foundation
import Testing
import _OTPTestSupport

/// The lessons in `Lessons/`, through the binary: `otp-tutor check`, and a learner at a terminal.
@Suite("Lessons through the binary", .serialized)
struct LessonEndToEndTests {
  static let lessons = Repository.root.appendingPathComponent("Lessons")

  @Test("otp-tutor check passes on every lesson in Lessons/")
  func checkAll() async throws {
    let result = try await Binary.run(["check", Self.lessons.path])
    #expect(result.status == 0, "\(result.standardOutput)")
    #expect(result.standardOutput.contains("all good"))
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.lessons.path).filter {
      $0.hasSuffix(".md") && $0 != "README.md"
    }
    #expect(files.count >= 1)
    #expect(
      result.standardOutput.components(separatedBy: "\nok ").count - 1
        + (result.standardOutput.hasPrefix("ok ") ? 1 : 0) == files.count)
  }

  @Test("an edited expectation fails with file:line and a diff")
  func editedFails() async throws {
    let folder = try Repository.temporaryDirectory("edited-lesson")
    let original = try String(contentsOf: Self.lessons.appendingPathComponent("01-totp.md"), encoding: .utf8)
    let edited = original.replacingOccurrences(
      of: "TOTP step:   58907520, 20 s left of 30", with: "TOTP step:   58907520, 21 s left of 30")
    #expect(edited != original)
    let file = folder.appendingPathComponent("01-totp.md")
    try edited.write(to: file, atomically: true, encoding: .utf8)
    let line =
      original.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "otp> clock" }.map { $0 + 1 }
      ?? 0
    let result = try await Binary.run(["check", file.path])
    #expect(result.status == 1)
    #expect(
      result.standardOutput.contains("\(file.path):\(line): the output of 'otp> clock' in step 'step-boundary' differs")
    )
    #expect(result.standardOutput.contains("- TOTP step:   58907520, 21 s left of 30"))
    #expect(result.standardOutput.contains("+ TOTP step:   58907520, 20 s left of 30"))
  }

  @Test("the lessons mirror the tutorial's programs with its names and sentences")
  func tutorialNames() throws {
    let text = try FileManager.default.contentsOfDirectory(atPath: Self.lessons.path).filter { $0.hasSuffix(".md") }
      .map { try String(contentsOf: Self.lessons.appendingPathComponent($0), encoding: .utf8) }.joined()
    for name in [
      "2fa.txt", "totp_qr.png", "Muhammad", "CodingFleet.com", "Authentication successful!",
      "Authentication failed. Please try again with the right key.", "Enter Code: ",
    ] {
      #expect(text.contains(name), "\(name)")
    }
  }

  @Test("lessons are found with --lessons and OTP_TUTOR_LESSONS, from any directory")
  func lessonFolders() async throws {
    let elsewhere = try Repository.temporaryDirectory("elsewhere")
    let explicit = try await Binary.run(["--lessons", Self.lessons.path], input: "lessons\n", in: elsewhere)
    #expect(explicit.standardOutput.contains("totp"))
    let fromEnvironment = try await Binary.run(
      [], input: "lessons\n", environment: ["OTP_TUTOR_LESSONS": Self.lessons.path], in: elsewhere)
    #expect(fromEnvironment.standardOutput.contains("totp"))
    let empty = try Repository.temporaryDirectory("no-lessons")
    let none = try await Binary.run(["--lessons", empty.path], input: "lessons\n")
    #expect(none.standardOutput.contains("error: no lessons were found in \(empty.path)"))
  }

  @Test("a learner walks lesson 1 at a terminal, quits, and resumes at the same step")
  func walkthrough() async throws {
    let state = try Repository.temporaryDirectory("lesson-state")
    let environment = [
      "XDG_STATE_HOME": state.path, "TERM": "xterm-256color", "LC_ALL": "C.UTF-8", "NO_COLOR": "1",
      "OTP_TUTOR_LESSONS": Self.lessons.path,
    ]
    try await Tmux.session(Binary.url.path, environment: environment, width: 140, height: 50) { tmux in
      // A new learner sees the lessons and how to start.
      try await tmux.waitFor("Type 'lesson <id>' to start one")
      try await tmux.enter("lesson totp")
      try await tmux.waitFor("step 1 of 7: A random key")
      try await tmux.waitFor("secret: YFOAFCPMFUFJCZ7MRZS2DDPLXZPFKMX3")
      try await tmux.enter("next")
      try await tmux.waitFor("Your turn: Show the code the app shows right now.")
      try await tmux.enter("totp")
      try await tmux.waitFor("✓ Well done.")
      try await tmux.enter("next")
      try await tmux.waitFor("Your turn: Make the server accept a code.")
      // A wrong answer: rejected, and a hint is shown.
      try await tmux.enter("verify 111111")
      try await tmux.waitFor("hint 1 of 2:")
      try await tmux.enter("verify 375781")
      try await tmux.waitFor { $0.filter { $0.contains("✓ Well done.") }.count == 2 }
      try await tmux.enter("back")
      try await tmux.waitFor("(done before; type 'next' to go on)")
      try await tmux.enter("next")
      try await tmux.waitForLastRow("otp>")
      try await tmux.enter("where")
      try await tmux.waitFor("step 3 of 7: Logging in ('lesson totp verify' comes back here)")
      try await tmux.enter("quit")
      try await tmux.waitFor { _ in (try? await tmux.hasExited()) ?? false }
      #expect(try await tmux.screen().contains("note: your place in lesson 'totp' is kept: start otp-tutor again and type 'lesson totp'"))
    }
    try await Tmux.session(Binary.url.path, environment: environment, width: 140, height: 50) { again in
      try await again.waitFor("Welcome back: you were in lesson 'totp'")
      try await again.enter("lesson totp")
      try await again.waitFor("resuming totp at step 3 of 7")
      try await again.waitFor("step 3 of 7: Logging in")
      try await again.waitFor("(done before; type 'next' to go on)")
    }
    // On a narrow terminal the welcome back is wrapped between words.
    try await Tmux.session(Binary.url.path, environment: environment, width: 50, height: 50) { narrow in
      let screen = try await narrow.waitFor("Welcome back: you were in lesson 'totp'")
      let first = try #require(screen.firstIndex { $0.hasPrefix("Welcome back:") })
      #expect(screen[first].count < 50 && !screen[first + 1].hasPrefix(" "), "\(screen)")
      #expect(
        screen[first...].prefix(3).joined(separator: " ").hasPrefix(
          "Welcome back: you were in lesson 'totp'. Type 'lesson totp' to go on where you left off."),
        "\(screen)")
    }
  }
}
