import Foundation
import OTP

extension CommandSpec {
  /// Commands that move through lessons; they never count towards an exercise.
  static let lessonCommands: Set<String> = [
    "lessons", "lesson", "next", "back", "goto", "restart", "hint", "skip", "where", "answer", "help",
  ]
}

extension Session {
  // MARK: Commands

  func lessonsCommand(_ words: [String]) throws(TutorError) {
    try Arguments(words, command: "lessons").expectPositionals(0, usage: "lessons")
    for problem in catalog.problems { warn(problem.description) }
    guard !catalog.lessons.isEmpty else {
      throw TutorError(
        "no lessons were found" + (catalog.folder.map { " in \($0)" } ?? ""),
        remedy: "give a folder with --lessons DIR or OTP_TUTOR_LESSONS")
    }
    say("Lessons:")
    let width = catalog.lessons.map(\.id.count).max() ?? 0
    for lesson in catalog.lessons {
      let mark: String
      if let state = progress.lessons[lesson.id] {
        let position = (lesson.index(of: state.step) ?? 0) + 1
        mark = state.finished ? "✓" : "▸ step \(position) of \(lesson.steps.count)"
      } else {
        mark = ""
      }
      say("  " + lesson.id.rightPadded(to: width + 2) + lesson.title + (mark.isEmpty ? "" : "  " + mark))
    }
    say("Type 'lesson <id>' to start one, like: lesson \(catalog.lessons[0].id)")
  }

  func lessonCommand(_ words: [String]) throws(TutorError) {
    let arguments = try Arguments(words, command: "lesson")
    try arguments.expectPositionals(1, usage: "lesson <id>; 'lessons' lists them")
    let id = arguments.positionals[0]
    guard let lesson = catalog.lesson(id) else {
      var remedy = "type 'lessons' for the list"
      if let suggestion = Suggestion.closest(to: id, among: catalog.lessons.map(\.id)) {
        remedy = "did you mean 'lesson \(suggestion)'? " + remedy
      }
      throw TutorError("there is no lesson '\(id.quotedForMessage)'", remedy: remedy)
    }
    let resumed = progress.lessons[id].flatMap { lesson.index(of: $0.step) }
    if let resumed, resumed > 0 {
      note("resuming \(lesson.id) at step \(resumed + 1) of \(lesson.steps.count); 'restart' starts it over")
    } else if lesson.introduction.isEmpty == false {
      say(style.code(lesson.title))
      for line in lesson.introduction { say(line) }
    }
    try enter(lesson, at: resumed ?? 0)
  }

  func requireRun(_ command: String) throws(TutorError) -> LessonRun {
    guard let run else {
      throw TutorError("'\(command)' works inside a lesson", remedy: "start one with 'lesson <id>'; 'lessons' lists them")
    }
    return run
  }

  func next(_ words: [String]) throws(TutorError) {
    try Arguments(words, command: "next").expectPositionals(0, usage: "next")
    let run = try requireRun("next")
    if run.exercise != nil, !run.exerciseDone {
      throw TutorError(
        "the exercise of this step is not done yet",
        remedy: run.lesson.allowsSkip ? "try it, type 'hint' for help, or 'skip'" : "try it, or type 'hint' for help")
    }
    guard !run.isLastStep else {
      finish(run)
      return
    }
    try enter(run.lesson, at: run.stepIndex + 1)
  }

  func back(_ words: [String]) throws(TutorError) {
    try Arguments(words, command: "back").expectPositionals(0, usage: "back")
    let run = try requireRun("back")
    guard run.stepIndex > 0 else { throw TutorError("this is the first step", remedy: "type 'next' to go on") }
    try enter(run.lesson, at: run.stepIndex - 1)
  }

  func goto(_ words: [String]) throws(TutorError) {
    let arguments = try Arguments(words, command: "goto")
    try arguments.expectPositionals(1, usage: "goto <step id or number>")
    let run = try requireRun("goto")
    let target = arguments.positionals[0]
    let ids = run.lesson.steps.map(\.id)
    if let number = Int(target), (1...ids.count).contains(number) {
      try enter(run.lesson, at: number - 1)
    } else if let index = run.lesson.index(of: target) {
      try enter(run.lesson, at: index)
    } else {
      var remedy = "the steps are: " + ids.joined(separator: ", ")
      if let suggestion = Suggestion.closest(to: target, among: ids) { remedy = "did you mean '\(suggestion)'? " + remedy }
      throw TutorError("this lesson has no step '\(target.quotedForMessage)'", remedy: remedy)
    }
  }

  func restart(_ words: [String]) throws(TutorError) {
    try Arguments(words, command: "restart").expectPositionals(0, usage: "restart")
    let run = try requireRun("restart")
    progress.lessons[run.lesson.id] = nil
    try enter(run.lesson, at: 0)
  }

  func hint(_ words: [String]) throws(TutorError) {
    try Arguments(words, command: "hint").expectPositionals(0, usage: "hint")
    let run = try requireRun("hint")
    guard let exercise = run.exercise, !run.exerciseDone else {
      say("there is nothing to solve in this step; type 'next' to go on")
      return
    }
    guard run.hintsShown < exercise.hints.count else {
      say("no more hints; one way to solve it: " + exercise.solution.joined(separator: " ; "))
      return
    }
    showNextHint(run)
  }

  func showNextHint(_ run: LessonRun) {
    guard let exercise = run.exercise, run.hintsShown < exercise.hints.count else { return }
    run.hintsShown += 1
    let more = run.hintsShown < exercise.hints.count ? " ('hint' again for another)" : ""
    say(style.warning("hint \(run.hintsShown) of \(exercise.hints.count):") + " " + exercise.hints[run.hintsShown - 1] + more)
  }

  func skip(_ words: [String]) throws(TutorError) {
    try Arguments(words, command: "skip").expectPositionals(0, usage: "skip")
    let run = try requireRun("skip")
    guard run.lesson.allowsSkip else {
      throw TutorError("this lesson does not allow skipping", remedy: "type 'hint' for help with the exercise")
    }
    guard run.exercise != nil, !run.exerciseDone else {
      throw TutorError("there is no exercise to skip here", remedy: "type 'next' to go on")
    }
    run.exerciseDone = true
    note("skipped; type 'next' to go on")
  }

  func whereCommand(_ words: [String]) throws(TutorError) {
    try Arguments(words, command: "where").expectPositionals(0, usage: "where")
    guard let run else {
      say("not in a lesson; 'lessons' lists them")
      say("clock: \(clock.time)")
      return
    }
    say("lesson \(run.lesson.id) (\(run.lesson.title)), step \(run.stepIndex + 1) of \(run.lesson.steps.count): \(run.step.id)")
    if run.exercise != nil { say("exercise: " + (run.exerciseDone ? "done" : "not done yet")) }
    say("clock: \(clock.time)" + (drift == .zero ? "" : ", app \(appTime)"))
  }

  func answer(_ words: [String]) throws(TutorError) {
    guard !words.isEmpty else { throw TutorError("answer needs your answer", remedy: "type answer <text>") }
    let run = try requireRun("answer")
    guard let exercise = run.exercise, !run.exerciseDone, case .answer(let pattern) = exercise.expectation else {
      throw TutorError("this step asks for no typed answer", remedy: "do what it asks with commands, then 'next'")
    }
    let text = words.joined(separator: " ").trimmingSpaces()
    if pattern.matches(text, ignoringCase: true) {
      completeExercise(run)
    } else {
      say("not quite.")
      showNextHint(run)
    }
  }

  // MARK: Playing

  /// Starts a lesson at a step: the session is rebuilt by replaying the steps before it
  /// silently, so every step starts from the state the lesson was checked in.
  func enter(_ lesson: Lesson, at index: Int) throws(TutorError) {
    if let lessonWorkspace {
      let folder = (lessonWorkspace as NSString).appendingPathComponent(lesson.id)
      if workingDirectory != folder {
        do {
          try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
          throw TutorError("cannot create the lesson folder \(folder)", remedy: "check the permissions of \(lessonWorkspace)")
        }
        workingDirectory = folder
        note("files this lesson writes (2fa.txt, totp_qr.png) go to \(folder)")
      }
    }
    reset(for: lesson)
    let visible = output
    output = DiscardedOutput()
    for earlier in 0..<index {
      play(lesson, step: earlier)
      solve(lesson.steps[earlier])
    }
    output = visible
    run = LessonRun(lesson: lesson, stepIndex: index)
    show(lesson, step: index)
    saveProgress()
  }

  /// Resets the clock, the parties and the generator to the lesson's start.
  func reset(for lesson: Lesson) {
    run = nil
    clock.freeze()
    clock.advance(to: lesson.start)
    drift = .zero
    server = LoginServer()
    app = AuthenticatorApp()
    currentAccount = nil
    random = .seeded(SplitMix64(seed: lesson.seed), seed: lesson.seed)
    if let secret = lesson.secret {
      let visible = output
      output = DiscardedOutput()
      try? share(secret)
      output = visible
    }
  }

  private func show(_ lesson: Lesson, step index: Int) {
    let step = lesson.steps[index]
    say(style.code("── \(lesson.id) · step \(index + 1) of \(lesson.steps.count): \(step.title) ──"))
    play(lesson, step: index)
    guard let run else { return }
    if let exercise = step.exercise {
      run.exerciseStartTime = clock.time
      run.exerciseDone = progress.lessons[lesson.id]?.completed.contains(step.id) ?? false
      for (number, line) in exercise.ask.enumerated() {
        say((number == 0 ? style.accepted("Your turn:") + " " : "") + line)
      }
      say(run.exerciseDone ? "(done before; type 'next' to go on)" : "(type 'hint' for a hint)")
    } else {
      say(index == lesson.steps.count - 1 ? "Type 'next' to finish the lesson." : "Type 'next' to go on.")
    }
  }

  /// A demo command whose output differs from the lesson's.
  struct Mismatch {
    let entry: Demo.Entry
    let actual: [String]
  }

  /// Plays a step's narration and demos; returns the demo commands whose output differed.
  @discardableResult
  func play(_ lesson: Lesson, step index: Int) -> [Mismatch] {
    var found: [Mismatch] = []
    let checking = run
    run = nil  // a demo's commands never count towards the step's exercise
    defer { run = checking }
    for block in lesson.steps[index].blocks {
      switch block {
      case .narration(let lines):
        for line in lines { say(line) }
      case .demo(let demo):
        for entry in demo.entries {
          say(style.prompt("otp> ") + entry.command)
          var answers = entry.answers[...]
          let captured = capture { execute(entry.command, input: answerFeeder(&answers)) }
          let actual = captured.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).trimmingBlankEnd()
          if !TranscriptMatcher.matches(expected: entry.expected, actual: actual) {
            found.append(Mismatch(entry: entry, actual: actual))
          }
        }
      case .exercise:
        break
      }
    }
    return found
  }

  /// Runs an exercise's solution, as the checker does and as going back or forward replays it.
  func solve(_ step: Step) {
    guard let exercise = step.exercise else { return }
    for (command, answers) in exercise.solutionCommands {
      var queue = answers[...]
      _ = execute(command, input: answerFeeder(&queue))
    }
  }

  /// Runs `body`, returning what it printed (while still printing it).
  func capture(_ body: () -> Void) -> String {
    let recorder = RecordingOutput(forwardingTo: output)
    let previous = output
    output = recorder
    body()
    output = previous
    return recorder.text
  }

  /// Supplies prompt answers the way script mode does: the question, then the answer echoed.
  func answerFeeder(_ answers: inout ArraySlice<String>) -> (String) -> String? {
    let box = AnswerBox(answers)
    answers = []
    return { [weak self] question in
      guard let self else { return nil }
      self.output.write(question)
      guard let answer = box.next() else {
        self.output.write("\n")
        return nil
      }
      self.output.write(answer + "\n")
      return answer
    }
  }

  // MARK: Exercises

  /// After an ordinary command: does it satisfy the current exercise?
  func checkExercise(words: [String]) {
    guard let run, let exercise = run.exercise, !run.exerciseDone else { return }
    let lines = commandOutput.split(separator: "\n").map(String.init)
    let command = words.first?.lowercased() ?? ""
    let isVerdict = command == "verify" || command == "login"
    let accepted = lines.contains { $0.hasPrefix("accepted:") || $0 == "Authentication successful!" }
    var satisfied = false
    switch exercise.expectation {
    case .ran(let expected):
      satisfied = words.count >= expected.count && zip(words, expected).allSatisfy { $0.lowercased() == $1.lowercased() }
    case .output(let pattern):
      satisfied = lines.contains { pattern.matches($0) }
    case .accepted:
      satisfied = isVerdict && accepted
      if isVerdict && !accepted { showNextHint(run) }
    case .rejected:
      satisfied = isVerdict && !accepted
    case .answer:
      satisfied = false
    case .clockPastStep:
      let period: Int64 = if case .totp(let period) = currentURI?.kind { Int64(period) } else { 30 }
      if let start = run.exerciseStartTime {
        satisfied = clock.time.seconds / period > start.seconds / period
      }
    }
    if satisfied { completeExercise(run) }
  }

  func completeExercise(_ run: LessonRun) {
    run.exerciseDone = true
    var state = progress.lessons[run.lesson.id] ?? .init(step: run.step.id, completed: [], finished: false)
    if !state.completed.contains(run.step.id) { state.completed.append(run.step.id) }
    progress.lessons[run.lesson.id] = state
    saveProgress()
    say(style.accepted("✓ Well done.") + (run.isLastStep ? " Type 'next' to finish the lesson." : " Type 'next' to go on."))
  }

  func finish(_ run: LessonRun) {
    var state = progress.lessons[run.lesson.id] ?? .init(step: run.step.id, completed: [], finished: true)
    state.finished = true
    progress.lessons[run.lesson.id] = state
    saveProgress()
    say(style.accepted("You finished \(run.lesson.title)."))
    let ids = catalog.lessons.map(\.id)
    if let position = ids.firstIndex(of: run.lesson.id), position + 1 < ids.count {
      say("Next up: 'lesson \(ids[position + 1])' (\(catalog.lessons[position + 1].title)), or 'lessons' for the list.")
    } else {
      say("Type 'lessons' for the list.")
    }
  }

  func saveProgress() {
    guard let store = progressStore else { return }
    if let run {
      var state = progress.lessons[run.lesson.id] ?? .init(step: run.step.id, completed: [], finished: false)
      state.step = run.step.id
      progress.lessons[run.lesson.id] = state
      progress.current = run.lesson.id
    }
    do {
      try store.save(progress)
    } catch {
      warn("could not save your progress: \(error)")
    }
  }

  /// Loads saved progress, setting a damaged file aside with a warning.
  public func loadProgress() {
    guard let store = progressStore else { return }
    let (loaded, warning) = store.load(now: clock.time.seconds)
    progress = loaded
    if let warning { warn(warning) }
  }

  /// The lesson the learner was in last time, if any.
  public var lessonToResume: String? {
    progress.current.flatMap { id in catalog.lesson(id) != nil && progress.lessons[id]?.finished == false ? id : nil }
  }
}

/// Answers queued for prompts.
final class AnswerBox {
  private var answers: ArraySlice<String>
  init(_ answers: ArraySlice<String>) { self.answers = answers }
  func next() -> String? { answers.popFirst() }
}

/// Output that is kept as well as passed on.
final class RecordingOutput: OutputSink {
  private let next: any OutputSink
  private(set) var text = ""

  init(forwardingTo next: any OutputSink) {
    self.next = next
  }

  func write(_ text: String) {
    self.text += text
    next.write(text)
  }

  func flush() { next.flush() }
}
