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

/// `lab audit`: a learner's login program measured as a server, by running it again and again
/// on the virtual clock with codes the shell computes from its key file.
///
/// Each round runs in a fresh copy of the working folder's files (its record of used codes and
/// failed attempts starts as the learner left it, and the learner's folder is never changed),
/// from a day after the session's time, so that nothing the learner did before interferes.
/// Each attempt is judged by the sentences the program prints (``Verdicts``): one with the
/// accepting sentence is a login, one with the refusing sentence a refusal, and one with
/// neither stops the audit, as it cannot be judged.
struct LabAudit {
  /// The sentences that say whether an attempt logged in.
  ///
  /// A line that contains one counts, case ignored. The defaults are the tutorial's;
  /// `--accepts` and `--refuses` change them.
  struct Verdicts: Sendable, Equatable {
    var accepts = "Authentication successful"
    var refuses = "Authentication failed"
  }

  /// What the audit measured: typed facts, from which the report is written.
  struct Report: Sendable {
    /// The sentences each attempt was judged by.
    var verdicts = Verdicts()
    /// The step offsets tried, and whether each was accepted.
    var window: [(offset: Int, accepted: Bool)] = []
    /// Whether the same code logged in a second time.
    var replayAccepted = false
    /// How many wrong codes were sent before the right one.
    var guesses = 0
    /// The guesser's pace, attempts per virtual second.
    var rate = 0.0
    /// Whether the right code logged in after the wrong ones.
    var acceptedAfterGuesses = false
    /// How many wrong codes were answered as the first one was, before the answer changed
    /// (a program that says "too many attempts"); `nil` if it never changed.
    var answeredAlikeBeforeChange: Int?
    /// When the right code was refused after the guesses: the probe delays tried, and the
    /// first one at which it logged in again (`nil`: never, within the probes).
    var probes: [Duration] = []
    var acceptedAgainAfter: Duration?

    /// The farthest step before the current one whose code was accepted.
    var past: Int { window.filter { $0.offset < 0 && $0.accepted }.map { -$0.offset }.max() ?? 0 }
    /// The farthest step after the current one whose code was accepted.
    var future: Int { window.filter { $0.offset > 0 && $0.accepted }.map(\.offset).max() ?? 0 }
    var currentAccepted: Bool { window.first { $0.offset == 0 }?.accepted ?? false }
    var throttles: Bool { !acceptedAfterGuesses }
  }

  let program: LabProgram
  let totp: TOTP
  let library: String
  let environment: [String: String]
  let directory: String?
  let timeLimit: Duration
  /// How an attempt's output is judged.
  var verdicts = Verdicts()
  /// Whether Ctrl-C was pressed: the audit stops.
  var interruption: (@Sendable () -> Bool)?
  /// The first instant the audit uses: the middle of a step a day after the session's time.
  let start: UnixTime

  /// The step offsets the window round tries.
  static let windowOffsets = Array(-3...3)

  /// A time step moved by an offset, or nil past either end of the counter's range.
  static func step(_ step: UInt64, offsetBy offset: Int) -> UInt64? {
    let distance = UInt64(offset.magnitude)
    if offset < 0 { return step >= distance ? step - distance : nil }
    let (moved, overflow) = step.addingReportingOverflow(distance)
    return overflow ? nil : moved
  }
  /// The delays after which a throttled program is offered the right code again.
  static let probeDelays: [Duration] = [.seconds(30), .seconds(60), .seconds(120), .seconds(300), .seconds(600), .seconds(1800), .seconds(3600), .seconds(86_400)]

  init(
    program: LabProgram, totp: TOTP, library: String, environment: [String: String], directory: String?,
    timeLimit: Duration, after time: UnixTime
  ) throws(TutorError) {
    self.program = program
    self.totp = totp
    self.library = library
    self.environment = environment
    self.directory = directory
    self.timeLimit = timeLimit
    let later = time + .seconds(86_400)
    guard let step = try? totp.step(at: later) else {
      throw TutorError("the virtual clock is outside the years the engine handles", remedy: "set it back, like clock set 2026-01-01T00:00:00Z")
    }
    start = totp.interval(of: step).lowerBound + .seconds(15)
  }

  /// One attempt's outcome.
  struct Attempt {
    let accepted: Bool
    /// Its last line, to tell answers apart.
    let answer: String
  }

  /// Runs every round and returns what was measured.
  func run(guesses: Int, rate: Double, progress: (String) -> Void) throws(TutorError) -> Report {
    var report = Report(verdicts: verdicts)
    report.guesses = guesses
    report.rate = rate
    let step = try stepAt(start)

    // The window: each offset in a copy of its own, so that neither replay prevention nor a
    // rate limit colours the answer.
    for offset in Self.windowOffsets {
      let folder = try Scratch(copying: directory)
      guard let shifted = Self.step(step, offsetBy: offset) else { continue }
      let attempt = try attempt(totp.code(forStep: shifted), at: start, in: folder)
      report.window.append((offset, attempt.accepted))
    }
    guard report.currentAccepted else { return report }
    progress("window measured")

    // Replay: the code that just logged in, again, 5 seconds later in the same step.
    do {
      let folder = try Scratch(copying: directory)
      let code = totp.code(forStep: step)
      _ = try attempt(code, at: start, in: folder)
      report.replayAccepted = try attempt(code, at: start + .seconds(5), in: folder).accepted
    }
    progress("replay measured")

    // Guessing: wrong codes at the guesser's pace, then the right one.
    let folder = try Scratch(copying: directory)
    let interval = Duration.seconds(1 / rate)
    var time = start
    var first: String?
    let valid = Set(Self.windowOffsets.compactMap { Self.step(step, offsetBy: $0) }.map { totp.hotp.value(for: $0) })
    var candidate: UInt64 = 0
    for index in 0..<guesses {
      while valid.contains(candidate) { candidate += 1 }
      let wrong = String(candidate).leftPadded(to: totp.digits)
      candidate += 7919
      let answer = try attempt(wrong, at: time, in: folder).answer
      if let first, answer != first, report.answeredAlikeBeforeChange == nil { report.answeredAlikeBeforeChange = index }
      if first == nil { first = answer }
      time = time + interval
    }
    let right = try codeAt(time)
    report.acceptedAfterGuesses = try attempt(right, at: time, in: folder).accepted
    if !report.acceptedAfterGuesses {
      let last = time
      for delay in Self.probeDelays {
        report.probes.append(delay)
        if try attempt(try codeAt(last + delay), at: last + delay, in: folder).accepted {
          report.acceptedAgainAfter = delay
          break
        }
      }
    }
    return report
  }

  private func stepAt(_ time: UnixTime) throws(TutorError) -> UInt64 {
    do { return try totp.step(at: time) } catch { throw TutorError(error) }
  }

  private func codeAt(_ time: UnixTime) throws(TutorError) -> String {
    totp.code(forStep: try stepAt(time))
  }

  /// Runs the program once at `time` and types `code` at its prompt.
  private func attempt(_ code: String, at time: UnixTime, in folder: Scratch) throws(TutorError) -> Attempt {
    if interruption?() == true {
      throw TutorError("the audit was stopped (Ctrl-C) before it finished", remedy: "type the lab audit line again to run it all")
    }
    var asked = false
    let result = try LabRunner.run(
      program, at: time, library: library, directory: folder.path, environment: environment, timeLimit: timeLimit
    ) { _ in
      guard !asked else { return .endInput }
      asked = true
      return .answer(code, at: nil)
    }
    switch result.stop {
    case .timedOut:
      throw TutorError(
        "\(program.typed.quotedForMessage) was still running after \(Format.human(timeLimit)) on an attempt"
          + (asked ? "" : " and never asked for a code"),
        remedy: "check that it asks with input(\"Enter Code: \") and then ends, or give it longer with --timeout 30s")
    case .tooMuchOutput:
      throw TutorError("\(program.typed.quotedForMessage) printed more than 1 MB on one attempt", remedy: "check it for a loop that prints")
    default: break
    }
    guard asked else {
      let said = result.lines.last { !$0.isEmpty }.map { " (its last line: \(String($0.prefix(60))))" } ?? ""
      throw TutorError(
        "\(program.typed.quotedForMessage) ended without asking for a code\(said)",
        remedy: "check that it reads the code with input(\"Enter Code: \"), and that lab run -- \(program.typed) works")
    }
    // What it printed after the code was typed.
    let answered = result.items.firstIndex { if case .prompt = $0 { true } else { false } } ?? result.items.endIndex
    let lines = result.items[answered...].dropFirst().compactMap { item -> String? in
      if case .output(let line) = item { line } else { nil }
    }
    func says(_ sentence: String) -> Bool { lines.contains { $0.lowercased().contains(sentence.lowercased()) } }
    let accepted = says(verdicts.accepts)
    let refused = says(verdicts.refuses)
    let last = lines.last { !$0.isEmpty } ?? ""
    guard accepted != refused else {
      let said = last.isEmpty ? "nothing after the code" : "its last line: \(String(last.prefix(60)))"
      throw TutorError(
        accepted
          ? "\(program.typed.quotedForMessage) printed both \"\(verdicts.accepts)\" and \"\(verdicts.refuses)\" for one code, so the audit cannot tell whether it logged in"
          : "\(program.typed.quotedForMessage) printed neither \"\(verdicts.accepts)\" nor \"\(verdicts.refuses)\" for a code (\(said)), so the audit cannot tell whether it logged in",
        remedy: "give the sentences your program prints, like --accepts \"Welcome\" --refuses \"Wrong code\"")
    }
    return Attempt(accepted: accepted, answer: last)
  }

  /// A temporary copy of the working folder's files (not its folders), removed when released.
  final class Scratch {
    let path: String
    /// The most files, and the largest file, a copy takes.
    static let maximumFiles = 256
    static let maximumFileSize = 1 << 20

    init(copying source: String?) throws(TutorError) {
      var template = Array(Path.join(Path.temporaryDirectory, "otp-tutor-audit-XXXXXX").utf8CString)
      guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
        throw TutorError("cannot make a folder for the audit: \(String(cString: strerror(errno)))", remedy: "check the temporary folder")
      }
      path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      let from = source ?? FileManager.default.currentDirectoryPath
      let names = ((try? FileManager.default.contentsOfDirectory(atPath: from)) ?? []).sorted()
      var copied = 0
      for name in names {
        let file = Path.join(from, name)
        var status = stat()
        guard lstat(file, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, status.st_size <= Self.maximumFileSize else {
          continue
        }
        copied += 1
        guard copied <= Self.maximumFiles else {
          throw TutorError(
            "the folder holds more than \(Self.maximumFiles) files, too many to copy for each round of the audit",
            remedy: "run the audit in a folder holding only your program and its key file")
        }
        do {
          try FileManager.default.copyItem(atPath: file, toPath: Path.join(path, name))
        } catch {
          throw TutorError("cannot copy \(name) for the audit", remedy: "check that you can read it")
        }
      }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
  }
}
