import OTP

/// `push`: "approve?" requests to the learner's phone: an attacker's fatigue attack, and number
/// matching, which stops it.
struct PushCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "push", summary: "push approvals: a fatigue attack, and number matching",
    usage: ["push", "push attack [--requests N]", "push login", "push matching on|off"],
    examples: ["push attack --requests 10", "push matching on", "push login"],
    subcommands: ["show", "attack", "login", "matching"], options: ["--requests"],
    details: [
      "The attacker has the password and signs in again and again; each sign-in pushes a request.",
      "A tired user approves one to make them stop (which one depends on the seed).",
      "With number matching the phone asks for the number on the sign-in screen: the attacker's.",
    ])

  /// How many requests `push attack` sends unless `--requests` says otherwise.
  static let defaultRequests = 10
  /// The most `--requests` allows.
  static let maximumRequests = 100

  static func completions(after words: [String], in session: Session) -> [String]? {
    words.map { $0.lowercased() } == ["matching"] ? ["on", "off"] : nil
  }

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    let action = try Arguments.subcommand(words, of: spec, default: "show")
    let rest = Array(words.dropFirst())
    switch action {
    case "show":
      try Arguments(rest, command: "push show").expectPositionals(0, usage: "push")
      showSetting(in: context)
    case "matching":
      let arguments = try Arguments(rest, command: "push matching")
      guard arguments.positionals.count == 1, let word = arguments.positionals.first?.lowercased(), word == "on" || word == "off"
      else {
        throw TutorError("push matching needs on or off", remedy: "type push matching on")
      }
      context.world.push.numberMatching = word == "on"
      showSetting(in: context)
    case "login":
      try Arguments(rest, command: "push login").expectPositionals(0, usage: "push login")
      let shown = context.withRandom { context.world.push.learnerSignIn(using: &$0) }
      if let shown {
        context.say(
          "the learner signs in: the sign-in screen shows \(code: shown), the phone asks for it, and the learner types \(code: shown):"
            + " \(good: "approved")")
      } else {
        context.say(
          "the learner signs in; the phone asks \"approve?\" and the learner taps Approve: \(good: "approved")"
            + " (it looks just the same when someone else signs in)")
      }
    default:
      try attack(rest, in: context)
    }
  }

  private static func showSetting(in context: Context) {
    let matching = context.world.push.numberMatching
    context.say(
      "push: number matching \(matching ? "on" : "off")"
        + (matching ? " (the phone asks for the number on the sign-in screen)" : " (the phone asks only \"approve?\")"))
  }

  private static func attack(_ words: [String], in context: Context) throws(TutorError) {
    let arguments = try Arguments(words, command: "push attack", options: ["--requests"])
    try arguments.expectPositionals(0, usage: "push attack [--requests N]")
    let count =
      try arguments.integer("--requests", in: 1...maximumRequests, meaning: "number of requests") ?? defaultRequests
    let outcome = context.withRandom { context.world.push.fatigueAttack(requests: count, using: &$0) }
    let label = context.world.currentAccount ?? "learner"
    context.say(
      "the attacker, who has \(label)'s password, signs in again and again (up to \(count) times);"
        + " each sign-in pushes a request to \(label)'s phone")
    for request in outcome.requests {
      switch request.answer {
      case .dismissed:
        context.say("request \(request.index): \"approve?\": dismissed")
      case .approved:
        context.say(
          "request \(request.index): \"approve?\": \(bad: "approved"): the user, tired of the prompts, tapped Approve to make them stop")
      case .noNumberToType:
        context.say(
          "request \(request.index): the attacker's screen shows \(request.shownNumber ?? 0); the phone asks for that number,"
            + " which the user never saw: not approved")
      }
    }
    if let approved = outcome.approved {
      context.warn(
        "the attacker got in on request \(approved.index): a push that only asks \"approve?\" invites authentication fatigue"
          + " (NIST SP 800-63B rev. 4 §3.1.3); 'push matching on' makes the user type the number on the sign-in screen")
      context.record(.pushFatigueApproved)
    } else if context.world.push.numberMatching {
      context.say(
        "\(good: "number matching stopped the attacker"): the number is on the attacker's screen, not the user's,"
          + " so no request could be approved")
      context.record(.pushMatchingRefused)
    } else {
      context.say(
        "\(good: "the attacker did not get in") this time: the user dismissed all \(count) requests;"
          + " a few more might have worn the user down")
    }
  }
}
