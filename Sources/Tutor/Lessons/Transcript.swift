public import OTP

/// A transcript file: commands after `otp> `, each followed by the output it prints, the
/// syntax of a lesson's demo blocks. Instructors keep demos in this form; `otp-tutor play`
/// plays them and `otp-tutor check` replays them.
///
/// Optional header lines before the first command set the start: `# clock: <time>` and
/// `# seed: <n>` (0 by default, so a transcript replays to the same bytes). Any other
/// `# word: …` line there is an error (a misspelt `# clok:` would otherwise be ignored); other
/// `#` lines before the first command are comments. A file with no
/// `otp> ` line is a plain script: one command per line.
public struct Transcript: Sendable {
  /// The file, for reports.
  public let file: String
  /// The server clock at the start.
  public let start: UnixTime
  /// The seed for `secret new` and scratch codes.
  public let seed: UInt64
  /// The commands with their answers and expected output (empty for a plain script).
  public let demo: Demo

  /// Parses a transcript or a plain script.
  public static func parse(_ text: String, file: String) throws(LessonError) -> Transcript {
    let lines = text.fileLines
    var start = UnixTime.scriptDefault
    var seed: UInt64 = 0
    var bodyStart = 0
    for (index, line) in lines.enumerated() {
      guard line.hasPrefix("#") || line.trimmingSpaces().isEmpty else { break }
      bodyStart = index + 1
      let content = line.dropFirst().trimmingSpaces()
      if content.lowercased().hasPrefix("clock:") {
        do {
          start = try UnixTime.parse(typed: content.dropFirst(6).trimmingSpaces())
        } catch {
          throw LessonError(file: file, line: index + 1, problem: "the clock is not a time: \(error.problem)", remedy: "write # clock: 2026-01-01T00:00:00Z")
        }
      } else if content.lowercased().hasPrefix("seed:") {
        guard let value = UInt64(content.dropFirst(5).trimmingSpaces()) else {
          throw LessonError(file: file, line: index + 1, problem: "the seed is not a whole number", remedy: "write # seed: 42")
        }
        seed = value
      } else if let colon = content.firstIndex(of: ":"), !content[..<colon].isEmpty,
        content[..<colon].allSatisfy({ $0.isLetter || $0 == "-" || $0 == "_" }), content[..<colon].lowercased() != "note"
      {
        // `# word: …` is a header line; a comment has more than one word before any colon.
        let key = content[..<colon].lowercased()
        var remedy = "the header keys are # clock: <time>, # seed: <n> and # note: <text>; write a comment with more than one word before a colon"
        if let suggestion = Suggestion.closest(to: key, among: ["clock", "seed", "note"]) { remedy = "did you mean '# \(suggestion):'? " + remedy }
        throw LessonError(file: file, line: index + 1, problem: "unknown transcript header '# \(key.quotedForMessage):'", remedy: remedy)
      }
    }
    let body = Array(lines[bodyStart...])
    let isTranscript = body.contains { $0.hasPrefix("otp> ") }
    var numbered: [(String, Int)] = []
    for (offset, line) in body.enumerated() {
      let number = bodyStart + offset + 1
      if isTranscript {
        numbered.append((line, number))
      } else if !line.trimmingSpaces().isEmpty && !line.hasPrefix("#") {
        numbered.append(("otp> " + line, number))
      }
    }
    while let last = numbered.last, last.0.trimmingSpaces().isEmpty { numbered.removeLast() }
    let demo = try LessonParser.demo(numbered, line: bodyStart + 1) { line, problem, remedy in
      LessonError(file: file, line: line, problem: problem, remedy: remedy)
    }
    return Transcript(file: file, start: start, seed: seed, demo: demo)
  }

  /// Reads a transcript file.
  public static func load(_ path: String) throws(LessonError) -> Transcript {
    let bytes: [UInt8]
    do {
      bytes = try FileStore.read(path, what: "transcript")
    } catch {
      throw LessonError(file: path, line: 1, problem: error.problem, remedy: error.remedy ?? "check the path")
    }
    return try parse(String(decoding: bytes, as: UTF8.self), file: path)
  }

  /// The transcript as a one-step lesson, so the lesson checker can replay it.
  public var lesson: Lesson {
    var lesson = Lesson(
      id: "transcript", title: file, file: file, start: start, seed: seed, secret: nil, allowsSkip: true,
      introduction: [], steps: [Step(id: "transcript", title: file, line: demo.line, blocks: [.demo(demo)])])
    lesson.isTranscript = true
    return lesson
  }
}
