/// `where`: the lesson, step and clock the learner is at.
struct WhereCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "where", summary: "the lesson, step and clock you are at",
    usage: ["where"], examples: ["where"], traits: .navigatesLesson)

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    try Arguments(words, command: "where").expectPositionals(0, usage: "where")
    let world = context.world
    guard let run = context.session.run else {
      context.say("not in a lesson; 'lessons' lists them")
      context.say("clock: \(world.clock.time)")
      return
    }
    // The step's title, as its heading shows it, and its id, which 'lesson <id> <step>' takes.
    context.say(
      "lesson \(run.lesson.id) (\(run.lesson.title)), step \(run.stepIndex + 1) of \(run.lesson.steps.count):"
        + " \(run.step.title) ('lesson \(run.lesson.id) \(run.step.id)' comes back here)")
    if run.exercise != nil { context.say(Line("exercise: " + (run.exerciseDone ? "done" : "not done yet"))) }
    context.say("clock: \(world.clock.time)" + (world.drift == .zero ? "" : ", app \(world.appTime)"))
  }
}
