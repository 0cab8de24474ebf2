public import OTP

/// A lesson: a Markdown file in `Lessons/` that the shell plays and `otp-tutor check` replays.
///
/// See `Lessons/README.md` for the format. A lesson is data: narration, demo transcripts the
/// runner plays, and exercises with what counts as right, hints, and a solution.
public struct Lesson: Sendable {
  /// The short name used by `lesson <id>` and in progress.
  public let id: String
  /// The title shown in lists.
  public let title: String
  /// Where the lesson came from, for error reports.
  public let file: String
  /// The server clock at the start of the lesson.
  public let start: UnixTime
  /// A seed for the lesson's random secrets, so that its demos print the same bytes each time.
  public let seed: UInt64
  /// The secret the lesson starts with, if any.
  public let secret: Secret?
  /// Whether `skip` may pass over an exercise.
  public let allowsSkip: Bool
  /// Narration before the first step.
  public let introduction: [String]
  /// The steps, in order.
  public let steps: [Step]
  /// What the lesson taught, shown when it is finished (a ```summary block).
  public var summary: [String] = []
  /// The namespace of the pack the lesson came in, if its manifest gives one (see ``key``).
  public internal(set) var namespace: String?
  /// Whether this is a transcript read as a one-step lesson: its commands were typed at the
  /// top level, so they are checked as typed commands are.
  public internal(set) var isTranscript = false

  /// Whether a demo or a solution writes a file (`key save`, `qr --png`/`--svg`, `record`, `lab`).
  public var writesFiles: Bool {
    steps.contains { step in
      let commands =
        step.blocks.flatMap { block -> [String] in
          if case .demo(let demo) = block { demo.entries.map(\.command) } else { [] }
        } + (step.exercise?.solution.map(\.text) ?? [])
      return commands.contains { command in
        let words = command.lowercased().split(separator: " ")
        return words.starts(with: ["key", "save"]) || words.first == "record" || words.first == "lab"
          || (words.first == "qr" && words.contains { $0.hasPrefix("--png") || $0.hasPrefix("--svg") })
      }
    }
  }

  /// The index of the step with an id.
  public func index(of stepID: String) -> Int? {
    steps.firstIndex { $0.id == stepID }
  }
}

/// One step of a lesson: `## Title {#id}`.
public struct Step: Sendable {
  public let id: String
  public let title: String
  /// The line of the step's heading.
  public let line: Int
  /// The step's contents in order: narration, demos and at most one exercise. What comes
  /// after the exercise is shown once the exercise is done.
  public let blocks: [Block]

  /// Which part of a step: what is shown before its exercise, or once the exercise is done.
  public enum Part: Sendable {
    case beforeExercise
    case afterExercise
  }

  /// The blocks of one part (a step without an exercise is all "before").
  public func blocks(_ part: Part) -> ArraySlice<Block> {
    let split = blocks.firstIndex { if case .exercise = $0 { true } else { false } } ?? blocks.endIndex
    return part == .beforeExercise ? blocks[..<split] : blocks[min(split + 1, blocks.endIndex)...]
  }

  /// The step's first demo, if it has one.
  var demo: Demo? {
    for case .demo(let demo) in blocks { return demo }
    return nil
  }

  /// The step's exercise, if it has one.
  public var exercise: Exercise? {
    for case .exercise(let exercise) in blocks { return exercise }
    return nil
  }
}

/// A part of a step.
public enum Block: Sendable {
  /// Text to show, as written.
  case narration([String])
  /// A transcript to play and check.
  case demo(Demo)
  /// Something for the learner to do.
  case exercise(Exercise)
}

/// A transcript: commands, each with the output it must print.
public struct Demo: Sendable {
  public struct Entry: Sendable {
    /// The command, as typed after `otp> `.
    public let command: String
    /// Lines the checker also feeds as answers to prompts (such as `login`'s code).
    public let answers: [String]
    /// The expected output; `...` stands for any lines, `/regex/` for one matching line.
    public let expected: [String]
    /// The line of the command in the file.
    public let line: Int
    /// The file lines (1-based, end exclusive) that hold the expected output, for `check --update`.
    public let outputLines: Range<Int>
  }
  public let entries: [Entry]
  /// The line of the opening fence.
  public let line: Int
}

/// An exercise: what to ask, what counts as right, hints, and a solution that proves it solvable.
public struct Exercise: Sendable {
  /// One of a multiple-choice question's choices.
  public struct Choice: Sendable {
    public let text: String
    /// Whether it is one of the right ones (`choice: [x] …`).
    public let isRight: Bool
  }

  /// A line of the solution: a command, or `> text` answering the command before it.
  public struct SolutionLine: Sendable {
    public let text: String
    public let line: Int
  }

  public let ask: [String]
  /// What counts as right: every condition, met in the order written.
  public let expectations: [Expectation]
  /// A multiple-choice question's choices, numbered from 1 as shown (empty otherwise).
  public let choices: [Choice]
  public let hints: [String]
  /// Replies to wrong answers the lesson foresees (`wrong: 20 => 20 is bytes, not letters`),
  /// shown before the next hint.
  public let feedback: [(Pattern, String)]
  /// Commands (and answers to prompts after `> `) that satisfy the expectation.
  public let solution: [SolutionLine]
  /// The line of the opening fence.
  public let line: Int

  /// Whether the learner answers in words (`answer …`) rather than by running commands.
  var wantsAnswer: Bool {
    expectations.contains { expectation in
      switch expectation {
      case .answer, .choices: true
      default: false
      }
    }
  }

  /// The expectations as `expect:` lines, for reports.
  var expectationText: String {
    expectations.map { "expect: \($0)" }.joined(separator: "; ")
  }
}

/// What counts as right.
public enum Expectation: Sendable, CustomStringConvertible {
  /// The learner ran a command starting with these words (its name or an alias first), and it
  /// succeeded.
  case ran([String])
  /// Some command's output has a line matching the pattern.
  case output(Pattern)
  /// A `verify` or `login` that the server accepted.
  case accepted
  /// A `verify` or `login` that the server rejected: for this reason, or for any when `nil`.
  case rejected(Verdict.Refusal?)
  /// `answer <text>` with this text (case and surrounding space ignored), or matching a pattern.
  case answer(Pattern)
  /// The server's clock is in a later TOTP step than when the exercise began.
  case clockPastStep
  /// A multiple-choice answer naming exactly these choices (numbered from 1).
  case choices(Set<Int>)
  /// A command reported this fact of the simulation (a relay got a session, a leak gave nothing).
  case fact(Fact)

  public var description: String {
    switch self {
    case .ran(let words): "ran " + words.joined(separator: " ")
    case .output(let pattern): "output \(pattern)"
    case .accepted: "accepted"
    case .rejected(let kind): "rejected" + (kind.map { " " + $0.rawValue } ?? "")
    case .answer(let pattern): "answer \(pattern)"
    case .clockPastStep: "clock past-step"
    case .choices(let right): "the choices " + right.sorted().map(String.init).joined(separator: ", ")
    case .fact(let fact): "fact \(fact.rawValue)"
    }
  }
}

/// Exact text or a regular expression written between slashes.
public enum Pattern: Sendable, CustomStringConvertible {
  case exact(String)
  case regex(String)

  /// Reads `/…/` as a regular expression and anything else as exact text.
  init(_ text: String) {
    if text.count >= 2, text.hasPrefix("/"), text.hasSuffix("/") {
      self = .regex(String(text.dropFirst().dropLast()))
    } else {
      self = .exact(text)
    }
  }

  /// The pattern with the session's values filled in for its `{{…}}` variables.
  func expanded(_ expand: (String) throws(TutorError) -> String) throws(TutorError) -> Pattern {
    switch self {
    case .exact(let text): .exact(try expand(text))
    case .regex(let source): .regex(try expand(source))
    }
  }

  /// Whether a line matches: exactly, or anywhere for a regular expression.
  func matches(_ line: String, ignoringCase: Bool = false) -> Bool {
    switch self {
    case .exact(let text):
      return ignoringCase ? line.lowercased() == text.lowercased() : line == text
    case .regex(let source):
      guard let regex = try? Regex(source) else { return false }
      return (try? (ignoringCase ? regex.ignoresCase() : regex).firstMatch(in: line)) != nil
    }
  }

  public var description: String {
    switch self {
    case .exact(let text): text
    case .regex(let source): "/\(source)/"
    }
  }
}

/// A command to play as if typed, for `otp-tutor play`.
public struct PlaybackEntry: Sendable {
  public let command: String
  /// Answers to the command's questions.
  public let answers: [String]
  /// The step it begins, for a heading (`nil` inside a step).
  public let beginsStep: String?
  /// The index of the step it belongs to, in a lesson.
  public let step: Int?

  public init(command: String, answers: [String], beginsStep: String?, step: Int? = nil) {
    self.command = command
    self.answers = answers
    self.beginsStep = beginsStep
    self.step = step
  }
}

extension Lesson {
  /// The lesson as a class demo: each step's demo commands and its exercise's solution, in the
  /// order the checker replays them (`{{…}}` variables are filled in as they are played). The
  /// demos after an exercise are not entries: its solution completes the exercise, which shows
  /// them, as for a learner.
  public var playback: [PlaybackEntry] {
    var entries: [PlaybackEntry] = []
    for (number, step) in steps.enumerated() {
      var heading: String? = "step \(number + 1) of \(steps.count): \(step.title)"
      func add(_ command: String, _ answers: [String]) {
        entries.append(PlaybackEntry(command: command, answers: answers, beginsStep: heading, step: number))
        heading = nil
      }
      for case .demo(let demo) in step.blocks(.beforeExercise) {
        for entry in demo.entries { add(entry.command, entry.answers) }
      }
      if let exercise = step.exercise {
        for (command, answers) in exercise.solutionCommands { add(command, answers) }
      }
    }
    return entries
  }
}

extension Session {
  /// Sets the clock, the parties and the generator to a lesson's start, as its demos expect,
  /// at its first step.
  public func prepare(for lesson: Lesson) {
    reset(for: lesson)
    let first = LessonRun(lesson: lesson, stepIndex: 0)
    // The first step's exercise starts now, as later steps' do when playback reaches them.
    first.exerciseStartTime = world.clock.time
    run = first
  }

  /// Moves a prepared lesson to a step without replaying anything, as playback reaches it, so
  /// the step's exercise judges what is played (`answer 1` answers its question).
  public func playbackReaches(step index: Int) {
    guard let lesson = run?.lesson, lesson.steps.indices.contains(index), run?.stepIndex != index else { return }
    let next = LessonRun(lesson: lesson, stepIndex: index)
    next.exerciseStartTime = world.clock.time
    run = next
  }
}
