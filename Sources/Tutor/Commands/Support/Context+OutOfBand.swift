import OTP

/// What `sms` and `email` share: sending a code, reading the phone or the inbox, typing the
/// code in, and the server's policy for codes it sends.
extension Context {
  typealias Medium = OutOfBandChannel.Medium

  /// The server's verifier of codes sent by one medium.
  func codeVerifier(_ medium: Medium) -> OutOfBandVerifier {
    world.sentCodes[medium, default: OutOfBandVerifier()]
  }

  /// `send [--delay D]`: the server makes a code and sends it.
  func sendCode(by medium: Medium, _ words: [String]) throws(TutorError) {
    let command = "\(medium.rawValue) send"
    let arguments = try Arguments(words, command: command, options: ["--delay"])
    try arguments.expectPositionals(0, usage: "\(command) [--delay 20s]")
    var delay = Medium.defaultDelay
    if let text = arguments.value("--delay") {
      delay = try Duration.parse(text)
      guard delay <= Medium.maximumDelay else {
        throw TutorError("a delay of \(text.quotedForMessage) is too long", remedy: "give at most 1d, like --delay 20s")
      }
    }
    let now = world.clock.time
    let previous = codeVerifier(medium).issued.last
    var verifier = codeVerifier(medium)
    var random = world.random
    let issued: OutOfBandVerifier.Issued
    do {
      issued = try verifier.issue(at: now, using: &random)
      world.sentCodes[medium] = verifier
      world.random = random
    } catch {
      switch error {
      case .resendLimited(let limit, let next):
        say(
          "server: \(bad: "refused to send another code"): \(limit.sends) by \(medium.name) in \(Medium.spoken(limit.span))"
            + " is the resend limit; the next can be sent at \(next)")
        record(.resendLimited)
      }
      return
    }
    let message = world.channel.send(issued.code, by: medium, at: now, delay: delay)
    say("server: sent a code by \(medium.name) to \(medium.address) at \(now)")
    let validity =
      codeVerifier(medium).expiry(of: issued).map { "valid until \($0) (\(Medium.spoken($0 - now)) after sending)" }
      ?? "valid until it is used or the next code is sent"
    say(Line("  it arrives at \(message.deliveredAt) (\(Medium.spoken(delay)) on the way) and is " + validity))
    if let previous, previous.usedAt == nil, codeVerifier(medium).expiry(of: previous).map({ $0 > now }) ?? true {
      say("  the code sent at \(previous.sentAt) is replaced: only the newest code logs in")
    }
    if medium == .sms, world.channel.numberHolder(at: message.deliveredAt) == .attacker {
      warn("the number is the attacker's now (a SIM swap): this text will reach the attacker's phone")
    }
  }

  /// `inbox`: what the learner's phone or inbox (or the attacker's phone) holds now.
  func showInbox(of medium: Medium, _ words: [String]) throws(TutorError) {
    let command = "\(medium.rawValue) inbox"
    let arguments = try Arguments(words, command: command, flags: medium == .sms ? ["--attacker"] : [])
    try arguments.expectPositionals(0, usage: medium == .sms ? "sms inbox [--attacker]" : "email inbox")
    let recipient: OutOfBandChannel.Recipient = arguments.has("--attacker") ? .attacker : .learner
    let now = world.clock.time
    let inbox = world.channel.inbox(medium, of: recipient, at: now)
    let owner = recipient == .attacker ? "the attacker's phone" : medium == .sms ? "learner's phone" : "learner's inbox"
    say("\(owner) (\(medium.address)):")
    if medium == .sms, recipient == .learner, world.channel.numberHolder(at: now) == .attacker,
      let swap = world.channel.numberChanges.last
    {
      say("  no service since \(swap.time): the number was moved to another SIM (a SIM swap)")
    }
    // A delivered code is shown as a code, not a secret: it logs in once, within minutes, and only
    // at the server of this session that sent it; a replayed recording's server sends its own.
    for message in inbox.delivered {
      say("  \(message.deliveredAt)  your code is \(code: message.code) (sent \(message.sentAt))")
    }
    if let next = inbox.inTransit.first {
      let more = inbox.inTransit.count > 1 ? " (and \(inbox.inTransit.count - 1) more later)" : ""
      let lead = inbox.delivered.isEmpty ? "nothing yet: " : ""
      say("  \(lead)a code is in transit, it arrives at \(next.deliveredAt)\(more); 'advance' moves the clock")
    } else if inbox.delivered.isEmpty {
      switch (medium, recipient) {
      case (.sms, .attacker) where world.channel.numberChanges.isEmpty:
        say("  nothing: the number is still the learner's ('sms swap' moves it to the attacker's SIM)")
      default:
        say("  nothing: '\(medium.rawValue) send' asks the server for a code")
      }
    }
    if recipient == .attacker, !inbox.delivered.isEmpty {
      warn(
        "the attacker has the learner's code: a text goes to whoever holds the number;"
          + " NIST SP 800-63B §5.1.3.3 makes the telephone network RESTRICTED for this")
      record(.simSwapGotCode)
    }
  }

  /// `verify CODE`: the code typed at the login page.
  func verifyCode(sentBy medium: Medium, _ words: [String]) throws(TutorError) {
    let command = "\(medium.rawValue) verify"
    let arguments = try Arguments(words, command: command)
    try arguments.expectPositionals(1, usage: "\(command) <code>, the 6 digits from '\(medium.rawValue) inbox'")
    let typed = arguments.positionals[0]
    guard typed.count == OutOfBandVerifier.digits, typed.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
      throw TutorError(
        "'\(typed.quotedForMessage)' is not a code: the server sends \(OutOfBandVerifier.digits) digits",
        remedy: "type \(command) and the 6 digits from '\(medium.rawValue) inbox'")
    }
    guard !codeVerifier(medium).issued.isEmpty else {
      throw TutorError("the server has sent no code by \(medium.name)", remedy: "type '\(medium.rawValue) send' first")
    }
    let now = world.clock.time
    let decision = world.sentCodes[medium, default: OutOfBandVerifier()].verify(typed, at: now)
    let verifier = codeVerifier(medium)
    switch decision {
    case .accepted(let issued):
      say("\(good: "accepted"): the code sent by \(medium.name) at \(issued.sentAt) logs in; it will not log in again")
      record(.deliveredCodeAccepted)
      return
    case .rejected(.expired(let issued, let expiry)):
      say(
        "\(bad: "rejected"): the code sent at \(issued.sentAt) expired at \(expiry), \(Medium.spoken(expiry - issued.sentAt))"
          + " after sending; '\(medium.rawValue) send' sends a new one")
    case .rejected(.used(let issued)):
      say(
        "\(bad: "rejected"): the code sent at \(issued.sentAt) already logged in at \(issued.usedAt ?? now);"
          + " a code is accepted once (NIST SP 800-63B §5.1.3.2)")
    case .rejected(.replaced(let issued)):
      say(
        "\(bad: "rejected"): the code sent at \(issued.sentAt) was replaced at \(issued.replacedAt ?? now),"
          + " when the next was sent; only the newest code logs in")
    case .rejected(.wrongCode):
      say(
        "\(bad: "rejected"): wrong code (\(verifier.failuresInARow) wrong in a row;"
          + " the server locks this channel at \(verifier.policy.failureLimit))")
    case .rejected(.lockedOut(let failures)):
      say(
        "\(bad: "rejected"): locked after \(failures) wrong codes in a row (NIST SP 800-63B §5.2.2); a new code does not"
          + " unlock it; '\(medium.rawValue) policy reset' is the server's recovery")
    case .rejected(.malformed), .rejected(.noCodeSent):
      break  // refused above, with what to type instead
    }
    record(.deliveredCodeRefused)
    if verifier.isLockedOut, case .rejected(let refusal) = decision, refusal != .lockedOut(failures: verifier.failuresInARow)
    {
      warn("that was \(verifier.failuresInARow) wrong codes in a row: the server now refuses every code sent by \(medium.name)")
    }
  }

  /// `policy …`: shows or changes how long codes live, the resend limit and the failure limit.
  func codePolicy(for medium: Medium, _ words: [String]) throws(TutorError) {
    let command = "\(medium.rawValue) policy"
    let usage = "\(command) [expires 10m | until-next | resend N per SPAN | resend off | failures N | reset]"
    guard let setting = words.first?.lowercased() else {
      say(Line("\(medium.name) codes: " + Medium.describe(codeVerifier(medium).policy)))
      return
    }
    let values = Array(words.dropFirst())
    var policy = codeVerifier(medium).policy
    switch setting {
    case "expires":
      guard values.count == 1 else {
        throw TutorError("\(command) expires needs a lifetime", remedy: "type \(command) expires 10m")
      }
      let lifetime = try Duration.parse(values[0])
      guard lifetime >= .seconds(1), lifetime <= Medium.maximumDelay else {
        throw TutorError("a lifetime of \(values[0].quotedForMessage) is out of range", remedy: "give 1s to 1d, like 10m")
      }
      policy.validity = .expires(after: lifetime)
    case "until-next":
      guard values.isEmpty else {
        throw TutorError("unexpected '\(values[0].quotedForMessage)' after until-next", remedy: "type \(command) until-next")
      }
      policy.validity = .untilNextSent
    case "resend":
      policy.resendLimit = try Self.resendLimit(values, command: command)
    case "failures":
      guard values.count == 1 else {
        throw TutorError("\(command) failures needs a number", remedy: "type \(command) failures 10")
      }
      policy.failureLimit = try Arguments.integer(
        values[0], in: OutOfBandVerifier.Policy.failureLimitRange, meaning: "number of wrong codes in a row")
    case "reset":
      guard values.isEmpty else {
        throw TutorError("unexpected '\(values[0].quotedForMessage)' after reset", remedy: "type \(command) reset")
      }
      policy = OutOfBandVerifier.Policy()
      world.sentCodes[medium, default: OutOfBandVerifier()].unlock()
    default:
      var remedy = "type " + usage
      if let suggestion = Suggestion.closest(to: setting, among: Self.codePolicySettings) {
        remedy = "did you mean '\(suggestion)'? " + remedy
      }
      throw TutorError("'\(setting.quotedForMessage)' is not an \(medium.name) policy", remedy: remedy)
    }
    world.sentCodes[medium, default: OutOfBandVerifier()].policy = policy
    say(Line("\(medium.name) codes: " + Medium.describe(policy)))
    switch policy.validity {
    case .expires(let lifetime) where lifetime > OutOfBandVerifier.Policy.nistLifetime:
      warn("NIST SP 800-63B §5.1.3.2 considers the authentication invalid if not completed within 10 minutes")
    case .untilNextSent:
      warn(
        "a code with no time limit waits for whoever reads it, like an unused HOTP code;"
          + " NIST SP 800-63B §5.1.3.2 allows 10 minutes")
    default:
      break
    }
  }

  /// `3 per 10m`, `3/10m`, `3 10m`, or `off`.
  static func resendLimit(_ values: [String], command: String) throws(TutorError) -> OutOfBandVerifier.ResendLimit? {
    let remedy = "type \(command) resend 3 per 10m, or resend off"
    let words = values.flatMap { $0.split(separator: "/").map(String.init) }.filter { $0.lowercased() != "per" }
    if words.count == 1, words[0].lowercased() == "off" { return nil }
    guard words.count == 2, let sends = Int(words[0]) else {
      throw TutorError("'\(values.joined(separator: " ").quotedForMessage)' is not a resend limit", remedy: remedy)
    }
    let span = try Duration.parse(words[1])
    guard let limit = OutOfBandVerifier.ResendLimit(sends: sends, span: span) else {
      throw TutorError("a resend limit allows 1 to 100 codes in 1s to 1d", remedy: remedy)
    }
    return limit
  }
}

extension OutOfBandChannel.Medium {
  /// How long a code is on its way unless `--delay` says otherwise.
  static let defaultDelay = Duration.seconds(5)
  /// The longest delay or lifetime the commands accept.
  static let maximumDelay = Duration.seconds(86_400)

  /// The medium's name in a sentence.
  var name: String { self == .sms ? "SMS" : "e-mail" }

  /// Where the server sends codes.
  var address: String { self == .sms ? OutOfBandChannel.phoneNumber : OutOfBandChannel.emailAddress }

  /// A duration as said: `20 s`, `10 min`, `1h30m`.
  static func spoken(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    guard attoseconds == 0 else { return duration.compact }
    if seconds < 60 { return "\(seconds) s" }
    if seconds < 3600, seconds % 60 == 0 { return "\(seconds / 60) min" }
    return duration.compact
  }

  /// A policy in one line.
  static func describe(_ policy: OutOfBandVerifier.Policy) -> String {
    let validity: String =
      switch policy.validity {
      case .expires(let lifetime): "each valid for \(spoken(lifetime)) after sending"
      case .untilNextSent: "each valid until the next is sent"
      }
    let resend = policy.resendLimit.map { "at most \($0.sends) sent in \(spoken($0.span))" } ?? "no resend limit"
    return "\(validity), accepted once, \(resend), locked after \(policy.failureLimit) wrong in a row"
  }
}

extension Context {
  /// The words `sms policy` and `email policy` take, for their completion and suggestions.
  static let codePolicySettings = ["expires", "until-next", "resend", "failures", "reset"]
}
