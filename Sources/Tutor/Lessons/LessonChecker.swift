#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif
import OTP

/// Replays a lesson as `otp-tutor check` does: every demo against its expected output, every
/// exercise's solution against what counts as right, in order, from the lesson's start state.
public enum LessonChecker {
  /// One problem found, reported as `file:line: …` with a diff where there is one.
  public struct Failure: Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    /// The step it was found in (nil for the file as a whole).
    public let step: String?
    public let message: String
    public let diff: [String]
    /// Whether this is a demo's output differing, which ``update(_:catalog:)`` rewrites.
    let isOutputDifference: Bool

    init(file: String, line: Int, step: String?, message: String, diff: [String] = [], isOutputDifference: Bool = false) {
      self.file = file
      self.line = line
      self.step = step
      self.message = message
      self.diff = diff
      self.isOutputDifference = isOutputDifference
    }

    public var description: String {
      (["\(file):\(line): \(message)"] + diff.map { "    " + $0 }).joined(separator: "\n")
    }
  }

  /// A demo's expected output that `check --update` rewrote.
  public struct Rewrite: Sendable, CustomStringConvertible {
    public let file: String
    /// The line of the demo's command.
    public let line: Int
    public let command: String
    /// How many expected lines were replaced by printed ones, of how many the block now has.
    public let changed: Int
    public let total: Int

    public var description: String {
      "\(file):\(line): rewrote the output of 'otp> \(command)' (\(changed) of \(total) line\(total == 1 ? "" : "s") new)"
    }
  }

  /// What checking a lesson found.
  public struct Result: Sendable {
    public let failures: [Failure]
    /// What `--update` rewrote (always empty without it).
    public let rewrites: [Rewrite]
  }

  /// Checks a lesson, or a transcript read as a one-step lesson.
  ///
  /// - Parameter catalog: The lessons a transcript's `lesson <id>` may start.
  public static func check(_ lesson: Lesson, catalog: LessonCatalog? = nil) -> [Failure] {
    replay(lesson, catalog: catalog, update: false).failures
  }

  /// Checks a lesson and rewrites, in its file, the demos whose output differs: one replay.
  /// Only expected-output lines change; `...`, `/regex/` and `{{…}}` lines that still match
  /// are kept as the author wrote them.
  ///
  /// - Returns: The failures it could not fix, and what it rewrote.
  public static func update(_ lesson: Lesson, catalog: LessonCatalog? = nil) -> Result {
    replay(lesson, catalog: catalog, update: true)
  }

  private static func replay(_ lesson: Lesson, catalog: LessonCatalog?, update: Bool) -> Result {
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
        let played = session.playDemoEntry(entry, perform: true)
        let differs = !TranscriptMatcher.matches(expected: played.expected, actual: played.actual)
        if differs || played.unusedAnswers > 0 {
          mismatches.append(
            (lesson.steps[0],
             Session.Mismatch(
              entry: entry, actual: played.actual, expected: played.expected, outputDiffers: differs,
              unusedAnswers: played.unusedAnswers)))
        }
      }
    } else {
      for index in lesson.steps.indices {
        let step = lesson.steps[index]
        let run = LessonRun(lesson: lesson, stepIndex: index)
        session.run = run
        mismatches += session.playDemos(of: step, .beforeExercise, into: nil).map { (step, $0) }
        if let exercise = step.exercise {
          run.exerciseStartTime = session.clock.time
          failures += solve(exercise, of: step, in: session, run: run, file: lesson.file)
        }
        // Completing the exercise played what follows it, as for a learner; a solution that
        // did not complete it leaves that to play here.
        let after = run.exerciseDone ? run.afterExerciseMismatches : session.playDemos(of: step, .afterExercise, into: nil)
        mismatches += after.map { (step, $0) }
      }
    }
    session.run = nil
    var differences: [Failure] = []
    for (step, mismatch) in mismatches {
      if mismatch.outputDiffers {
        differences.append(
          Failure(
            file: lesson.file, line: mismatch.entry.line, step: step.id,
            message: "the output of 'otp> \(mismatch.entry.command)' in step '\(step.id)' differs",
            diff: TranscriptMatcher.difference(expected: mismatch.expected, actual: mismatch.actual),
            isOutputDifference: true))
      }
      if mismatch.unusedAnswers > 0 {
        differences.append(unusedAnswers(mismatch.unusedAnswers, command: mismatch.entry.command, line: mismatch.entry.line, step: step.id, file: lesson.file))
      }
    }
    failures = (differences + failures).sorted { $0.line < $1.line }
    let outputs = mismatches.map(\.1).filter(\.outputDiffers)
    guard update, !outputs.isEmpty else { return Result(failures: failures, rewrites: []) }
    do {
      let rewrites = try rewrite(lesson.file, outputs)
      return Result(failures: failures.filter { !$0.isOutputDifference }, rewrites: rewrites)
    } catch {
      let problem = Failure(file: lesson.file, line: 1, step: nil, message: "could not update the file: \(error)")
      return Result(failures: failures + [problem], rewrites: [])
    }
  }

  /// Runs an exercise's solution as a learner would type it; reports a line that failed, an
  /// answer nothing asked for, or a solution that does not do what the exercise expects (with
  /// what it printed).
  private static func solve(_ exercise: Exercise, of step: Step, in session: Session, run: LessonRun, file: String)
    -> [Failure]
  {
    var failures: [Failure] = []
    var printed: [String] = []
    var lines = exercise.solution[...]
    while let first = lines.popFirst() {
      var answers: [String] = []
      while let next = lines.first, next.text.hasPrefix("> ") {
        answers.append(String(next.text.dropFirst(2)))
        lines.removeFirst()
      }
      let command: String
      do {
        command = try session.expandVariables(first.text)
        answers = try answers.map { answer throws(TutorError) in try session.expandVariables(answer) }
      } catch {
        failures.append(Failure(file: file, line: first.line, step: step.id, message: "solution: \(error)"))
        continue
      }
      let context = Context.silent(session, answers: answers)
      let ran = session.perform(command, in: context)
      printed += ["otp> " + command] + context.plainLines
      if ran.outcome == .failed {
        failures.append(
          Failure(
            file: file, line: first.line, step: step.id,
            message: "the solution's 'solution: \(first.text)' in step '\(step.id)' fails",
            diff: context.plainLines))
      }
      if answers.count > context.answered.count {
        failures.append(unusedAnswers(answers.count - context.answered.count, command: first.text, line: first.line, step: step.id, file: file))
      }
    }
    if !run.exerciseDone {
      let missing = run.expectation.map { "expect: \($0)" } ?? exercise.expectationText
      failures.append(
        Failure(
          file: file, line: exercise.line, step: step.id,
          message: "the solution of the exercise in step '\(step.id)' does not satisfy '\(missing)'; it printed:",
          diff: printed))
    }
    return failures
  }

  private static func unusedAnswers(_ count: Int, command: String, line: Int, step: String, file: String) -> Failure {
    Failure(
      file: file, line: line, step: step,
      message:
        "'\(command)' asks for nothing, but \(count == 1 ? "a '> ' line answers" : "\(count) '> ' lines answer") it; drop \(count == 1 ? "that line" : "them"), or use a command that asks (login)")
  }

  /// Rewrites the expected output of demos in the file. Refuses, changing nothing, if the lines
  /// it would replace are not the expected output the lesson was read with (the file changed
  /// since, or a block was misread): it never touches anything else.
  private static func rewrite(_ path: String, _ mismatches: [Session.Mismatch]) throws(TutorError) -> [Rewrite] {
    let bytes = try FileStore.read(path, what: "lesson")
    let text = String(decoding: bytes, as: UTF8.self)
    var lines = text.fileLines
    var rewrites: [Rewrite] = []
    for mismatch in mismatches.sorted(by: { $0.entry.line > $1.entry.line }) {
      let entry = mismatch.entry
      let range = (entry.outputLines.lowerBound - 1)..<(entry.outputLines.upperBound - 1)
      guard range.lowerBound >= 0, range.upperBound <= lines.count,
        Array(lines[range]).trimmingBlankEnd() == entry.expected
      else {
        throw TutorError(
          "the lines after 'otp> \(entry.command)' (line \(entry.line)) are not the output it was read with",
          remedy: "nothing was changed; run check --update again on the saved file")
      }
      let trailingBlank = lines[range].reversed().prefix { $0.trimmingSpaces().isEmpty }.count
      let merged = TranscriptMatcher.updated(written: entry.expected, expected: mismatch.expected, actual: mismatch.actual)
      lines.replaceSubrange(range, with: merged.lines + Array(repeating: "", count: trailingBlank))
      rewrites.append(Rewrite(file: path, line: entry.line, command: entry.command, changed: merged.changed, total: merged.lines.count))
    }
    // The lesson keeps the permissions it had.
    var status = stat()
    let mode = stat(path, &status) == 0 ? status.st_mode & 0o7777 : 0o644
    // And its line ends: a CRLF lesson stays CRLF.
    let separator = text.contains("\r\n") ? "\r\n" : "\n"
    try FileStore.write(Array(lines.joined(separator: separator).utf8), to: path, mode: mode)
    return rewrites.reversed()
  }
}
