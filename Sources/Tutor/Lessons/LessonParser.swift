import OTP

/// Reads the lesson format (see `Lessons/README.md`): a header between `---` lines, then
/// narration, `## Title {#id}` steps, ` ```demo ` transcripts and ` ```exercise ` blocks.
///
/// Lines are read verbatim: a code such as `012345` keeps its leading zero.
public enum LessonParser {
  /// The format version this parser reads.
  public static let formatVersion = 1

  static let headerKeys = ["id", "title", "format", "clock", "seed", "secret", "skip"]
  static let exerciseKeys = ["ask", "expect", "choice", "hint", "wrong", "solution"]

  /// Parses a lesson's text.
  ///
  /// - Parameters:
  ///   - text: The file's contents.
  ///   - file: The name to use in error reports.
  /// - Throws: ``LessonError`` naming the file, the line and what to write instead.
  public static func parse(_ text: String, file: String) throws(LessonError) -> Lesson {
    let lines = text.fileLines
    func fail(_ line: Int, _ problem: String, _ remedy: String) -> LessonError {
      LessonError(file: file, line: line, problem: problem, remedy: remedy)
    }

    // Header.
    guard lines.first == "---" else {
      throw fail(
        1, "a lesson starts with a header between '---' lines",
        "begin the file with ---, then id:, title: and format: 1")
    }
    var header: [String: (value: String, line: Int)] = [:]
    var index = 1
    while index < lines.count, lines[index] != "---" {
      let line = lines[index]
      index += 1
      if line.trimmingSpaces().isEmpty { continue }
      guard let colon = line.firstIndex(of: ":") else {
        throw fail(
          index, "'\(line.quotedForMessage)' is not a header line",
          "write key: value, with a key from \(headerKeys.joined(separator: ", "))")
      }
      let key = line[..<colon].trimmingSpaces().lowercased()
      let value = line[line.index(after: colon)...].trimmingSpaces()
      guard headerKeys.contains(key) else {
        var remedy = "use one of " + headerKeys.joined(separator: ", ")
        if let suggestion = Suggestion.closest(to: key, among: headerKeys) {
          remedy = "did you mean '\(suggestion)'? " + remedy
        }
        throw fail(index, "unknown header key '\(key.quotedForMessage)'", remedy)
      }
      guard header[key] == nil else { throw fail(index, "'\(key)' is given twice", "keep one") }
      header[key] = (value, index)
    }
    guard index < lines.count else {
      throw fail(1, "the header is not closed", "end it with a line holding only ---")
    }
    index += 1
    guard let id = header["id"] else { throw fail(1, "the header has no id", "add a line like id: totp") }
    guard !id.value.isEmpty, id.value.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" })
    else {
      throw fail(
        id.line, "the id '\(id.value.quotedForMessage)' is not a short name",
        "use lower-case letters, digits and hyphens, like totp-basics")
    }
    guard let title = header["title"], !title.value.isEmpty else {
      throw fail(1, "the header has no title", "add a line like title: Time-based codes")
    }
    guard let format = header["format"] else {
      throw fail(1, "the header has no format version", "add the line format: \(formatVersion)")
    }
    guard Int(format.value) == formatVersion else {
      throw fail(
        format.line, "format \(format.value.quotedForMessage) is not one this otp-tutor reads",
        "write format: \(formatVersion)")
    }
    var start = UnixTime.scriptDefault
    if let clock = header["clock"] {
      do { start = try UnixTime.parse(typed: clock.value) } catch {
        throw fail(
          clock.line, "the clock is not a time: \(error.problem)", error.remedy ?? "write clock: 2026-01-01T00:00:00Z")
      }
    }
    var seed: UInt64 = 1
    if let text = header["seed"] {
      guard let value = UInt64(text.value) else {
        throw fail(text.line, "the seed '\(text.value.quotedForMessage)' is not a whole number", "write seed: 1")
      }
      seed = value
    }
    var secret: Secret?
    if let text = header["secret"], text.value.lowercased() != "none" {
      do {
        if text.value.hasPrefix("text:") {
          secret = try Secret(text: String(text.value.dropFirst(5)))
        } else {
          secret = try Secret(base32: text.value)
        }
      } catch {
        throw fail(
          text.line, "the secret is not valid: \(error)",
          "write secret: none, secret: <base32>, or secret: text:<ascii>")
      }
    }
    var allowsSkip = true
    if let text = header["skip"] {
      switch text.value.lowercased() {
      case "yes", "allowed", "true": allowsSkip = true
      case "no", "not allowed", "false": allowsSkip = false
      default:
        throw fail(text.line, "skip: '\(text.value.quotedForMessage)' is not yes or no", "write skip: yes or skip: no")
      }
    }

    // Body.
    var introduction: [String] = []
    var steps: [Step] = []
    // The ids so far, so that a repeated one is found in constant time, not by a scan of the
    // steps before it (which made a long lesson quadratic).
    var stepIDs: Set<String> = []
    var current: (id: String, title: String, line: Int, blocks: [Block])?
    var narration: [String] = []
    var summary: [String] = []
    func flushNarration() {
      let trimmed = narration.trimmingBlankEdges()
      if !trimmed.isEmpty {
        if current != nil { current?.blocks.append(.narration(trimmed)) } else { introduction += trimmed }
      }
      narration = []
    }
    func finishStep() throws(LessonError) {
      flushNarration()
      guard let step = current else { return }
      let exercises = step.blocks.filter { if case .exercise = $0 { true } else { false } }.count
      guard exercises <= 1 else {
        throw fail(step.line, "step '\(step.id)' has \(exercises) exercises", "give each exercise a step of its own")
      }
      steps.append(Step(id: step.id, title: step.title, line: step.line, blocks: step.blocks))
      current = nil
    }

    // A code fence in narration (```sh, or a longer fence around lesson blocks shown as
    // examples): its lines are narration until it closes, never lesson blocks.
    var narrationFence: MarkdownFence?
    while index < lines.count {
      let line = lines[index]
      let lineNumber = index + 1
      index += 1
      let fence = MarkdownFence(line)
      if let open = narrationFence {
        narration.append(line)
        if let fence, fence.closes(open) { narrationFence = nil }
        continue
      }
      if line.hasPrefix("## ") {
        try finishStep()
        let heading = line.dropFirst(3)
        guard let open = heading.lastIndex(of: "{"), heading.hasSuffix("}"),
          heading[heading.index(after: open)...].hasPrefix("#")
        else {
          throw fail(lineNumber, "the step heading has no id", "write it as ## \(heading.trimmingSpaces()) {#step-id}")
        }
        let stepID = String(heading[heading.index(open, offsetBy: 2)..<heading.index(before: heading.endIndex)])
        guard !stepID.isEmpty, stepID.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" })
        else {
          throw fail(
            lineNumber, "the step id '\(stepID.quotedForMessage)' is not a short name",
            "use lower-case letters, digits and hyphens")
        }
        guard stepIDs.insert(stepID).inserted else {
          throw fail(lineNumber, "two steps are called '\(stepID)'", "give each step its own id")
        }
        current = (stepID, heading[..<open].trimmingSpaces(), lineNumber, [])
        continue
      }
      if let level = Self.lookalikeStepHeading(line) {
        throw fail(
          lineNumber, "a heading with \(level) '#' and a {#id} looks like a step but is not one",
          "write a step as ## Title {#id}, with two '#', or drop the {#id}")
      }
      guard let fence else {
        narration.append(line)
        continue
      }
      if let name = fence.lookalikeBlock {
        throw fail(
          lineNumber, "'\(line.trimmingSpaces().quotedForMessage)' looks like a \(name) block but is not one",
          "write ```\(name): three backticks and \(name) in lower case")
      }
      guard let block = fence.lessonBlock else {
        narrationFence = fence
        narration.append(line)
        continue
      }
      guard current != nil || block == "summary" else {
        throw fail(lineNumber, "a \(block) block comes before the first step", "put it under a ## Step {#id} heading")
      }
      flushNarration()
      var body: [(String, Int)] = []
      var closed = false
      while index < lines.count {
        let inner = lines[index]
        if inner.trimmingSpaces() == "```" {
          index += 1
          closed = true
          break
        }
        // A fence that opens something, or a step heading, means this block's closing fence is
        // missing: reading on would swallow the next block (and `--update` would rewrite it).
        if (MarkdownFence(inner).map { !$0.info.isEmpty } ?? false) || Self.isStepHeading(inner) {
          throw fail(
            lineNumber, "this \(block) block is never closed",
            "end it with a line holding only ``` before line \(index + 1)")
        }
        index += 1
        body.append((inner, index))
      }
      guard closed else { throw fail(lineNumber, "this \(block) block is never closed", "end it with a line holding only ```") }
      switch block {
      case "summary":
        guard summary.isEmpty else { throw fail(lineNumber, "the lesson has two summaries", "keep one summary block") }
        summary = body.map(\.0).trimmingBlankEdges()
        guard !summary.isEmpty else { throw fail(lineNumber, "the summary is empty", "write what the lesson taught, a line each") }
      case "demo":
        current?.blocks.append(.demo(try demo(body, line: lineNumber, fail: fail)))
      default:
        current?.blocks.append(.exercise(try exercise(body, line: lineNumber, fail: fail)))
      }
    }
    if let narrationFence {
      throw fail(
        lines.count, "a code block opened with \(String(repeating: narrationFence.marker, count: narrationFence.length)) is never closed",
        "end it with a line of \(String(repeating: narrationFence.marker, count: narrationFence.length))")
    }
    try finishStep()
    guard !steps.isEmpty else {
      throw fail(lines.count, "the lesson has no steps", "add at least one ## Step title {#step-id}")
    }
    return Lesson(
      id: id.value, title: title.value, file: file, start: start, seed: seed, secret: secret, allowsSkip: allowsSkip,
      introduction: introduction, steps: steps, summary: summary)
  }

  /// Whether a line is a step heading: `## Title {#id}`.
  static func isStepHeading(_ line: String) -> Bool {
    line.hasPrefix("## ") && line.hasSuffix("}") && line.contains("{#")
  }

  /// The number of `#` of a heading other than `## ` that ends in `{#id}`, like a step's.
  static func lookalikeStepHeading(_ line: String) -> Int? {
    let level = line.prefix { $0 == "#" }.count
    guard level >= 1, level != 2, line.dropFirst(level).hasPrefix(" "), line.hasSuffix("}"), line.contains("{#") else {
      return nil
    }
    return level
  }

  /// A `{{…}}` problem in a line, as a lesson error.
  static func checkVariables(_ text: String, line: Int, fail: (Int, String, String) -> LessonError) throws(LessonError) {
    if let (problem, remedy) = LessonVariables.problem(in: text) { throw fail(line, problem, remedy) }
  }

  static func demo(
    _ body: [(String, Int)], line: Int, fail: (Int, String, String) -> LessonError
  ) throws(LessonError) -> Demo {
    var entries: [Demo.Entry] = []
    var command: (text: String, line: Int, answers: [String], expected: [String])?
    let end = (body.last?.1 ?? line) + 1
    func close(before next: Int) {
      guard let command else { return }
      let first = command.line + 1 + command.answers.count
      entries.append(
        .init(
          command: command.text, answers: command.answers, expected: command.expected.trimmingBlankEnd(),
          line: command.line, outputLines: first..<max(first, next)))
    }
    for (text, number) in body {
      if text.hasPrefix("otp> ") {
        close(before: number)
        try checkVariables(text, line: number, fail: fail)
        command = (String(text.dropFirst(5)), number, [], [])
      } else if text.hasPrefix("> "), command?.expected.isEmpty == true {
        try checkVariables(text, line: number, fail: fail)
        // Not `if let open = command`: a copy alive while appending makes each append copy
        // the answers so far, quadratic in a long run of answers.
        command?.answers.append(String(text.dropFirst(2)))
      } else {
        guard command != nil else {
          if text.trimmingSpaces().isEmpty { continue }
          throw fail(number, "a demo starts with a command", "begin the line with 'otp> ', as in otp> totp")
        }
        if !text.hasPrefix("\\") {
          try checkVariables(text, line: number, fail: fail)
          if case .regex(let source) = Pattern(text), (try? Regex(source)) == nil {
            throw fail(
              number, "'\(text.quotedForMessage)' is not a regular expression",
              "fix it, or write \\\(text.quotedForMessage) for output that is exactly this line")
          }
        }
        command?.expected.append(text)
      }
    }
    close(before: end)
    guard !entries.isEmpty else {
      throw fail(line, "the demo has no commands", "add lines like otp> totp, each followed by its output")
    }
    return Demo(entries: entries, line: line)
  }

  private static func exercise(
    _ body: [(String, Int)], line: Int, fail: (Int, String, String) -> LessonError
  ) throws(LessonError) -> Exercise {
    var ask: [String] = []
    var expectations: [Expectation] = []
    var choices: [Exercise.Choice] = []
    var hints: [String] = []
    var feedback: [(Pattern, String)] = []
    var solution: [Exercise.SolutionLine] = []
    // The key of the line before, so that a line of plain text continues an ask: or hint:.
    var previous: String?
    for (text, number) in body {
      if text.trimmingSpaces().isEmpty {
        previous = nil
        continue
      }
      let colon = text.firstIndex(of: ":")
      let key = colon.map { text[..<$0].trimmingSpaces().lowercased() }
      // A line that is not `key: value` (no colon, or words before it, as in "Note that: …")
      // goes on with the question or hint above it, as README shows.
      if key.map({ !exerciseKeys.contains($0) && $0.contains(" ") }) ?? true {
        guard let previous, previous == "ask" || previous == "hint" else {
          throw fail(
            number, "'\(text.quotedForMessage)' is not an exercise line",
            "write key: value, with a key from \(exerciseKeys.joined(separator: ", ")); a line of text goes on from an ask: or hint: line just above it")
        }
        if previous == "ask" { ask[ask.count - 1] += " " + text.trimmingSpaces() } else { hints[hints.count - 1] += " " + text.trimmingSpaces() }
        continue
      }
      guard let colon, let key else { continue }
      let value = text[text.index(after: colon)...].trimmingSpaces()
      previous = key
      switch key {
      case "ask": ask.append(value)
      case "hint": hints.append(value)
      case "wrong":
        guard let arrow = value.firstRange(of: " => ") else {
          throw fail(number, "a wrong: line pairs an answer with a reply", "write wrong: 20 => 20 is bytes, not letters")
        }
        let pattern = Pattern(value[..<arrow.lowerBound].trimmingSpaces())
        if case .regex(let source) = pattern, (try? Regex(source)) == nil {
          throw fail(number, "'\(source.quotedForMessage)' is not a regular expression", "fix it, or write the answer as plain text")
        }
        feedback.append((pattern, value[arrow.upperBound...].trimmingSpaces()))
      case "choice":
        let mark = value.prefix(3).lowercased()
        guard mark == "[x]" || mark == "[ ]", !value.dropFirst(3).trimmingSpaces().isEmpty else {
          throw fail(
            number, "a choice starts with [x] for a right one or [ ] for a wrong one",
            "write choice: [x] a stolen password, or choice: [ ] a phishing site")
        }
        choices.append(.init(text: value.dropFirst(3).trimmingSpaces(), isRight: mark == "[x]"))
      case "solution":
        if value.hasPrefix("> "), solution.isEmpty {
          throw fail(
            number, "'solution: \(value.quotedForMessage)' answers a prompt, but no command comes before it",
            "put the command that asks first, as solution: login, then solution: \(value.quotedForMessage)")
        }
        try checkVariables(value, line: number, fail: fail)
        solution.append(.init(text: value, line: number))
      case "expect":
        try checkVariables(value, line: number, fail: fail)
        expectations.append(try parseExpectation(value, line: number, fail: fail))
      default:
        var remedy = "use one of " + exerciseKeys.joined(separator: ", ")
        if let suggestion = Suggestion.closest(to: key, among: exerciseKeys) {
          remedy = "did you mean '\(suggestion)'? " + remedy
        }
        throw fail(number, "unknown exercise key '\(key.quotedForMessage)'", remedy)
      }
    }
    guard !ask.isEmpty else { throw fail(line, "the exercise asks nothing", "add ask: and the question") }
    if !choices.isEmpty {
      guard expectations.isEmpty else {
        throw fail(line, "a multiple-choice exercise has expect: lines", "drop them: the choices marked [x] are what counts as right")
      }
      guard choices.count >= 2, choices.contains(where: \.isRight) else {
        throw fail(line, "a multiple-choice exercise needs two choices or more, one of them marked [x]", "add choice: [x] … and choice: [ ] … lines")
      }
      expectations = [.choices(Set(choices.indices.filter { choices[$0].isRight }.map { $0 + 1 }))]
    }
    guard !expectations.isEmpty else {
      throw fail(
        line, "the exercise does not say what counts as right",
        "add expect: ran <command>, output /regex/, accepted, rejected [reason], answer <text>, fact <name> or clock past-step, or choice: lines")
    }
    guard !solution.isEmpty else {
      throw fail(line, "the exercise has no solution", "add solution: lines with the commands that solve it")
    }
    let answers = expectations.contains { if case .answer = $0 { true } else if case .choices = $0 { true } else { false } }
    if !feedback.isEmpty, !answers {
      throw fail(line, "wrong: replies are for answers", "use them with expect: answer … or choice: lines, or drop them")
    }
    return Exercise(
      ask: ask, expectations: expectations, choices: choices, hints: hints, feedback: feedback, solution: solution,
      line: line)
  }

  private static func parseExpectation(
    _ text: String, line: Int, fail: (Int, String, String) -> LessonError
  ) throws(LessonError) -> Expectation {
    let words = text.split(separator: " ", maxSplits: 1).map(String.init)
    let rest = words.count > 1 ? words[1].trimmingSpaces() : ""
    switch words.first?.lowercased() {
    case "ran" where !rest.isEmpty:
      let words = rest.split(separator: " ").map(String.init)
      guard CommandRegistry.command(named: words[0]) != nil else {
        var remedy = "name a command of the shell, like ran totp"
        if let suggestion = Suggestion.closest(to: words[0], among: CommandSpec.allSpellings) {
          remedy = "did you mean 'ran \(suggestion)'? " + remedy
        }
        throw fail(line, "'\(words[0].quotedForMessage)' is not a command", remedy)
      }
      return .ran(words)
    case "output" where !rest.isEmpty, "answer" where !rest.isEmpty:
      let pattern = Pattern(rest)
      if case .regex(let source) = pattern, (try? Regex(source)) == nil {
        throw fail(line, "'\(source.quotedForMessage)' is not a regular expression", "fix it, or write the text without slashes")
      }
      return words[0].lowercased() == "output" ? .output(pattern) : .answer(pattern)
    case "accepted" where rest.isEmpty: return .accepted
    case "rejected" where rest.isEmpty: return .rejected(nil)
    case "rejected":
      guard let kind = Verdict.Refusal(rawValue: rest.lowercased()) else {
        var remedy =
          "write rejected alone, or one of: " + Verdict.Refusal.allCases.map(\.rawValue).joined(separator: ", ")
        if let suggestion = Suggestion.closest(to: rest, among: Verdict.Refusal.allCases.map(\.rawValue)) {
          remedy = "did you mean 'rejected \(suggestion)'? " + remedy
        }
        throw fail(line, "'\(rest.quotedForMessage)' is not a reason the server rejects a code for", remedy)
      }
      return .rejected(kind)
    case "clock" where rest.lowercased() == "past-step": return .clockPastStep
    case "fact":
      guard let fact = Fact(rawValue: rest.lowercased()) else {
        var remedy = "write one of: " + Fact.allCases.map(\.rawValue).joined(separator: ", ")
        if let suggestion = Suggestion.closest(to: rest, among: Fact.allCases.map(\.rawValue)) {
          remedy = "did you mean 'fact \(suggestion)'? " + remedy
        }
        throw fail(line, "'\(rest.quotedForMessage)' is not a fact a command reports", remedy)
      }
      return .fact(fact)
    default:
      throw fail(
        line, "'\(text.quotedForMessage)' is not an expectation",
        "write ran <command>, output /regex/, accepted, rejected [reason], answer <text>, fact <name> or clock past-step")
    }
  }
}

extension String {
  /// The text's lines, for a file that may end its lines with LF or CRLF. "\r\n" is one
  /// Character in Swift, so splitting at "\n" alone would read a CRLF file as one line.
  var fileLines: [String] {
    split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.map { line in
      line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
    }
  }
}

extension StringProtocol {
  package func trimmingSpaces() -> String {
    let start = firstIndex { !$0.isWhitespace } ?? endIndex
    let end = lastIndex { !$0.isWhitespace }.map(index(after:)) ?? start
    return String(self[start..<Swift.max(start, end)])
  }
}

extension Array where Element == String {
  func trimmingBlankEdges() -> [String] {
    Array(drop { $0.trimmingSpaces().isEmpty }).trimmingBlankEnd()
  }

  func trimmingBlankEnd() -> [String] {
    var lines = self
    while let last = lines.last, last.trimmingSpaces().isEmpty { lines.removeLast() }
    return lines
  }
}
