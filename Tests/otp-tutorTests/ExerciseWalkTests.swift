import Foundation
import Testing
import _OTPTestSupport

/// Every exercise of every lesson in `Lessons/`, solved by a learner.
///
/// At a colour terminal (tmux) and through a pipe: a harmless command first must not complete
/// an exercise; the exercise's own solution must.
@Suite("Every exercise, walked by a learner", .serialized)
struct ExerciseWalkTests {
  static let lessons = Repository.root.appendingPathComponent("Lessons")

  /// One exercise: its lesson, its step and the solution's commands with their prompt answers.
  struct Exercise: CustomStringConvertible {
    let lesson: String
    let step: String
    let solution: [(command: String, answers: [String])]

    var description: String { "\(lesson) / \(step)" }
  }

  /// What went wrong with one exercise.
  struct Problem: CustomStringConvertible {
    let exercise: Exercise
    let message: String
    let shown: [String]

    /// The problem and the last lines of what was shown, a QR code's drawing left out.
    var description: String {
      let lines = shown.filter { !$0.contains("▀") && !$0.contains("▄") }.suffix(10)
      return "\(exercise): \(message)\n" + lines.map { "    | " + $0 }.joined(separator: "\n")
    }
  }

  /// The exercises of every lesson file, lesson by lesson in file order; a small reader of the
  /// format Lessons/README.md describes, independent of the program's own parser.
  static func lessonExercises() throws -> [(lesson: String, exercises: [Exercise])] {
    let names = try FileManager.default.contentsOfDirectory(atPath: lessons.path)
      .filter { $0.hasSuffix(".md") && $0.lowercased() != "readme.md" }.sorted()
    return try names.map { name in
      try parse(String(contentsOf: lessons.appendingPathComponent(name), encoding: .utf8))
    }
  }

  /// Reads one lesson file: the header's `id:`, `## Title {#id}` steps, and the `solution:`
  /// lines of ```` ```exercise ```` blocks (`solution: > 123456` answers the previous command).
  static func parse(_ text: String) -> (lesson: String, exercises: [Exercise]) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var id = ""
    var step = ""
    var inHeader = false
    var fence: String?
    var solution: [(command: String, answers: [String])] = []
    var exercises: [Exercise] = []
    for (index, line) in lines.enumerated() {
      if index == 0 && line == "---" {
        inHeader = true
        continue
      }
      if inHeader {
        if line == "---" {
          inHeader = false
        } else if line.hasPrefix("id:") {
          id = line.dropFirst(3).trimmingCharacters(in: .whitespaces)
        }
        continue
      }
      if let kind = fence {
        if line.hasPrefix("```") {
          if kind == "exercise" { exercises.append(Exercise(lesson: id, step: step, solution: solution)) }
          fence = nil
        } else if kind == "exercise", line.hasPrefix("solution:") {
          let value = line.dropFirst("solution:".count).trimmingCharacters(in: .whitespaces)
          if value.hasPrefix(">"), !solution.isEmpty {
            solution[solution.count - 1].answers.append(value.dropFirst().trimmingCharacters(in: .whitespaces))
          } else {
            solution.append((value, []))
          }
        }
        continue
      }
      if line.hasPrefix("```") {
        fence = line.dropFirst(3).trimmingCharacters(in: .whitespaces)
        solution = []
      } else if line.hasPrefix("## "), line.hasSuffix("}"), let open = line.range(of: "{#", options: .backwards) {
        step = String(line[open.upperBound..<line.index(before: line.endIndex)])
      }
    }
    return (id, exercises)
  }

  /// The variable for the app's code in a solution line.
  static let appCode = "{{app.code}}"

  /// The code at the start of the first row that starts with one (`app code` prints it first).
  static func firstCode(in rows: [String]) -> String? {
    for row in rows {
      let digits = row.prefix { $0.isNumber }
      if digits.count >= 6, row.dropFirst(digits.count).first == " " { return String(digits) }
    }
    return nil
  }

  /// Every problem, one after another.
  static func report(_ problems: [Problem]) -> String {
    problems.map(\.description).joined(separator: "\n")
  }

  // MARK: At a terminal

  /// The rows of a screen, without the empty ones at the bottom.
  static func filled(_ rows: [String]) -> [String] {
    Array(rows.reversed().drop { $0.isEmpty }.reversed())
  }

  /// Whether the screen ends with `text`, which may have wrapped over several rows.
  static func ends(_ rows: [String], with text: String) -> Bool {
    let squeezed = text.filter { $0 != " " }
    let rows = filled(rows)
    return (1...max(1, min(6, rows.count))).contains { count in
      rows.suffix(count).joined().filter { $0 != " " } == squeezed
    }
  }

  /// Types a command and answers its prompts; returns the screen at the next prompt.
  ///
  /// Each line is seen at the prompt before Enter is pressed, so the wait that follows cannot
  /// mistake the screen from before for the command's end; each answer is typed at the
  /// `Enter Code: ` prompt.
  @discardableResult
  static func command(_ tmux: Tmux, _ line: String, answers: [String] = []) async throws -> [String] {
    try await tmux.type(line)
    try await tmux.waitFor { ends($0, with: "otp> " + line) }
    try await tmux.press("Enter")
    for answer in answers {
      try await tmux.waitForLastRow("Enter Code:")
      try await tmux.type(answer)
      try await tmux.waitFor { ends($0, with: "Enter Code: " + answer) }
      try await tmux.press("Enter")
    }
    return try await tmux.waitForLastRow("otp>")
  }

  /// The rows after the last `otp> <line>` row of a screen (the prompt row at the end left out).
  static func rows(after line: String, in screen: [String]) -> [String]? {
    let rows = filled(screen)
    guard let index = rows.lastIndex(where: { $0.hasPrefix("otp> " + line) }) else { return nil }
    return Array(rows[(index + 1)...].dropLast(rows.last == "otp>" ? 1 : 0))
  }

  /// Types `where` and returns its `exercise:` line, or nil with the rows it printed.
  static func exerciseState(_ tmux: Tmux) async throws -> (state: String?, rows: [String]) {
    let rows = rows(after: "where", in: try await command(tmux, "where")) ?? []
    return (rows.last { $0.hasPrefix("exercise:") }, rows)
  }

  @Test("at a colour terminal, a harmless command leaves every exercise open and its solution completes it")
  func colourTerminal() async throws {
    let lessons = try Self.lessonExercises()
    #expect(lessons.count >= 8)
    #expect(lessons.map(\.exercises.count).reduce(0, +) >= 40)
    let state = try Repository.temporaryDirectory("walk-state")
    let home = try Repository.temporaryDirectory("walk-home")
    // NO_COLOR set but empty means unset to the shell (Launcher: colour unless it is non-empty).
    let environment = [
      "XDG_STATE_HOME": state.path, "HOME": home.path, "TERM": "xterm-256color", "LC_ALL": "C.UTF-8",
      "NO_COLOR": "",
    ]
    let shell = "'\(Binary.url.path)' --lessons '\(Self.lessons.path)'"
    var problems: [Problem] = []
    var walked = 0
    try await Tmux.session(shell, environment: environment) { tmux in
      try await tmux.waitForLastRow("otp>")
      // The shell really is in colour: its prompt is styled.
      try #require(try await tmux.screenWithEscapes().contains("\u{1B}["), "the shell did not use colour")
      for (lesson, exercises) in lessons where !exercises.isEmpty {
        try await Self.command(tmux, "lesson \(lesson)")
        for exercise in exercises {
          walked += 1
          do {
            let shown = try await Self.command(tmux, "goto \(exercise.step)")
            guard shown.contains(where: { $0.contains("Your turn:") || $0.contains("(type 'hint' for a hint)") }) else {
              problems.append(Problem(exercise: exercise, message: "goto did not show the exercise", shown: shown))
              continue
            }
            let harmless = try await Self.command(tmux, "clock")
            let before = try await Self.exerciseState(tmux)
            if before.state != "exercise: not done yet" {
              problems.append(
                Problem(
                  exercise: exercise,
                  message: "after 'clock', where said \(before.state ?? "nothing about the exercise")",
                  shown: (Self.rows(after: "clock", in: harmless) ?? []) + before.rows))
              continue
            }
            var solved: [String] = []
            for (command, answers) in exercise.solution {
              // A learner reads the code off the app, as `{{app.code}}` stands for.
              var code = ""
              if ([command] + answers).contains(where: { $0.contains(Self.appCode) }) {
                let shown = Self.rows(after: "app code", in: try await Self.command(tmux, "app code")) ?? []
                code = Self.firstCode(in: shown) ?? ""
              }
              let command = command.replacing(Self.appCode, with: code)
              let answers = answers.map { $0.replacing(Self.appCode, with: code) }
              let screen = try await Self.command(tmux, command, answers: answers)
              solved += ["otp> " + command] + (Self.rows(after: String(command.prefix(40)), in: screen) ?? screen)
            }
            let after = try await Self.exerciseState(tmux)
            if after.state != "exercise: done" {
              problems.append(
                Problem(
                  exercise: exercise,
                  message: "after its solution, where said \(after.state ?? "nothing about the exercise")",
                  shown: solved))
            }
          } catch {
            // A command that never came back (a prompt left waiting, say): report it, get a prompt back.
            problems.append(Problem(exercise: exercise, message: "\(error)", shown: []))
            try await tmux.press("C-c")
            try await tmux.press("C-u")
            try await tmux.waitForLastRow("otp>")
          }
        }
      }
    }
    #expect(walked == lessons.map(\.exercises.count).reduce(0, +))
    let failed = problems.map(\.exercise.description)
    #expect(
      failed == [], "\(problems.count) of \(walked) exercises failed at a colour terminal:\n\(Self.report(problems))")
  }

  // MARK: Through a pipe

  @Test("through a pipe, a harmless command leaves every exercise open and its solution completes it")
  func pipe() async throws {
    let lessons = try Self.lessonExercises()
    var problems: [Problem] = []
    var walked = 0
    for (lesson, exercises) in lessons where !exercises.isEmpty {
      let state = try Repository.temporaryDirectory("walk-state")
      let home = try Repository.temporaryDirectory("walk-home")
      let folder = try Repository.temporaryDirectory("walk-files")
      func run(_ script: [String]) async throws -> Peer.Output {
        try FileManager.default.removeItem(at: state)
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        return try await Binary.run(
          ["--lessons", Self.lessons.path], input: script.joined(separator: "\n") + "\n",
          environment: ["XDG_STATE_HOME": state.path, "HOME": home.path], in: folder)
      }
      var script = ["lesson \(lesson)"]
      for exercise in exercises {
        script += ["goto \(exercise.step)", "clock", "where"]
        for (command, answers) in exercise.solution {
          // A learner reads the code off the app: the lesson is deterministic (a frozen clock,
          // a seed), so a run of the script so far shows the code this one will see.
          var code = ""
          if ([command] + answers).contains(where: { $0.contains(Self.appCode) }) {
            let probe = try await run(script + ["app code"])
            code = Self.firstCode(in: Array(probe.lines.drop { $0 != "otp> app code" }.dropFirst())) ?? ""
          }
          script += ([command] + answers).map { $0.replacing(Self.appCode, with: code) }
        }
        script.append("where")
      }
      let result = try await run(script)
      #expect(!result.standardOutput.contains("\u{1B}"), "escape codes through a pipe in lesson \(lesson)")
      let lines = result.lines
      var position = 0
      /// The index of the next line equal to `line`, from `position` on.
      func next(_ line: String) -> Int? {
        lines[position...].firstIndex(of: line)
      }
      /// The output of the command echoed at `index`: up to the next echoed command.
      func output(at index: Int) -> [String] {
        Array(lines[(index + 1)...].prefix { !$0.hasPrefix("otp> ") })
      }
      for exercise in exercises {
        walked += 1
        guard let goto = next("otp> goto \(exercise.step)") else {
          problems.append(Problem(exercise: exercise, message: "no 'otp> goto' in the output", shown: []))
          continue
        }
        position = goto + 1
        guard let first = next("otp> where") else {
          problems.append(Problem(exercise: exercise, message: "no first 'otp> where'", shown: []))
          continue
        }
        position = first + 1
        guard let second = next("otp> where") else {
          problems.append(Problem(exercise: exercise, message: "no second 'otp> where'", shown: []))
          continue
        }
        position = second + 1
        let before = output(at: first).last { $0.hasPrefix("exercise:") }
        let after = output(at: second).last { $0.hasPrefix("exercise:") }
        if before != "exercise: not done yet" {
          problems.append(
            Problem(
              exercise: exercise, message: "after 'clock', where said \(before ?? "nothing about the exercise")",
              shown: Array(lines[goto...first])))
        } else if after != "exercise: done" {
          problems.append(
            Problem(
              exercise: exercise, message: "after its solution, where said \(after ?? "nothing about the exercise")",
              shown: Array(lines[(first + 1)...second])))
        }
      }
    }
    #expect(walked == lessons.map(\.exercises.count).reduce(0, +))
    let failed = problems.map(\.exercise.description)
    #expect(failed == [], "\(problems.count) of \(walked) exercises failed through a pipe:\n\(Self.report(problems))")
  }
}
