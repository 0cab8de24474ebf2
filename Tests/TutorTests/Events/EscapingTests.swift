import Foundation
import OTP
import Testing
@testable import Tutor

/// Nothing that came from outside reaches a terminal raw: every renderer passes text through
/// `Escaping.visible`, whatever its source.
@Suite("Escaping outside text")
struct EscapingTests {
  /// Text that would set the terminal's title, clear it, write the clipboard (OSC 52), reverse
  /// what follows, or hide characters.
  static let hostile = [
    "\u{1B}]0;owned\u{07}", "\u{1B}[2J", "\u{1B}]52;c;aGVsbG8=\u{07}", "\u{9B}31m", "evil\u{202E}gpj.exe",
    "a\u{200B}b", "line\u{2028}break", "nul\u{0}byte", "del\u{7F}",
  ]

  /// Whether rendered text holds anything a terminal would obey, other than the renderer's own
  /// colour codes (ESC [ digits ; m) and newlines.
  static func isSafe(_ text: String) -> Bool {
    let withoutColours = text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    return !withoutColours.unicodeScalars.contains { scalar in
      scalar != "\n" && scalar != "\t" && Escaping.needsEscape(scalar)
    }
  }

  @Test("visible() shows every unsafe character, keeps the rest", arguments: hostile)
  func visible(_ text: String) {
    let shown = Escaping.visible(text)
    #expect(Self.isSafe(shown))
    #expect(!Escaping.isSafe(text))
    #expect(Escaping.isSafe(shown))
  }

  @Test("plain text, accents, symbols and box drawing pass unchanged")
  func unchanged() {
    for text in ["totp 123456", "élodie · § − → ÷ ─ █ ░", "tab\there", "CodingFleet.com:Muhammad"] {
      #expect(Escaping.visible(text) == text)
    }
  }

  /// A colour terminal session; returns everything it printed.
  func printed(_ lines: [String], answers: [String] = [], lessons: [Lesson] = []) -> String {
    let output = OutputBuffer()
    let session = Session(
      configuration: .init(start: UnixTime(seconds: 59), style: Style(usesColor: true), isInteractive: true),
      output: output)
    if !lessons.isEmpty { session.catalog = LessonCatalog(lessons: lessons) }
    for line in lines {
      var queue = answers[...]
      session.execute(line) { _ in queue.popFirst() }
    }
    return output.text
  }

  @Test("names typed as options, in errors, and as answers are shown escaped", arguments: hostile)
  func typed(_ name: String) {
    let text = printed(
      ["enroll --account '\(name)' --issuer '\(name)x'", "app code '\(name)'", "login", "verify '\(name)'", name],
      answers: [name])
    #expect(Self.isSafe(text), "\(text.debugDescription)")
  }

  @Test("a URI with an escape in its name is refused with a message that shows it safely")
  func uri() {
    let text = printed(["enroll --uri 'otpauth://totp/x%1B%5D0%3Bowned%07:alice?secret=JBSWY3DPEHPK3PXP'"])
    #expect(text.contains("error:"))
    #expect(text.contains("U+001B"))
    #expect(Self.isSafe(text))
  }

  @Test("a lesson's title, narration, demos and hints reach the terminal escaped", arguments: hostile)
  func lesson(_ name: String) throws {
    let source = """
      ---
      id: hostile
      title: Title \(name)
      format: 1
      ---

      Introduction \(name)

      ## Step \(name) {#one}

      Narration \(name)

      ```exercise
      ask: Ask \(name)
      expect: ran totp
      hint: Hint \(name)
      solution: totp
      ```
      """
    let lesson = try LessonParser.parse(source, file: "hostile.md")
    let text = printed(["lesson hostile", "hint", "secret new", "where"], lessons: [lesson])
    #expect(text.contains("Narration"))
    #expect(Self.isSafe(text), "\(text.debugDescription)")
  }

  @Test("Tab never offers a file name a terminal would obey")
  func completion() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("escape-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for name in ["key\u{1B}]0;x\u{07}.txt", "key\u{202E}txt.exe", "keyfine.txt"] {
      #expect(FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data()))
    }
    let session = Session(configuration: .init(), output: OutputBuffer())
    session.workingDirectory = folder.path
    #expect(session.completions(for: "key load k") == ["keyfine.txt"])
  }
}
