import Foundation
import OTP

/// Replays a lesson as `otp-tutor check` does: every demo against its expected output, every
/// exercise's solution against what counts as right, in order, from the lesson's start state.
public enum LessonChecker {
  /// One problem found, reported as `file:line: …` with a diff where there is one.
  public struct Failure: Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let message: String
    public let diff: [String]
    /// Whether this is a demo's output differing, which ``update(_:)`` rewrites.
    let isOutputDifference: Bool

    public var description: String {
      (["\(file):\(line): \(message)"] + diff.map { "    " + $0 }).joined(separator: "\n")
    }
  }

  /// Checks a lesson, or a transcript read as a one-step lesson.
  ///
  /// - Parameter catalog: The lessons a transcript's `lesson <id>` may start.
  public static func check(_ lesson: Lesson, catalog: LessonCatalog? = nil) -> [Failure] {
    replay(lesson, catalog: catalog, update: false).failures
  }

  /// Checks a lesson and rewrites, in its file, the demos whose output differs: one replay.
  ///
  /// - Returns: The failures it could not fix, and whether the file was rewritten.
  public static func update(_ lesson: Lesson, catalog: LessonCatalog? = nil) -> (failures: [Failure], rewritten: Bool) {
    replay(lesson, catalog: catalog, update: true)
  }

  private static func replay(_ lesson: Lesson, catalog: LessonCatalog?, update: Bool) -> (
    failures: [Failure], rewritten: Bool
  ) {
    let session = Session(configuration: .init(start: lesson.start, seed: lesson.seed), output: DiscardedOutput())
    session.catalog = catalog ?? LessonCatalog(lessons: [lesson])
    // Files the lesson writes (2fa.txt, totp_qr.png) go to a folder of their own, removed afterwards.
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("otp-tutor-check-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    session.workingDirectory = folder
    session.reset(for: lesson)
    var failures: [Failure] = []
    var mismatches: [(step: Step, Session.Mismatch)] = []
    if lesson.isTranscript, let demo = lesson.steps.first?.demo {
      // A transcript is what was typed at the top level: each command may complete an
      // exercise of a lesson it started, as it did when it was recorded.
      for entry in demo.entries {
        let context = Context.silent(session, answers: entry.answers)
        session.perform(entry.command, in: context)
        let actual = context.plainLines
        if !TranscriptMatcher.matches(expected: entry.expected, actual: actual) {
          mismatches.append((lesson.steps[0], Session.Mismatch(entry: entry, actual: actual)))
        }
      }
    } else {
      for index in lesson.steps.indices {
        let step = lesson.steps[index]
        let run = LessonRun(lesson: lesson, stepIndex: index)
        session.run = run
        mismatches += session.playDemos(of: step, into: nil).map { (step, $0) }
        guard let exercise = step.exercise else { continue }
        run.exerciseStartTime = session.clock.time
        for (command, answers) in exercise.solutionCommands {
          session.perform(command, in: Context.silent(session, answers: answers))
        }
        if !run.exerciseDone {
          failures.append(
            Failure(
              file: lesson.file, line: exercise.line,
              message: "the solution of the exercise in step '\(step.id)' does not satisfy 'expect: \(exercise.expectation)'",
              diff: exercise.solution.map { "solution: " + $0 }, isOutputDifference: false))
        }
      }
    }
    session.run = nil
    let differences = mismatches.map { step, mismatch in
      Failure(
        file: lesson.file, line: mismatch.entry.line,
        message: "the output of 'otp> \(mismatch.entry.command)' in step '\(step.id)' differs",
        diff: TranscriptMatcher.difference(expected: mismatch.entry.expected, actual: mismatch.actual),
        isOutputDifference: true)
    }
    failures = (differences + failures).sorted { $0.line < $1.line }
    guard update, !mismatches.isEmpty else { return (failures, false) }
    do {
      try rewrite(lesson.file, mismatches.map { ($0.1.entry, $0.1.actual) })
      return (failures.filter { !$0.isOutputDifference }, true)
    } catch {
      let problem = Failure(
        file: lesson.file, line: 1, message: "could not update the file: \(error)", diff: [], isOutputDifference: false)
      return (failures + [problem], false)
    }
  }

  private static func rewrite(_ path: String, _ rewrites: [(Demo.Entry, [String])]) throws(TutorError) {
    let bytes = try FileStore.read(path, what: "lesson")
    let text = String(decoding: bytes, as: UTF8.self)
    var lines = text.fileLines
    for (entry, actual) in rewrites.sorted(by: { $0.0.line > $1.0.line }) {
      let range = (entry.outputLines.lowerBound - 1)..<(entry.outputLines.upperBound - 1)
      let trailingBlank = lines[range].reversed().prefix { $0.trimmingSpaces().isEmpty }.count
      lines.replaceSubrange(range, with: actual.map(TranscriptMatcher.escaped) + Array(repeating: "", count: trailingBlank))
    }
    // The lesson keeps the permissions it had.
    var status = stat()
    let mode = stat(path, &status) == 0 ? status.st_mode & 0o7777 : 0o644
    // And its line ends: a CRLF lesson stays CRLF.
    let separator = text.contains("\r\n") ? "\r\n" : "\n"
    try FileStore.write(Array(lines.joined(separator: separator).utf8), to: path, mode: mode)
  }
}
