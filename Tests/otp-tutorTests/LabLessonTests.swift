import Foundation
import Testing
import _OTPTestSupport

/// Lesson 13, *Your own code*, at a colour terminal (tmux): the learner's programs run inside
/// the lesson, and a program's own prompt is answered by typing at it.
@Suite("Labs: lesson 13 at a colour terminal", .serialized)
struct LabLessonTests {
  @Test("a lesson named by its number or file name: one line gives its id")
  func lessonByFileName() async throws {
    let folder = try Repository.temporaryDirectory("lab-lesson-name")
    let lessons = Repository.root.appendingPathComponent("Lessons").path
    let result = try await Binary.run(
      ["--lessons", lessons], input: "lesson 13\nlesson 13-your-own-code.md\nlesson 99\n", in: folder)
    #expect(
      result.lines.filter { $0.hasPrefix("error: ") } == [
        "error: there is no lesson '13'; its id is your-own-code: type 'lesson your-own-code'",
        "error: there is no lesson '13-your-own-code.md'; its id is your-own-code: type 'lesson your-own-code'",
        "error: there is no lesson '99'; type 'lessons' for the list",
      ], "\(result.lines)")
  }

  @Test("lesson your-own-code at a colour terminal: samples, expiry, and a prompt answered by hand")
  func lessonAtTerminal() async throws {
    let state = try Repository.temporaryDirectory("lab-lesson-state")
    let home = try Repository.temporaryDirectory("lab-lesson-home")
    let environment = [
      "XDG_STATE_HOME": state.path, "HOME": home.path, "TERM": "xterm-256color", "LC_ALL": "C.UTF-8", "NO_COLOR": "",
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
    ]
    let lessons = Repository.root.appendingPathComponent("Lessons").path
    let key = LabRunTests.key
    try await Tmux.session("'\(Binary.url.path)' --lessons '\(lessons)'", environment: environment) { tmux in
      try await tmux.waitForLastRow("otp>")
      let started = try await ExerciseWalkTests.command(tmux, "lesson your-own-code")
      // The lesson says where its files go (the learner's programs too), and again after lab samples.
      let folder = state.appendingPathComponent("otp-tutor/lessons/your-own-code")
      // (Rows joined without spaces: a long temporary path is broken onto a row of its own.)
      func squeezed(_ text: String) -> String { text.filter { $0 != " " } }
      #expect(
        squeezed(started.joined()).contains(squeezed("note: the files this lesson writes go to \(folder.path), not over your own files")),
        "\(started)")
      let copied = try await ExerciseWalkTests.command(tmux, "lab samples")
      #expect(copied.contains { $0.hasPrefix("copied 9 sample programs") }, "\(copied)")
      #expect(
        squeezed(copied.joined()).contains(squeezed("note: edit them there, or write your own beside them: \(folder.path)")),
        "\(copied)")
      #expect(copied.contains { $0.contains("Well done") })
      // The samples went to the lesson's own folder, not the working directory.
      #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("totp_demo.py").path))

      try await ExerciseWalkTests.command(tmux, "next")
      let expired = try await ExerciseWalkTests.command(
        tmux, "lab run --answer printed --after 31s -- python3 totp_demo.py \(key)")
      let code = try await LabRunTests.oathtool(at: "2026-01-01 00:00:10 UTC")
      #expect(expired.contains("  | Current OTP: \(code)"), "\(expired)")
      #expect(expired.contains("  | False"))
      #expect(expired.contains { $0.contains("Well done") })
      let colours = try await tmux.screenWithEscapes()
      #expect(colours.contains("\u{1B}[32m"), "no colour on the screen")

      // By hand: the program's own prompt is the line editor's; the code typed is the one shown.
      try await tmux.enter("lab run -- python3 totp_demo.py \(key)")
      let asked = try await tmux.waitForLastRow("Enter Code:")
      #expect(asked.contains("note: the program is waiting for you: type its answer (Ctrl-D ends its input, Ctrl-C stops it)"), "\(asked)")
      let now = try await LabRunTests.oathtool(at: "2026-01-01 00:00:41 UTC")
      #expect(asked.contains("  | Current OTP: \(now)"), "\(asked)")
      try await tmux.enter(now)
      let answered = try await tmux.waitForLastRow("otp>")
      #expect(answered.contains("Enter Code: \(now)"))
      #expect(answered.contains("  | True"), "\(answered)")
    }
  }
}
