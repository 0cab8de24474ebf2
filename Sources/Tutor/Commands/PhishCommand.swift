import OTP

/// `phish`: log in through a look-alike site that relays what you type to the real server,
/// as an adversary-in-the-middle kit (Evilginx) does.
struct PhishCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "phish", summary: "log in through a look-alike site that relays your code (or passkey) to the real one",
    usage: ["phish login [--delay <duration>]", "phish passkey"],
    examples: ["phish login", "phish login --delay 2m", "phish passkey"],
    subcommands: ["login", "passkey"], options: ["--delay"],
    details: [
      "The look-alike site is \(lookAlike); the real one is \(PasskeyServer().origin).",
      "phish login asks for your code as the real login does, and the relay passes it on after --delay (3 s unless given).",
    ],
    traits: .asksQuestion)

  /// The look-alike site: one character off.
  static let lookAlike = "https://examp1e.com"

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    let action = try Arguments.subcommand(words, of: spec)
    let rest = Array(words.dropFirst())
    if action == "passkey" {
      try Arguments(rest, command: "phish passkey").expectPositionals(0, usage: "phish passkey")
      try relayPasskey(in: context)
    } else {
      let arguments = try Arguments(rest, command: "phish login", options: ["--delay"])
      try arguments.expectPositionals(0, usage: "phish login [--delay <duration>]")
      let delay = try arguments.value("--delay").map { text throws(TutorError) in try Duration.parse(text) } ?? .seconds(3)
      guard delay <= .seconds(86_400) else {
        throw TutorError("a relay delay of more than a day shows nothing new", remedy: "type phish login --delay 2m")
      }
      try relayCode(after: delay, in: context)
    }
  }

  private static func relayCode(after delay: Duration, in context: Context) throws(TutorError) {
    let uri = try context.requireURI()
    let real = PasskeyServer().origin
    context.say("you are at \(bad: lookAlike), a copy of \(real)'s login page")
    context.say("it has passed your password on to \(real), which now asks for a code")
    let code: String
    switch context.ask("Enter Code: ") {
    case .line(let line): code = line.trimmingSpaces()
    case .interrupted:
      context.say("you left the look-alike site (Ctrl-C): nothing was relayed")
      return
    case .ended where context.session.configuration.isInteractive:
      context.say("you left the look-alike site (Ctrl-D): nothing was relayed")
      return
    case .ended:
      throw TutorError("phish login asked for a code but the input ended", remedy: "put the code on the line after 'phish login'")
    }
    try context.checkAppTime(server: context.world.clock.time + delay, drift: context.world.drift) { _ in
      "relay with a shorter --delay"
    }
    context.world.clock.advance(by: delay)
    context.say("the relay sends \(code: code) to \(real) \(Format.human(delay)) later, at \(context.world.clock.time)")
    let verdict: Verdict
    do {
      verdict = try context.world.server.verify(code, account: uri.account, at: context.world.clock.time)
    } catch {
      throw TutorError(error)
    }
    context.emit(.verdict(verdict, party: .attacker))
    if verdict.isAccepted {
      context.say("\(bad: "the attacker has a session as \(uri.account)"): the code was real, and it arrived in time")
      context.say("the look-alike site shows you \"Something went wrong, please log in again\"")
      context.record(.relayGotSession)
    } else {
      context.say("\(good: "the relay was refused"): the real server would not take the code it passed on")
      context.record(.relayRefused)
    }
  }

  private static func relayPasskey(in context: Context) throws(TutorError) {
    let account = PasskeyCommand.account(in: context)
    let real = context.world.passkeyServer.origin
    guard context.world.passkeyServer.isRegistered(account) else {
      throw TutorError("\(account) has no passkey yet", remedy: "type passkey register first")
    }
    context.say("you are at \(bad: lookAlike); it asks \(real) for a login challenge and passes it to your browser")
    let assertion = try PasskeyCommand.signChallenge(for: account, at: lookAlike, in: context)
    context.say("your authenticator signs the challenge with the origin your browser is at:")
    PasskeyCommand.showClientData(assertion, in: context)
    context.say("the relay forwards the signed assertion to \(real)")
    do {
      try context.world.passkeyServer.verify(assertion, account: account)
      context.say("\(bad: "the server accepted the relayed assertion")")
      context.record(.passkeyAccepted)
    } catch {
      context.say("attacker:  \(bad: "refused"): \(PasskeyCommand.reason(error))")
      if case .wrongOrigin = error {
        context.say("\(good: "the relay got nothing"): the signature is valid, but it vouches for \(lookAlike), not \(real)")
        context.record(.passkeyRefusedOrigin)
      }
    }
    context.note("a real browser would not even offer this passkey to \(lookAlike): a page may only ask for its own domain's")
  }
}
