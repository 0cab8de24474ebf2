public import OTP

/// One otp-tutor session: the interpreter of the command language, over a ``World`` (the
/// virtual clock, the login server, the authenticator app) and the lessons being played.
///
/// The session is the same whether a person types at a terminal or a script is piped in:
/// the executable only decides where lines come from and where output goes. Commands report
/// ``Event``s; the session's ``Renderer`` makes text of them for its medium. Everything the
/// session prints depends only on the commands, the start time and the seed, so a script
/// replays to the same bytes.
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
    /// Whether a person is at a terminal: decides decoration (countdown bars, QR codes beside
    /// URIs), whether answers are echoed, and live watching.
    public var isInteractive: Bool
    /// Whether the terminal's locale is UTF-8; if not, QR codes are drawn in ASCII.
    public var usesUnicode: Bool
    /// For screen readers and braille displays: no colour, QR drawing, bars or box drawing.
    public var isPlain: Bool
    /// The terminal's width, asked when it matters; `nil` without a terminal.
    public var columns: (@Sendable () -> Int)?

    public init(
      start: UnixTime = .scriptDefault,
      clockMode: VirtualClock.Mode = .frozen,
      realTime: @escaping @Sendable () -> UnixTime = { .scriptDefault },
      seed: UInt64? = nil,
      style: Style = .plain,
      isInteractive: Bool = false,
      usesUnicode: Bool = true,
      isPlain: Bool = false,
      columns: (@Sendable () -> Int)? = nil
    ) {
      self.start = start
      self.clockMode = clockMode
      self.realTime = realTime
      self.seed = seed
      self.style = style
      self.isInteractive = isInteractive
      self.usesUnicode = usesUnicode
      self.isPlain = isPlain
      self.columns = columns
    }
  }

  /// What became of one command.
  public enum Outcome: Equatable, Sendable {
    case succeeded
    case failed
    case quit
  }

  /// What the commands act on.
  public internal(set) var world: World
  let configuration: Configuration
  /// How events become text on this session's output.
  public let renderer: Renderer
  let output: any OutputSink

  /// Where the lessons are read from, the first time one is needed.
  public var lessonFolders: [String] = []
  /// The lessons the session can play, read on first use so that start-up stays fast.
  public lazy var catalog = LessonCatalog(folders: lessonFolders)
  /// Where progress is kept; `nil` keeps none (scripts, `check`).
  public var progressStore: ProgressStore?
  var progress = Progress()
  /// The lessons whose progress this session changed since it last saved.
  var changedLessons: Set<String> = []
  /// The real time of the last command typed in a lesson, to count the time spent in it.
  var lastLessonActivity: UnixTime?
  /// The lesson being played, if any.
  var run: LessonRun?
  /// Where lessons write their files (a folder per lesson), so that replaying a lesson never
  /// overwrites the learner's own `2fa.txt`; `nil` writes in the working directory.
  public var lessonWorkspace: String?
  /// A `record` in progress.
  var recording: Recording?
  /// Sleeps for real during a live `watch`; returns `false` when interrupted.
  public var pacer: (@Sendable (Duration) -> Bool)?
  /// Whether Ctrl-C was pressed since the command began, for long simulations (`attack guess`)
  /// to stop early; asking consumes the press.
  public var interruption: (@Sendable () -> Bool)?

  /// Creates a session.
  public init(configuration: Configuration, output: any OutputSink) {
    self.configuration = configuration
    self.output = output
    let clock = VirtualClock(start: configuration.start, mode: configuration.clockMode, realTime: configuration.realTime)
    self.world = World(clock: clock, seed: configuration.seed)
    self.renderer =
      if configuration.isPlain {
        .accessible(echoesAnswers: !configuration.isInteractive)
      } else if configuration.isInteractive {
        .terminal(style: configuration.style, usesUnicode: configuration.usesUnicode, columns: configuration.columns)
      } else {
        Renderer(style: configuration.style, decorates: false, echoesAnswers: true, usesUnicode: configuration.usesUnicode)
      }
  }

  // MARK: The world, for the executable and tests

  /// The login server's clock.
  public var clock: VirtualClock { world.clock }
  /// How far the app's clock is ahead of the server's (negative: behind).
  public var drift: Duration { world.drift }
  /// The login server.
  public var server: LoginServer { world.server }
  /// The simulated authenticator app.
  public var app: AuthenticatorApp { world.app }
  /// The account commands act on: the last one enrolled.
  public var currentAccount: String? { world.currentAccount }
  /// The account commands act on, as enrolled.
  public var currentURI: KeyURI? { world.currentURI }
  /// The app's clock: the server's plus the drift.
  public var appTime: UnixTime { world.appTime }
  /// The folder relative file names are taken from; `nil` for the process's working directory.
  public var workingDirectory: String? {
    get { world.workingDirectory }
    set { world.workingDirectory = newValue }
  }

  // MARK: Running lines

  /// Runs one command line typed at the top level: its output goes to the session's output,
  /// it may complete the lesson's exercise, and a recording keeps it.
  ///
  /// - Parameters:
  ///   - line: What was typed.
  ///   - input: Where a command that asks a question reads its answer; `nil` at end of input.
  /// - Returns: Whether it succeeded, failed, or asked to quit.
  @discardableResult
  public func execute(_ line: String, input: @escaping (String) -> String? = { _ in nil }) -> Outcome {
    execute(line, answering: { input($0).map(Answer.line) ?? .ended })
  }

  /// What a person did at a question such as `login`'s "Enter Code: ".
  public enum Answer: Sendable, Equatable {
    /// Typed a line.
    case line(String)
    /// Ended the input (Ctrl-D, or the end of a script).
    case ended
    /// Pressed Ctrl-C to abandon the question.
    case interrupted
  }

  /// Runs one command line typed at the top level, as ``execute(_:input:)`` does, with
  /// answers that tell an abandoned question (Ctrl-C) from the end of the input.
  @discardableResult
  public func execute(_ line: String, answering input: @escaping (String) -> Answer) -> Outcome {
    let renderer = renderer
    let output = output
    let context = Context(
      session: self, isLive: configuration.isInteractive && pacer != nil, answers: input,
      forward: { output.write(renderer.render($0)) }, flush: { output.flush() })
    let ran = perform(line, in: context)
    if !ran.words.isEmpty, ran.command.map({ $0 != RecordCommand.self }) ?? true {
      record(line, context)
    }
    return ran.outcome
  }

  /// What running one line did.
  struct Ran {
    var outcome: Outcome
    /// The command the line named, if it named one.
    var command: (any ShellCommand.Type)?
    /// The line's words, the command's name first.
    var words: [String]
  }

  /// Runs one line as typed at the top level, in a context: it may complete the lesson's
  /// exercise. `otp-tutor check` replays a transcript's commands through this.
  @discardableResult
  func perform(_ line: String, in context: Context) -> Ran {
    countLessonTime()
    let ran = run(line, in: context)
    if ran.outcome == .succeeded, let command = ran.command, !command.spec.traits.contains(.navigatesLesson) {
      checkExercise(ran: ran, in: context)
    }
    return ran
  }

  /// Runs one line in a context: no exercise is checked and nothing is recorded. Lessons
  /// replay their steps through this, each command in a context of its own.
  func run(_ line: String, in context: Context) -> Ran {
    let words: [String]
    do {
      words = try CommandTokenizer.words(in: line)
    } catch {
      context.emit(.error(error))
      return Ran(outcome: .failed, command: nil, words: [])
    }
    guard let name = words.first else { return Ran(outcome: .succeeded, command: nil, words: []) }
    guard let command = CommandRegistry.command(named: name) else {
      // A step waiting for a typed answer takes a line that is not a command as the answer.
      if let run, let exercise = run.exercise, exercise.wantsAnswer {
        if !run.exerciseDone { context.note("taken as your answer ('answer <text>' says so explicitly)") }
        do { try AnswerCommand.run(words, in: context) } catch {
          context.emit(.error(error))
          return Ran(outcome: .failed, command: AnswerCommand.self, words: ["answer"] + words)
        }
        return Ran(outcome: .succeeded, command: AnswerCommand.self, words: ["answer"] + words)
      }
      var remedy = "type 'help' for the list of commands"
      if let suggestion = Suggestion.closest(to: name, among: CommandSpec.allSpellings) {
        remedy = "did you mean '\(suggestion)'? " + remedy
      }
      context.emit(.error(TutorError("unknown command '\(name.quotedForMessage)'", remedy: remedy)))
      return Ran(outcome: .failed, command: nil, words: words)
    }
    do {
      try command.run(Array(words.dropFirst()), in: context)
    } catch {
      context.emit(.error(error))
      return Ran(outcome: .failed, command: command, words: words)
    }
    return Ran(outcome: context.quits ? .quit : .succeeded, command: command, words: words)
  }

  /// Runs a line silently, as a lesson's replay does; returns its context.
  @discardableResult
  func runSilently(_ line: String, answers: [String] = []) -> Context {
    let context = Context.silent(self, answers: answers)
    _ = run(line, in: context)
    return context
  }

  /// Whether a line typed at the prompt carries a secret and so must stay out of the history
  /// file and of recordings made without `--keep-secrets`.
  public static func lineCarriesSecret(_ line: String) -> Bool {
    let words = (try? CommandTokenizer.words(in: line)) ?? line.split(separator: " ").map(String.init)
    if words.contains(where: { $0.lowercased().contains("otpauth:") }) { return true }
    guard let first = words.first, let command = CommandRegistry.command(named: first) else { return false }
    return command.carriesSecret(Array(words.dropFirst()))
  }
}

/// Where a session's output goes.
public protocol OutputSink: AnyObject {
  /// Writes text exactly as given.
  func write(_ text: String)
  /// Sends what was written on its way now (a live `watch` shows each row as it comes).
  func flush()
}

/// Output that goes nowhere.
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
