public import OTP

/// One otp-tutor session: the virtual clock, the shared secret, the login server, the
/// authenticator app, and the command language that drives them.
///
/// The session is the same whether a person types at a terminal or a script is piped in:
/// the executable only decides where lines come from and where output goes. Everything
/// the session prints depends only on the commands, the start time and the seed, so a
/// script replays to the same bytes.
///
/// ```swift
/// let session = Session(configuration: .init(start: UnixTime(seconds: 59)), output: sink)
/// session.execute("secret set --text 12345678901234567890")
/// session.execute("totp")
/// ```
public final class Session {
  /// How a session starts.
  public struct Configuration: Sendable {
    /// The server clock's first time.
    public var start: UnixTime
    /// Whether the clock runs on its own (interactive) or only moves when told (scripts).
    public var clockMode: VirtualClock.Mode
    /// The outside world's time, read only by a running clock and `clock real`.
    public var realTime: @Sendable () -> UnixTime
    /// A seed for secrets and scratch codes, or `nil` for the system's secure generator.
    public var seed: UInt64?
    /// Colour or not.
    public var style: Style
    /// Whether a person is at a terminal: decides countdown bars, QR codes and live watching.
    public var isInteractive: Bool
    /// Whether the terminal's locale is UTF-8; if not, QR codes are drawn in ASCII.
    public var usesUnicode: Bool

    public init(
      start: UnixTime = .scriptDefault,
      clockMode: VirtualClock.Mode = .frozen,
      realTime: @escaping @Sendable () -> UnixTime = { .scriptDefault },
      seed: UInt64? = nil,
      style: Style = .plain,
      isInteractive: Bool = false,
      usesUnicode: Bool = true
    ) {
      self.start = start
      self.clockMode = clockMode
      self.realTime = realTime
      self.seed = seed
      self.style = style
      self.isInteractive = isInteractive
      self.usesUnicode = usesUnicode
    }
  }

  /// What became of one command.
  public enum Outcome: Equatable, Sendable {
    case succeeded
    case failed
    case quit
  }

  /// The login server's clock.
  public let clock: VirtualClock
  /// How far the app's clock is ahead of the server's (negative: behind).
  public internal(set) var drift: Duration = .zero
  /// The login server.
  public internal(set) var server = LoginServer()
  /// The simulated authenticator app.
  public internal(set) var app = AuthenticatorApp()
  /// The account commands act on: the last one enrolled.
  public internal(set) var currentAccount: String?

  let configuration: Configuration
  var style: Style { configuration.style }
  var random: RandomSource
  var output: any OutputSink
  /// What the current command has printed, for checking exercises (capped).
  var commandOutput = ""
  /// Where the lessons are read from, the first time one is needed.
  public var lessonFolder: String?
  /// The lessons the session can play, read on first use so that start-up stays fast.
  public lazy var catalog = LessonCatalog(folder: lessonFolder)
  /// Where progress is kept; `nil` keeps none (scripts, `check`).
  public var progressStore: ProgressStore?
  var progress = Progress()
  /// The lesson being played, if any.
  var run: LessonRun?
  /// The folder relative file names are taken from; `nil` for the process's working directory.
  public var workingDirectory: String?
  /// A `record` in progress.
  var recording: Recording?
  /// Where lessons write their files (a folder per lesson), so that replaying a lesson never
  /// overwrites the learner's own `2fa.txt`; `nil` writes in the working directory.
  public var lessonWorkspace: String?
  /// Sleeps for real during a live `watch`; returns `false` when interrupted.
  public var pacer: (@Sendable (Duration) -> Bool)?
  /// Supplies the answer to a prompt such as `login`'s "Enter Code: ".
  var input: (String) -> String? = { _ in nil }

  /// Creates a session.
  public init(configuration: Configuration, output: any OutputSink) {
    self.configuration = configuration
    self.output = output
    self.clock = VirtualClock(start: configuration.start, mode: configuration.clockMode, realTime: configuration.realTime)
    self.random = configuration.seed.map { .seeded(SplitMix64(seed: $0), seed: $0) } ?? .system
  }

  /// The app's clock: the server's plus the drift.
  public var appTime: UnixTime { clock.time + drift }

  /// Runs one command line.
  ///
  /// - Parameters:
  ///   - line: What was typed.
  ///   - input: Where a command that asks a question reads its answer; `nil` at end of input.
  /// - Returns: Whether it succeeded, failed, or asked to quit.
  @discardableResult
  public func execute(_ line: String, input: @escaping (String) -> String? = { _ in nil }) -> Outcome {
    var answers: [String] = []
    self.input = { [unowned self] question in
      let answer = input(question)
      if let answer {
        answers.append(answer)
        // Whoever asked showed the question and the answer (the line editor, or a script's
        // echo); keep them in the command's output as a script prints them, for exercises
        // and recordings.
        self.commandOutput += question + answer + "\n"
      }
      return answer
    }
    commandOutput = ""
    let words: [String]
    do {
      words = try CommandTokenizer.words(in: line)
    } catch {
      say(style.error("error:") + " " + error.description)
      return .failed
    }
    guard let name = words.first else { return .succeeded }
    defer {
      if recording != nil, name.lowercased() != "record" {
        recordCommand(line, answers: answers, output: commandOutput)
      }
    }
    let outcome: Outcome
    do {
      outcome = try run(name, Array(words.dropFirst()))
    } catch {
      say(style.error("error:") + " " + error.description)
      return .failed
    }
    if outcome == .succeeded, !CommandSpec.lessonCommands.contains(name.lowercased()) {
      checkExercise(words: words)
    }
    return outcome
  }

  // MARK: Output

  func say(_ line: String = "") {
    emit(line + "\n")
  }

  /// Writes output, keeping a copy of what the current command printed for exercises.
  func emit(_ text: String) {
    output.write(text)
    if commandOutput.utf8.count < 1 << 16 { commandOutput += text }
  }

  func warn(_ message: String) {
    say(style.warning("warning:") + " " + message)
  }

  func note(_ message: String) {
    say(style.dim("note:") + " " + message)
  }
}

/// Where a session's output goes.
public protocol OutputSink: AnyObject {
  /// Writes text exactly as given.
  func write(_ text: String)
  /// Sends what was written on its way now (a live `watch` shows each row as it comes).
  func flush()
}

/// Output that goes nowhere: for replaying a lesson silently.
final class DiscardedOutput: OutputSink {
  func write(_ text: String) {}
  func flush() {}
}

/// Output collected in memory, for tests and transcripts.
public final class OutputBuffer: OutputSink {
  /// Everything written so far.
  public private(set) var text = ""

  public init() {}

  public func write(_ text: String) {
    self.text += text
  }

  public func flush() {}

  /// Returns what was written and empties the buffer.
  public func take() -> String {
    defer { text = "" }
    return text
  }
}
