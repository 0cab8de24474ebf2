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

/// Runs a learner's program once on the virtual clock and plays the person at its prompts.
///
/// What the program printed comes back as typed items (lines, prompts with their answers, the
/// clock moving), never as rendered text: `lab run` shows them, `lab audit` and `lab kat`
/// judge them.
enum LabRunner {
  /// What the person does at a prompt.
  enum Reply: Sendable, Equatable {
    /// Types a line, after the clock moves to `time` if given (the person waited).
    case answer(String, at: UnixTime?)
    /// Ends the program's input (Ctrl-D).
    case endInput
    /// Stops the program (Ctrl-C, or a prompt the run has no answer for).
    case stop
  }

  /// A prompt: the unfinished line the program waits after, and what it printed before.
  struct Prompt: Sendable {
    /// The prompt's text, such as "Enter Code: " (empty when the program asks without one).
    let question: String
    /// Everything the program printed so far, as text.
    let printed: String
    /// How many prompts came before this one.
    let index: Int
  }

  /// One thing that happened in the run, in order.
  enum Item: Sendable, Equatable {
    /// A line the program printed (without its newline).
    case output(String)
    /// A prompt and the line typed at it (`nil`: the input was ended or the run stopped).
    case prompt(question: String, answer: String?)
    /// The program's clock moved while it waited.
    case clockMoved(to: UnixTime)
    /// After its answers it sat waiting with nothing to ask, so its input was ended (Ctrl-D).
    case inputEnded
  }

  /// A finished run.
  struct Result: Sendable {
    var items: [Item]
    var stop: LabProcess.Stop
    /// Whether the program's output was all UTF-8 text.
    var isText: Bool
    /// How many times it waited for input.
    var prompts: Int
    /// Whether the person stopped it.
    var wasStopped: Bool

    /// The lines the program printed, prompts with their answers included.
    var lines: [String] {
      items.compactMap { item in
        switch item {
        case .output(let line): line
        case .prompt(let question, let answer): question + (answer ?? "")
        case .clockMoved, .inputEnded: nil
        }
      }
    }

    /// The text it printed, prompts and answers left out.
    var printedText: String {
      items.compactMap { item in
        switch item {
        case .output(let line): line
        case .prompt(let question, _): question
        case .clockMoved, .inputEnded: nil
        }
      }.joined(separator: "\n")
    }
  }

  /// How long a program may run unless told otherwise.
  static let defaultTimeLimit = Duration.seconds(10)

  /// Runs `program` with its clock at `time`.
  ///
  /// - Parameters:
  ///   - program: What to run.
  ///   - time: The virtual time the program starts at.
  ///   - directory: Its working directory (`nil`: the shell's).
  ///   - timeLimit: How long it may run, on the real clock, before it is killed.
  ///   - arguments: Extra arguments after the learner's (`lab kat`'s cases).
  ///   - interruption: Whether Ctrl-C was pressed: the program is stopped.
  ///   - observe: Sees each item as it happens (a prompt's after its reply).
  ///   - reply: What the person does at each prompt.
  static func run(
    _ program: LabProgram, at time: UnixTime, library: String, directory: String?,
    environment: [String: String], timeLimit: Duration = defaultTimeLimit, arguments: [String] = [],
    interruption: (@Sendable () -> Bool)? = nil, observe: (Item) -> Void = { _ in }, reply: (Prompt) -> Reply
  ) throws(TutorError) -> Result {
    let clock = try LabClock(library: library, at: time)
    let process = try LabProcess(
      executable: program.executable, arguments: program.words + arguments,
      environment: clock.environment(from: environment, realMonotonic: program.timesOnMonotonicClock),
      directory: directory, timeLimit: timeLimit)
    var items: [Item] = [] {
      didSet { if let last = items.last { observe(last) } }
    }
    var pending: [UInt8] = []
    var everything: [UInt8] = []
    var prompts = 0
    var wasStopped = false
    func text(_ bytes: some Collection<UInt8>) -> String {
      var text = String(decoding: bytes, as: UTF8.self)
      if text.hasSuffix("\r") { text.removeLast() }
      return text
    }
    while true {
      let chunk = process.readUntilStop {
        guard interruption?() == true else { return false }
        wasStopped = true
        return true
      }
      everything += chunk.bytes
      pending += chunk.bytes
      while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
        items.append(.output(text(pending[..<newline])))
        pending.removeSubrange(...newline)
      }
      guard chunk.stop == .waitingForInput else {
        if !pending.isEmpty { items.append(.output(text(pending))) }
        if process.endedInputWhenIdle { items.append(.inputEnded) }
        return Result(
          items: items, stop: chunk.stop, isText: String(validating: everything, as: UTF8.self) != nil, prompts: prompts,
          wasStopped: wasStopped)
      }
      let question = text(pending)
      pending = []
      let prompt = Prompt(question: question, printed: String(decoding: everything, as: UTF8.self), index: prompts)
      prompts += 1
      switch reply(prompt) {
      case .answer(let line, let moved):
        if let moved {
          try clock.set(moved)
          items.append(.clockMoved(to: moved))
        }
        items.append(.prompt(question: question, answer: line))
        process.send(line)
        process.endsInputWhenIdle = true
      case .endInput:
        items.append(.prompt(question: question, answer: nil))
        process.closeInput()
      case .stop:
        items.append(.prompt(question: question, answer: nil))
        wasStopped = true
        process.kill()
      }
    }
  }

  /// The last thing the program printed that looks like a code: a run of 6 to 10 digits.
  static func lastCode(in text: String) -> String? {
    var found: String?
    var run = ""
    for character in text + " " {
      if character.isASCII && character.isNumber {
        run.append(character)
      } else {
        if (6...10).contains(run.count) { found = run }
        run = ""
      }
    }
    return found
  }
}
