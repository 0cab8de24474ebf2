import OTP

/// `phone`: the learner's phones: list them, get a new one, choose the one `app` acts on, lose one.
struct PhoneCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "phone", summary: "your phones: list, get a new one, use one, lose one",
    usage: ["phone list", "phone new <name>", "phone use <name>", "phone lose [name]"],
    examples: ["phone new new-phone", "phone use new-phone", "phone lose my-phone"],
    subcommands: ["list", "new", "use", "lose"],
    details: [
      "Each phone has its own authenticator app; 'app', 'enroll' and 'app code' act on the phone in use.",
      "A lost phone is gone with every account on it: only what was exported or enrolled elsewhere remains.",
    ])

  static func completions(after words: [String], in session: Session) -> [String]? {
    switch words.map({ $0.lowercased() }) {
    case ["use"], ["lose"]: session.world.phones.names
    default: nil
    }
  }

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    let action = try Arguments.subcommand(words, of: spec, default: "list")
    let arguments = try Arguments(Array(words.dropFirst()), command: "phone \(action)")
    switch action {
    case "list":
      try arguments.expectPositionals(0, usage: "phone list")
      list(in: context)
    case "new":
      try arguments.expectPositionals(1, usage: "phone new <name>, like phone new new-phone")
      let phone: Phones.Phone
      do { phone = try context.world.phones.add(named: arguments.positionals[0]) } catch { throw TutorError(error) }
      let inUse = context.world.phones.inUse == phone.name
      context.say(
        "you have a new phone, \(phone.name), with an empty authenticator app"
          + (inUse ? "; it is the phone in use" : "; 'phone use \(phone.name)' makes it the one 'app' acts on"))
    case "use":
      try arguments.expectPositionals(1, usage: "phone use <name>")
      do { try context.world.phones.use(named: arguments.positionals[0]) } catch { throw TutorError(error) }
      let name = context.world.phones.inUse ?? arguments.positionals[0]
      let count = context.world.app.accounts.count
      context.say("using \(name): its app holds \(Format.count(count, "account"))")
    default:
      guard arguments.positionals.count <= 1 else {
        throw TutorError(
          "unexpected '\(arguments.positionals[1].quotedForMessage)' after phone lose", remedy: "type phone lose [name]"
        )
      }
      let lost: Phones.Phone
      do { lost = try context.world.phones.lose(named: arguments.positionals.first) } catch { throw TutorError(error) }
      context.record(.phoneLost)
      context.say("\(bad: "lost"): \(lost.name), and its app with \(held(by: lost.app))")
      if let now = context.world.phones.inUse {
        context.say("the phone in use is now \(now)")
      } else {
        context.say("you have no phone now: log in with a scratch code, or get one with 'phone new <name>'")
      }
    }
  }

  private static func list(in context: Context) {
    let phones = context.world.phones
    guard !phones.phones.isEmpty else {
      context.say("you have no phone: every one was lost; get one with 'phone new <name>'")
      return
    }
    for phone in phones.phones {
      let marker = phone.name == phones.inUse ? " (in use)" : ""
      context.say("  \(phone.name)\(marker): \(held(by: phone.app))")
    }
  }

  /// `no accounts`, or `2 accounts: A, B`.
  private static func held(by app: AuthenticatorApp) -> String {
    let labels = app.accounts.map(\.scanned.label)
    return labels.isEmpty
      ? "no accounts" : Format.count(labels.count, "account") + ": " + labels.joined(separator: ", ")
  }
}

extension TutorError {
  /// A phone failure, in words.
  init(_ failure: Phones.Failure) {
    switch failure {
    case .noSuchPhone(let name, let known):
      self.init(
        "there is no phone '\(name.quotedForMessage)'",
        remedy: known.isEmpty ? "get one with 'phone new <name>'" : "your phones: " + known.joined(separator: ", "))
    case .nameTaken(let name):
      self.init(
        "you already have a phone named '\(name.quotedForMessage)'", remedy: "choose another name, like backup-phone")
    case .badName(let name):
      self.init(
        "'\(name.quotedForMessage)' is not a phone name",
        remedy: "use letters, digits and hyphens (at most \(Phones.maximumNameLength)), like new-phone")
    case .noPhone:
      self.init("you have no phone: every one was lost", remedy: "get one with 'phone new <name>'")
    }
  }
}
