import Foundation
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
      let folder = (lessonWorkspace as NSString).appendingPathComponent(lesson.id)
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
          context.emit(.tip("the files this lesson writes go to \(folder), not over your own"))
        }
      }
    }
    let before = run?.lesson.id == lesson.id ? Snapshot(world) : nil
    reset(for: lesson)
    for earlier in 0..<index {
      _ = playDemos(of: lesson.steps[earlier], into: nil)
      solve(lesson.steps[earlier])
    }
    run = LessonRun(lesson: lesson, stepIndex: index)
    show(lesson, step: index, in: context)
    if let before {
      let changes = before.changes(to: Snapshot(world))
      if !changes.isEmpty {
        context.note("the session was rebuilt for this step: " + Format.list(changes))
      }
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
    _ = playDemos(of: step, into: context)
    // A long step would scroll its heading off a 40-row screen: say again where this is.
    let printed = Renderer.plain().render(Array(context.events[shown...])).reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
    if printed > Self.stepHeadingRepeatLines { context.say(heading) }
    guard let run else { return }
    if let exercise = step.exercise {
      run.exerciseStartTime = world.clock.time
      run.exerciseDone = progress.lessons[lesson.id]?.completed.contains(step.id) ?? false
      for (number, line) in exercise.ask.enumerated() {
        context.say(number == 0 ? "\(good: "Your turn:") \(line)" : Line(line))
      }
      if run.exerciseDone {
        context.say("(done before; type 'next' to go on)")
      } else if case .answer = exercise.expectation {
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
  }

  /// Plays a step's narration and demos into a context (or silently, into none); returns the
  /// demo commands whose plain output differed from the lesson's. Each demo command runs in a
  /// context of its own and never counts towards an exercise.
  func playDemos(of step: Step, into context: Context?) -> [Mismatch] {
    var found: [Mismatch] = []
    for block in step.blocks {
      switch block {
      case .narration(let lines):
        context?.emit(.prose(lines))
      case .demo(let demo):
        for entry in demo.entries {
          let inner = runSilently(entry.command, answers: entry.answers)
          context?.emit(.demo(command: entry.command, events: inner.events))
          let actual = inner.plainLines
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

  /// Runs an exercise's solution silently, as going back or forward replays it.
  func solve(_ step: Step) {
    guard let exercise = step.exercise else { return }
    for (command, answers) in exercise.solutionCommands {
      runSilently(command, answers: answers)
    }
  }

  // MARK: Exercises

  /// After an ordinary command at the top level: does it satisfy the current exercise?
  func checkExercise(ran: Ran, in context: Context) {
    guard let run, let exercise = run.exercise, !run.exerciseDone, let command = ran.command else { return }
    switch ExerciseJudge.judge(
      exercise.expectation, command: command, words: Array(ran.words.dropFirst()), context: context,
      exerciseStart: run.exerciseStartTime)
    {
    case .satisfied: completeExercise(run, in: context)
    case .missed: showNextHint(run, in: context)
    case .unrelated: break
    }
  }

  /// Marks the exercise done (solved, or skipped) and saves; a solved one says so.
  func completeExercise(_ run: LessonRun, in context: Context, skipped: Bool = false) {
    run.exerciseDone = true
    var state = progress.lessons[run.lesson.id] ?? .init(step: run.step.id, completed: [], finished: false)
    if !state.completed.contains(run.step.id) { state.completed.append(run.step.id) }
    if skipped, !state.skipped.contains(run.step.id) { state.skipped.append(run.step.id) }
    if !skipped { state.skipped.removeAll { $0 == run.step.id } }
    progress.lessons[run.lesson.id] = state
    changedLessons.insert(run.lesson.id)
    saveProgress(in: context)
    guard !skipped else { return }
    context.say("\(good: "✓ Well done.")" + (run.isLastStep ? " Type 'next' to finish the lesson." : " Type 'next' to go on."))
  }

  func showNextHint(_ run: LessonRun, in context: Context) {
    guard let exercise = run.exercise, run.hintsShown < exercise.hints.count else { return }
    run.hintsShown += 1
    let more = run.hintsShown < exercise.hints.count ? " ('hint' again for another)" : ""
    context.emit(.hint(number: run.hintsShown, of: exercise.hints.count, text: exercise.hints[run.hintsShown - 1] + more))
  }

  func finish(_ run: LessonRun, in context: Context) {
    var state = progress.lessons[run.lesson.id] ?? .init(step: run.step.id, completed: [], finished: true)
    state.finished = true
    progress.lessons[run.lesson.id] = state
    changedLessons.insert(run.lesson.id)
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
    if let position = lessons.firstIndex(where: { $0.id == run.lesson.id }), position + 1 < lessons.count {
      let next = lessons[position + 1]
      context.say("Next up: 'lesson \(next.id)' (\(next.title)), or 'lessons' for the list.")
    } else {
      context.say("Type 'lessons' for the list.")
    }
  }

  func saveProgress(in context: Context) {
    guard let store = progressStore else { return }
    if let run {
      var state = progress.lessons[run.lesson.id] ?? .init(step: run.step.id, completed: [], finished: false)
      state.step = run.step.id
      progress.lessons[run.lesson.id] = state
      progress.current = run.lesson.id
      changedLessons.insert(run.lesson.id)
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
