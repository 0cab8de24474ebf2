import Foundation
import Testing
import _OTPTestSupport

/// Instructor tools: play, record, check of transcripts, asciicast export, and the Examples.
@Suite("Instructor tools", .serialized)
struct InstructorTests {
  static let examples = Repository.root.appendingPathComponent("Examples")

  static var exampleNames: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: examples.path)) ?? []).filter { $0.hasSuffix(".transcript") }.sorted()
  }

  @Test("every example checks clean")
  func checkExamples() async throws {
    let result = try await Binary.run(["check", Self.examples.path])
    #expect(result.status == 0, "\(result.standardOutput)")
    #expect(Self.exampleNames.count >= 6)
  }

  @Test("each example plays under tmux at a visible pace and prints what its transcript expects", arguments: exampleNames)
  func playsInTmux(_ name: String) async throws {
    let folder = try Repository.temporaryDirectory("play")
    let file = Self.examples.appendingPathComponent(name)
    let transcript = try String(contentsOf: file, encoding: .utf8)
    let lastLine = try #require(transcript.split(separator: "\n").last.map(String.init))
    // The first command appears as typed before its output.
    let firstCommand = try #require(transcript.split(separator: "\n").first { $0.hasPrefix("otp> ") })
    try await Tmux.session(
      "sh -c 'cd \(folder.path) && exec \(Binary.url.path) play --pace 0.005 \(file.path)'",
      environment: ["NO_COLOR": "1", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"], width: 200, height: 100
    ) { tmux in
      try await tmux.waitFor(String(firstCommand), timeout: .seconds(20))
      try await tmux.waitFor(timeout: .seconds(60)) { _ in (try? await tmux.hasExited()) ?? false }
      let screen = try await tmux.screen().joined(separator: "\n")
      #expect(screen.contains(lastLine) || lastLine.hasPrefix("/") || lastLine == "...", "\(screen)")
    }
  }

  @Test("a demo after an exercise runs once, in play as in check and for a learner; play completes a first step's clock exercise")
  func demoAfterExerciseOnce() async throws {
    let folder = try Repository.temporaryDirectory("after-demo")
    let file = folder.appendingPathComponent("after.md")
    try """
      ---
      id: after
      title: After
      format: 1
      clock: 2026-01-01T00:00:10Z
      secret: text:12345678901234567890
      ---

      ## One {#one}

      ```exercise
      ask: Type `advance 30s`.
      expect: clock past-step
      solution: advance 30s
      ```

      ```demo
      otp> advance 30s
      server time: 2026-01-01T00:01:10Z  (unix 1767225670, frozen)
      ...
      ```

      """.write(to: file, atomically: true, encoding: .utf8)
    let checked = try await Binary.run(["check", file.path])
    #expect(checked.status == 0, "\(checked.standardOutput)")
    let played = try await Binary.run(["play", "--pace", "0", "--plain", file.path]).standardOutput
    #expect(played.components(separatedBy: "otp> advance 30s").count == 3, "the solution, then the demo: \(played)")
    #expect(played.contains("server time: 2026-01-01T00:01:10Z"))
    #expect(!played.contains("2026-01-01T00:01:40Z"), "\(played)")
  }

  @Test("an edited expectation in a transcript fails with file:line and a diff")
  func editedTranscript() async throws {
    let folder = try Repository.temporaryDirectory("edited-transcript")
    let file = folder.appendingPathComponent("hotp.transcript")
    let original = try String(contentsOf: Self.examples.appendingPathComponent("2-hotp-sequence.transcript"), encoding: .utf8)
    try original.replacingOccurrences(of: "2  220441", with: "2  220442").write(to: file, atomically: true, encoding: .utf8)
    let result = try await Binary.run(["check", file.path])
    #expect(result.status == 1)
    let line = (original.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "otp> hotp 0..3" } ?? 0) + 1
    #expect(result.standardOutput.contains("\(file.path):\(line): the output of 'otp> hotp 0..3'"))
    #expect(result.standardOutput.contains("- 2  220442"))
    #expect(result.standardOutput.contains("+ 2  220441"))
    let updated = try await Binary.run(["check", "--update", file.path])
    #expect(updated.status == 0)
    #expect(try String(contentsOf: file, encoding: .utf8) == original)
  }

  @Test("a recorded session replays to the same bytes")
  func recordAndReplay() async throws {
    let folder = try Repository.temporaryDirectory("record")
    let input = """
      record demo.transcript
      secret set --text 12345678901234567890
      clock set 59
      totp
      login
      287082
      hotp 0..2
      record stop
      """
    let recorded = try await Binary.run(["--seed", "3"], input: input + "\n", in: folder)
    #expect(recorded.status == 0)
    #expect(recorded.standardOutput.contains("saved 4 commands to demo.transcript"))
    let file = folder.appendingPathComponent("demo.transcript")
    let text = try String(contentsOf: file, encoding: .utf8)
    // The secret line was left out; the rest is a transcript that checks clean.
    #expect(!text.contains("12345678901234567890"))
    #expect(text.contains("# (a line carrying a secret was left out"))
    let kept = try await Binary.run([], input: input.replacingOccurrences(of: "record demo.transcript", with: "record kept.transcript --keep-secrets") + "\n", in: folder)
    #expect(kept.status == 0)
    let keptFile = folder.appendingPathComponent("kept.transcript")
    #expect(try String(contentsOf: keptFile, encoding: .utf8).contains("otp> secret set --text 12345678901234567890"))
    let check = try await Binary.run(["check", keptFile.path])
    #expect(check.status == 0, "\(check.standardOutput)")
    // Played back, it prints the same bytes as when it was recorded.
    let original = kept.standardOutput.components(separatedBy: "otp> secret set --text").last ?? ""
    let played = try await Binary.run(["play", "--pace", "0", keptFile.path]).standardOutput
    let replayed = played.components(separatedBy: "otp> secret set --text").last ?? "?"
    #expect(replayed == original.components(separatedBy: "otp> record stop").first)
  }

  @Test("--cast writes valid asciicast v2: a header, then [time, \"o\", text] events in time order")
  func asciicast() async throws {
    let folder = try Repository.temporaryDirectory("cast")
    let cast = folder.appendingPathComponent("demo.cast")
    let result = try await Binary.run(
      ["play", "--pace", "0.05", "--cast", cast.path, Self.examples.appendingPathComponent("1-totp-demo.transcript").path],
      in: folder)
    #expect(result.status == 0, "\(result.standardOutput)")
    // A demo may show a seeded secret: the recording is readable by its owner only.
    let attributes = try FileManager.default.attributesOfItem(atPath: cast.path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
    let lines = try String(contentsOf: cast, encoding: .utf8).split(separator: "\n").map(String.init)
    let header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    #expect(header["version"] as? Int == 2)
    #expect((header["width"] as? Int ?? 0) > 0)
    #expect((header["height"] as? Int ?? 0) > 0)
    var previous = -1.0
    var text = ""
    for line in lines.dropFirst() {
      let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
      #expect(event.count == 3)
      let time = try #require(event[0] as? Double)
      #expect(time >= previous)
      previous = time
      #expect(event[1] as? String == "o")
      text += try #require(event[2] as? String)
    }
    #expect(text.contains("otp> secret new"))
    #expect(text.contains("\r\n"))
    // Typing at 0.05 s a character and pauses after commands: the whole demo takes seconds.
    #expect(previous > 2)
  }

  @Test("--cast into a folder that does not exist is refused before anything plays")
  func castIntoMissingFolder() async throws {
    let folder = try Repository.temporaryDirectory("cast-missing")
    let cast = folder.appendingPathComponent("no/such/demo.cast")
    let result = try await Binary.run(
      ["play", "--pace", "0", "--cast", "no/such/demo.cast", Self.examples.appendingPathComponent("1-totp-demo.transcript").path],
      in: folder)
    #expect(result.status != 0)
    #expect(result.standardOutput.isEmpty)
    // The same words as every file the shell cannot write: what was wrong, then what to do.
    #expect(
      result.standardError.hasPrefix(
        "Error: --cast: the folder 'no/such' does not exist; create it first, or choose another path\n"))
    #expect(!FileManager.default.fileExists(atPath: cast.path))
  }
}
