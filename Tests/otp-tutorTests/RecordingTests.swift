import Foundation
import Testing
import _OTPTestSupport

/// `record` at a colour terminal: the transcript it writes is plain text with exactly the
/// commands typed, checks clean with `otp-tutor check`, and plays back with `otp-tutor play`.
@Suite("A session recorded at a terminal", .serialized)
struct RecordingTests {
  static let lessons = Repository.root.appendingPathComponent("Lessons")
  static let text = "12345678901234567890"

  /// The commands typed after `record`, before `record stop`.
  static let typed = [
    "secret set --text \(text)", "enroll --account Muhammad --issuer CodingFleet.com", "qr", "advance 30s", "login",
    "verify 000000", "lesson totp", "next",
  ]

  /// A line as it can be shown in a report: control characters spelled out.
  static func visible(_ line: String) -> String {
    line.unicodeScalars.map { scalar in
      scalar.value < 0x20 || scalar.value == 0x7F ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
    }.joined()
  }

  @Test("recorded at a colour terminal: no escape codes, exactly the commands typed, checks clean, plays back")
  func recordAtTerminal() async throws {
    let folder = try Repository.temporaryDirectory("record-here")
    let state = try Repository.temporaryDirectory("record-state")
    let home = try Repository.temporaryDirectory("record-home")
    // The code for 00:00:30 from the real peer, with the secret's bytes in hex.
    let hex = Self.text.utf8.map { String(format: "%02x", $0) }.joined()
    let code = try await Peer.output("oathtool", ["--totp", hex, "--now", "2026-01-01 00:00:30 UTC"])
      .trimmingCharacters(in: .whitespacesAndNewlines)
    try #require(code.count == 6 && code.allSatisfy(\.isNumber), "oathtool said \(code)")

    // NO_COLOR set but empty means unset to the shell: it uses colour at this terminal.
    let environment = [
      "XDG_STATE_HOME": state.path, "HOME": home.path, "TERM": "xterm-256color", "LC_ALL": "C.UTF-8", "NO_COLOR": "",
    ]
    let shell =
      "sh -c \"cd '\(folder.path)' && exec '\(Binary.url.path)' --clock 2026-01-01T00:00:00Z --lessons '\(Self.lessons.path)'\""
    try await Tmux.session(shell, environment: environment, width: 120, height: 40) { tmux in
      try await tmux.waitForLastRow("otp>")
      try #require(try await tmux.screenWithEscapes().contains("\u{1B}["), "the shell did not use colour")
      try await ExerciseWalkTests.command(tmux, "record demo.transcript --keep-secrets")
      for line in Self.typed {
        try await ExerciseWalkTests.command(tmux, line, answers: line == "login" ? [code] : [])
      }
      let stopped = try await ExerciseWalkTests.command(tmux, "record stop")
      let saved = ExerciseWalkTests.rows(after: "record stop", in: stopped)?.joined() ?? ""
      #expect(saved.hasPrefix("saved \(Self.typed.count) commands to demo.transcript"), "record stop said: \(saved)")
    }

    // The recording is where the shell started, not in a lesson's folder. Where it went
    // elsewhere, the rest is checked on what was written there.
    let here = folder.appendingPathComponent("demo.transcript")
    let lessonFolder = state.appendingPathComponent("otp-tutor/lessons/totp/demo.transcript")
    let holdsCommands = { (url: URL) in
      ((try? String(contentsOf: url, encoding: .utf8)) ?? "").split(separator: "\n").contains { $0.hasPrefix("otp> ") }
    }
    let file = try #require(
      [here, lessonFolder].first(where: holdsCommands),
      "no recording with commands in \(folder.path) or \(lessonFolder.path)")
    #expect(
      file == here,
      "record stop wrote the recording to \(file.path), not to the folder the shell started in\(FileManager.default.fileExists(atPath: here.path) ? ", where demo.transcript holds only the header written by 'record'" : "")"
    )
    let bytes = try [UInt8](Data(contentsOf: file))
    let text = String(decoding: bytes, as: UTF8.self)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)

    // Plain text: no escape, no other control character but the newline.
    let controls = lines.enumerated().filter { _, line in
      line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }
    let escapes = bytes.filter { $0 == 0x1B }.count
    #expect(escapes == 0, "\(escapes) escape bytes in the recording")
    #expect(
      controls.count == 0,
      "\(controls.count) lines with control characters, like:\n\(controls.prefix(8).map { "  \($0.offset + 1): \(Self.visible($0.element))" }.joined(separator: "\n"))"
    )

    // Exactly the commands typed, in order, and the login's answer after it.
    let commands = lines.filter { $0.hasPrefix("otp> ") }.map { String($0.dropFirst(5)) }
    #expect(
      commands == Self.typed,
      "the recorded commands differ from those typed:\n\(TranscriptDifference.lines(expected: Self.typed, actual: commands).joined(separator: "\n"))"
    )
    let login = try #require(lines.firstIndex(of: "otp> login"), "no 'otp> login' line")
    #expect(lines.indices.contains(login + 1) && lines[login + 1] == "> \(code)", "the login's answer is not recorded")

    // It checks clean and plays back.
    let lessonsEnvironment = ["OTP_TUTOR_LESSONS": Self.lessons.path, "XDG_STATE_HOME": state.path, "HOME": home.path]
    let check = try await Binary.run(["check", file.path], environment: lessonsEnvironment, in: folder)
    // The headline of each difference, without its diff.
    let differences = check.lines.filter { !$0.hasPrefix("    ") }.joined(separator: "\n")
    #expect(check.status == 0, "otp-tutor check exited \(check.status):\n\(differences)\(check.standardError)")
    let play = try await Binary.run(["play", file.path], environment: lessonsEnvironment, in: folder)
    let errors = play.lines.filter { $0.hasPrefix("error:") }.joined(separator: "\n")
    #expect(play.status == 0, "otp-tutor play exited \(play.status):\n\(errors)\(play.standardError)")
  }
}

/// A plain line-by-line difference for reports: `-` expected only, `+` actual only.
enum TranscriptDifference {
  static func lines(expected: [String], actual: [String]) -> [String] {
    // The longest common subsequence, small inputs only.
    let e = expected.count
    let a = actual.count
    var table = Array(repeating: Array(repeating: 0, count: a + 1), count: e + 1)
    for i in stride(from: e - 1, through: 0, by: -1) {
      for j in stride(from: a - 1, through: 0, by: -1) {
        table[i][j] = expected[i] == actual[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
      }
    }
    var result: [String] = []
    var i = 0
    var j = 0
    while i < e || j < a {
      if i < e, j < a, expected[i] == actual[j] {
        result.append("  " + expected[i])
        i += 1
        j += 1
      } else if j < a, i == e || table[i][j + 1] >= table[i + 1][j] {
        result.append("+ " + actual[j])
        j += 1
      } else {
        result.append("- " + expected[i])
        i += 1
      }
    }
    return result
  }
}
