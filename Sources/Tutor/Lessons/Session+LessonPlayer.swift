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

/// Playing lessons: entering a step (rebuilding the world by replaying the steps before it),
/// showing it, judging exercises, and keeping progress.
extension Session {
  /// The lesson being played, or an error that says how to start one.
  func requireRun(_ command: String) throws(TutorError) -> LessonRun {
    guard let run else {
      throw TutorError("'\(command)' works inside a lesson", remedy: "start one with 'lesson <id>'; 'lessons' lists them")
    }
    return run
  }

  /// Starts a lesson at a step: the world is rebuilt by replaying the steps before it
  /// silently, so every step starts from the state the lesson was checked in.
  func enter(_ lesson: Lesson, at index: Int, in context: Context) throws(TutorError) {
    if let lessonWorkspace {
      let folder = Path.join(lessonWorkspace, lesson.key)
      if workingDirectory != folder {
        do {
          try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
          throw TutorError(
            "cannot create the lesson folder \(folder)", remedy: "check the permissions of \(lessonWorkspace)")
        }
        workingDirectory = folder
        // Where this machine keeps the files, not a fact of the lesson: a transcript leaves it out.
        if lesson.writesFiles {
          context.emit(.tip("the files this lesson writes go to \(folder), not over your own files"))
        }
      }
    }
    let before = run?.lesson.key == lesson.key ? Snapshot(world) : nil
    reset(for: lesson)
    for earlier in 0..<index {
      _ = playDemos(of: lesson.steps[earlier], .beforeExercise, into: nil)
      solve(lesson.steps[earlier])
      _ = playDemos(of: lesson.steps[earlier], .afterExercise, into: nil)
    }
    // What the rebuild changed, before the step's own demos move anything (a demo that advances
    // the clock is the step's, not a difference from what the learner did).
    let changes = before.map { $0.changes(to: Snapshot(world)) } ?? []
    run = LessonRun(lesson: lesson, stepIndex: index)
    show(lesson, step: index, in: context)
    if !changes.isEmpty {
      context.note("the session was rebuilt for this step: " + Format.list(changes))
    }
    saveProgress(in: context)
  }

  /// What a learner would notice of the world when a step rebuilds it.
  struct Snapshot {
    let time: UnixTime
    let drift: Duration
    let account: String?
    let serverCounter: UInt64?
    let appCounter: UInt64?
    let scratchCodes: Int?

    init(_ world: World) {
      time = world.clock.time
      drift = world.drift
      account = world.currentAccount
      let record = world.currentAccount.flatMap { world.server.records[$0] }
      switch record?.verifier {
      case .hotp(let verifier)?:
        serverCounter = verifier.counter
        scratchCodes = verifier.scratchCodes.codes.count
      case .totp(let verifier)?:
        serverCounter = nil
        scratchCodes = verifier.scratchCodes.codes.count
      case nil:
        serverCounter = nil
        scratchCodes = nil
      }
      appCounter = world.currentAccount.flatMap { world.app.account(named: $0) }.flatMap { account in
        if case .hotp = account.effective.kind { account.nextCounter } else { nil }
      }
    }

    /// What differs from `other`, in words (empty when nothing a learner sees changed).
    func changes(to other: Snapshot) -> [String] {
      var changes: [String] = []
      if time != other.time { changes.append("the clock is back at \(other.time)") }
      if drift != other.drift {
        changes.append(other.drift == .zero ? "the app's clock has no drift" : "the app's drift is \(Format.signed(other.drift))")
      }
      if account != other.account { changes.append("the account is \(other.account ?? "none")") }
      if let counter = other.serverCounter, counter != serverCounter { changes.append("the server expects counter \(counter)") }
      if let counter = other.appCounter, counter != appCounter { changes.append("the app's counter is \(counter)") }
      if let count = other.scratchCodes, count != scratchCodes { changes.append("\(count) scratch codes are left") }
      return changes
    }
  }

  /// Resets the clock, the parties and the generator to the lesson's start.
  func reset(for lesson: Lesson) {
    run = nil
    world.clock.freeze()
    world.clock.advance(to: lesson.start)
    world = World(clock: world.clock, seed: lesson.seed, workingDirectory: world.workingDirectory)
    if let secret = lesson.secret {
      try? Context.silent(self).share(secret)
    }
  }

  private func show(_ lesson: Lesson, step index: Int, in context: Context) {
    let step = lesson.steps[index]
    let heading: Line = "\(heading: "── \(lesson.id) · step \(index + 1) of \(lesson.steps.count): \(step.title) ──")"
    context.say(heading)
    let shown = context.events.count
    _ = playDemos(of: step, .beforeExercise, into: context)
    // A long step would scroll its heading off a 40-row screen: say again where this is.
    let printed = Renderer.plain().render(Array(context.events[shown...])).reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
    if printed > Self.stepHeadingRepeatLines { context.say(heading) }
    guard let run else { return }
    if let exercise = step.exercise {
      run.exerciseStartTime = world.clock.time
      run.exerciseDone = progress.lessons[lesson.key]?.completed.contains(step.id) ?? false
      for (number, line) in exercise.ask.enumerated() {
        context.say(number == 0 ? "\(good: "Your turn:") \(line)" : Line(line))
      }
      for (number, choice) in exercise.choices.enumerated() {
        context.say("  \(code: "\(number + 1).") \(choice.text)")
      }
      if exercise.expectations.count > 1 {
        context.say("(\(exercise.expectations.count) things to do, in this order)")
      }
      if run.exerciseDone, step.blocks(.afterExercise).isEmpty {
        context.say("(done before; type 'next' to go on)")
      } else if run.exerciseDone {
        context.say("(done before)")
        // What the step says once its exercise is done.
        _ = playDemos(of: step, .afterExercise, into: context)
        context.say(index == lesson.steps.count - 1 ? "Type 'next' to finish the lesson." : "Type 'next' to go on.")
      } else if !exercise.choices.isEmpty {
        let right = exercise.expectations.lazy.compactMap { if case .choices(let right) = $0 { right } else { nil } }.first
        // An example of the form that is not itself the answer.
        let example = [[1, 3], [2, 4], [1, 2], [2]].first { Set($0) != right && $0.allSatisfy { $0 <= exercise.choices.count } } ?? [1]
        context.say(
          "(answer with the numbers of every right choice, like: answer \(example.map(String.init).joined(separator: " ")); 'hint' for a hint)")
      } else if exercise.wantsAnswer {
        context.say("(type your answer, like: answer 42, or just the answer; 'hint' for a hint)")
      } else {
        context.say("(type 'hint' for a hint)")
      }
    } else {
      context.say(index == lesson.steps.count - 1 ? "Type 'next' to finish the lesson." : "Type 'next' to go on.")
    }
  }

  /// How many lines a step may print before its heading is shown again above the question.
  static let stepHeadingRepeatLines = 28

  /// A demo command whose output differs from the lesson's.
  struct Mismatch {
    let entry: Demo.Entry
    let actual: [String]
    /// The expected lines with their variables filled in, as compared.
    var expected: [String]
    /// Whether the output differs (else only answers went unused).
    var outputDiffers = true
    /// Answers the command never asked for.
    var unusedAnswers = 0
  }

  /// Plays one part of a step's narration and demos into a context (or silently, into none);
  /// returns the demo commands whose plain output differed from the lesson's. Each demo
  /// command runs in a context of its own and never counts towards an exercise.
  func playDemos(of step: Step, _ part: Step.Part, into context: Context?) -> [Mismatch] {
    var found: [Mismatch] = []
    for block in step.blocks(part) {
      switch block {
      case .narration(let lines):
        context?.emit(.prose(lines))
      case .demo(let demo):
        for entry in demo.entries {
          let played = playDemoEntry(entry)
          context?.emit(.demo(command: (try? expandVariables(entry.command)) ?? entry.command, events: played.events))
          let differs = !TranscriptMatcher.matches(expected: played.expected, actual: played.actual)
          if differs || played.unusedAnswers > 0 {
            found.append(
              Mismatch(
                entry: entry, actual: played.actual, expected: played.expected, outputDiffers: differs,
                unusedAnswers: played.unusedAnswers))
          }
        }
      case .exercise:
        break
      }
    }
    return found
  }

  /// Runs one demo command with its `{{…}}` variables filled in: what it reported, its plain
  /// lines, and the expected lines with the values after it ran. A variable with no value
  /// shows as an error line, so the checker reports it at the command's line.
  func playDemoEntry(_ entry: Demo.Entry, perform: Bool = false) -> PlayedEntry {
    let command: String
    let answers: [String]
    do {
      command = try expandVariables(entry.command)
      answers = try entry.answers.map { answer throws(TutorError) in try expandVariables(answer) }
    } catch {
      return PlayedEntry(events: [.error(error)], actual: ["error: " + error.description], expected: entry.expected, unusedAnswers: 0)
    }
    let inner = Context.silent(self, answers: answers)
    // A transcript's commands were typed at the top level: they may complete exercises.
    if perform { _ = self.perform(command, in: inner) } else { _ = run(command, in: inner) }
    let expected = entry.expected.map { line in
      line.hasPrefix("\\") ? line : ((try? expandVariables(line)) ?? line)
    }
    return PlayedEntry(
      events: inner.events, actual: inner.plainLines, expected: expected,
      unusedAnswers: answers.count - inner.answered.count)
  }

  /// What one demo command did.
  struct PlayedEntry {
    let events: [Event]
    let actual: [String]
    /// The expected lines with their variables filled in after the command ran.
    let expected: [String]
    /// Answers (`> …` lines) the command never asked for.
    let unusedAnswers: Int
  }

  /// A lesson line with the session's values filled in for its `{{…}}` variables.
  public func expandVariables(_ line: String) throws(TutorError) -> String {
    try LessonVariables.expand(line, in: world)
  }

  /// Runs an exercise's solution silently, as going back or forward replays it; a command
  /// that only reports (``ShellCommand/onlyReports(_:)``) is left out, as it changes nothing.
  func solve(_ step: Step) {
    guard let exercise = step.exercise else { return }
    for (command, answers) in exercise.solutionCommands {
      guard let command = try? expandVariables(command) else { continue }
      if let words = try? CommandTokenizer.words(in: command), let name = words.first,
        CommandRegistry.command(named: name)?.onlyReports(Array(words.dropFirst())) == true
      {
        continue
      }
      runSilently(command, answers: answers.map { (try? expandVariables($0)) ?? $0 })
    }
  }

  // MARK: Exercises

  /// After an ordinary command at the top level: does it satisfy the current exercise?
  func checkExercise(ran: Ran, in context: Context) {
    guard let run, let expectation = run.expectation, let command = ran.command else { return }
    switch ExerciseJudge.judge(
      expectation, command: command, words: Array(ran.words.dropFirst()), context: context,
      exerciseStart: run.exerciseStartTime)
    {
    case .satisfied: conditionMet(run, in: context)
    case .missed: showNextHint(run, in: context)
    case .unrelated: break
    }
  }

  /// One condition of the exercise is met: the exercise is done when it was the last.
  func conditionMet(_ run: LessonRun, in context: Context) {
    run.conditionsMet += 1
    guard let exercise = run.exercise, run.conditionsMet >= exercise.expectations.count else {
      let total = run.exercise?.expectations.count ?? 1
      context.say("\(good: "✓") That is \(run.conditionsMet) of \(total); now the next.")
      return
    }
    completeExercise(run, in: context)
  }

  /// Marks the exercise done (solved, or skipped) and saves; a solved one says so.
  func completeExercise(_ run: LessonRun, in context: Context, skipped: Bool = false) {
    run.exerciseDone = true
    var state = progress.lessons[run.lesson.key] ?? .init(step: run.step.id, completed: [], finished: false)
    if !state.completed.contains(run.step.id) { state.completed.append(run.step.id) }
    if skipped, !state.skipped.contains(run.step.id) { state.skipped.append(run.step.id) }
    if !skipped { state.skipped.removeAll { $0 == run.step.id } }
    progress.lessons[run.lesson.key] = state
    changedLessons.insert(run.lesson.key)
    saveProgress(in: context)
    let next = run.isLastStep ? "Type 'next' to finish the lesson." : "Type 'next' to go on."
    let after = run.step.blocks(.afterExercise)
    if after.isEmpty {
      if !skipped { context.say("\(good: "✓ Well done.") \(next)") }
      return
    }
    if !skipped { context.say("\(good: "✓ Well done.")") }
    // What the step says once its exercise is done, in the order the lesson wrote it.
    run.afterExerciseMismatches = playDemos(of: run.step, .afterExercise, into: context)
    if !skipped { context.say(Line(next)) }
  }

  func showNextHint(_ run: LessonRun, in context: Context) {
    guard let exercise = run.exercise, run.hintsShown < exercise.hints.count else { return }
    run.hintsShown += 1
    progress.lessons[run.lesson.key, default: .init(step: run.step.id, completed: [], finished: false)].hints += 1
    changedLessons.insert(run.lesson.key)
    let more = run.hintsShown < exercise.hints.count ? " ('hint' again for another)" : ""
    context.emit(.hint(number: run.hintsShown, of: exercise.hints.count, text: exercise.hints[run.hintsShown - 1] + more))
  }

  func finish(_ run: LessonRun, in context: Context) {
    var state = progress.lessons[run.lesson.key] ?? .init(step: run.step.id, completed: [], finished: true)
    state.finished = true
    progress.lessons[run.lesson.key] = state
    changedLessons.insert(run.lesson.key)
    saveProgress(in: context)
    context.say("\(good: "You finished \(run.lesson.title).")")
    if !run.lesson.summary.isEmpty {
      context.say("What you did and learned:")
      context.emit(.prose(run.lesson.summary))
    }
    // The lesson's seeded generator made its demos repeatable; the learner's own secrets must not be.
    world.random = configuration.seed.map { .seeded(SplitMix64(seed: $0), seed: $0) } ?? .system
    if configuration.seed == nil {
      context.note("new secrets and scratch codes come from the system's secure generator again")
    }
    let lessons = catalog.lessons
    if let position = lessons.firstIndex(where: { $0.key == run.lesson.key }), position + 1 < lessons.count {
      let next = lessons[position + 1]
      context.say("Next up: 'lesson \(catalog.shortName(of: next))' (\(next.title)), or 'lessons' for the list.")
    } else {
      context.say("Type 'lessons' for the list.")
    }
  }

  /// Adds the real time since the last command in a lesson to the lesson's time spent; a
  /// pause longer than five minutes counts as five (the learner was away).
  func countLessonTime() {
    let now = configuration.realTime()
    defer { lastLessonActivity = run == nil ? nil : now }
    guard let run, let last = lastLessonActivity else { return }
    let seconds = min(max(now.seconds - last.seconds, 0), 300)
    guard seconds > 0 else { return }
    progress.lessons[run.lesson.key, default: .init(step: run.step.id, completed: [], finished: false)].seconds += Int(seconds)
    changedLessons.insert(run.lesson.key)
  }

  /// Saves what changed since the last save (time spent, hints), as the shell ends.
  public func saveProgressAtEnd() {
    countLessonTime()
    guard progressStore != nil, !changedLessons.isEmpty else { return }
    let context = Context(session: self, forward: { [output, renderer] in output.write(renderer.render($0)) }, flush: {})
    saveProgress(in: context)
  }

  func saveProgress(in context: Context) {
    guard let store = progressStore else { return }
    if let run {
      var state = progress.lessons[run.lesson.key] ?? .init(step: run.step.id, completed: [], finished: false)
      state.step = run.step.id
      progress.lessons[run.lesson.key] = state
      progress.current = run.lesson.key
      changedLessons.insert(run.lesson.key)
    }
    do {
      progress = try store.merge(progress, changed: changedLessons)
      changedLessons = []
    } catch {
      context.warn("could not save your progress: \(error)")
    }
  }

  /// Loads saved progress, setting a damaged file aside with a warning.
  public func loadProgress() {
    guard let store = progressStore else { return }
    let (loaded, warning) = store.load(now: clock.time.seconds)
    progress = loaded
    if let warning { output.write(renderer.render(.warning(warning))) }
  }

  /// The lesson the learner was in last time, if any.
  public var lessonToResume: String? {
    progress.current.flatMap { id in catalog.lesson(id) != nil && progress.lessons[id]?.finished == false ? id : nil }
  }
}
