import Foundation
import OTP

/// `attack`: guess codes against the server on the virtual clock, or replay one seen over a
/// shoulder.
struct AttackCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "attack", summary: "attack the server: guess codes, or replay one seen over a shoulder",
    usage: ["attack guess [--rate <attempts per second>] [--for <duration>]", "attack replay"],
    examples: ["attack guess --rate 100", "attack guess --for 1d", "attack replay"],
    subcommands: ["guess", "replay"], options: ["--rate", "--for"])

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    let action = try Arguments.subcommand(words, of: spec)
    let rest = Array(words.dropFirst())
    if action == "replay" {
      try Arguments(rest, command: "attack replay").expectPositionals(0, usage: "attack replay")
      try replay(in: context)
    } else {
      try guess(rest, in: context)
    }
  }

  /// The user logs in with the app's current code; an attacker who saw it types it again.
  private static func replay(in context: Context) throws(TutorError) {
    let (uri, totp) = try context.requireTOTP()
    let code: String
    do { code = try totp.code(at: context.world.appTime) } catch { throw TutorError(error) }
    context.say("the user logs in with the app's code \(code); an attacker watching over the shoulder types it too")
    let now = context.world.clock.time
    let user: Verdict
    let attacker: Verdict
    do {
      user = try context.world.server.verify(code, account: uri.account, at: now)
      context.emit(.verdict(user, party: "user"))
      attacker = try context.world.server.verify(code, account: uri.account, at: now)
      context.emit(.verdict(attacker, party: "attacker"))
    } catch {
      throw TutorError(error)
    }
    if attacker.isAccepted {
      context.warn(
        "the attacker got in: with replay prevention off, a code works again until its step ends;"
          + " turn it on with 'server policy replay on'")
    } else if !user.isAccepted {
      context.note(
        "the user was refused too: this step's code had already been used; 'advance 30s' to a fresh step and try again")
    } else if context.world.server.policy.preventsReplay {
      context.say("replay prevention stopped the attacker: each step logs in once (RFC 6238 §5.2)")
    }
  }

  /// How many values a code can take at most: dynamic truncation keeps 31 bits.
  static let truncatedValues: UInt64 = 1 << 31

  /// The most guesses one `attack guess` may simulate.
  static let maximumGuesses = 100_000_000

  private static func guess(_ words: [String], in context: Context) throws(TutorError) {
    let arguments = try Arguments(words, command: "attack guess", options: ["--rate", "--for"])
    try arguments.expectPositionals(0, usage: "attack guess [--rate <attempts per second>] [--for <duration>]")
    let enrolled = try context.requireURI()
    guard case .totp = enrolled.kind else {
      throw TutorError("attack guess simulates TOTP accounts", remedy: "enroll one with 'enroll --type totp'")
    }
    var rate = 10.0
    if let text = arguments.value("--rate") {
      guard let value = Double(text), value.isFinite, value >= 0.001, value <= 1_000_000 else {
        throw TutorError(
          "'\(text.quotedForMessage)' is not a rate", remedy: "give attempts per second from 0.001 to 1000000, like --rate 100")
      }
      rate = value
    }
    let limit =
      try arguments.value("--for").map { text throws(TutorError) in try Duration.parse(text) }
      ?? .seconds(100 * 365 * 86_400)
    let policy = context.world.server.policy
    let digits = enrolled.digits
    // Dynamic truncation keeps 31 bits (RFC 4226 §5.3): a 10-digit code has at most 2^31 values,
    // not 10^10, and a guesser who knows it guesses only those.
    let space = min(pow(10.0, Double(digits)), Double(Self.truncatedValues))
    let validCodes = Double(policy.window.past + policy.window.future + 1)
    var effectiveRate = rate
    if let rateLimit = policy.rateLimit {
      effectiveRate = min(rate, Double(rateLimit.attempts) / Double(rateLimit.seconds + 1))
    }
    let expectedGuesses = space / validCodes
    let expected = Duration.seconds(expectedGuesses / effectiveRate)

    context.say("attacker: random \(digits)-digit guesses at \(Format.number(rate)) per second against \(enrolled.label)")
    context.say("policy: \(Format.policy(policy))")
    var closedForm =
      "expected time to get in: \(Format.human(expected)) on average ("
      + (digits == 10 ? "2^31 codes, as a code carries 31 bits," : "10^\(digits) codes")
      + " ÷ \(Int(validCodes)) valid in the window"
    closedForm += " = \(Format.number(expectedGuesses)) guesses, at \(Format.number(effectiveRate)) per second"
    if policy.rateLimit != nil && effectiveRate < rate { closedForm += " as the rate limit allows" }
    context.say(Line(closedForm + ")"))
    context.flush()  // the simulation may take a while: show the expectation first

    let outcome = simulate(totp: try context.requireTOTP().1, rate: rate, limit: limit, in: context)
    let used = Format.human(outcome.elapsed)
    let seconds = Double(outcome.elapsed.components.seconds) + Double(outcome.elapsed.components.attoseconds) / 1e18
    let checkedRate = seconds > 0 ? " \(Format.number(Double(outcome.guesses) / seconds)) checked guesses a second" : ""
    if outcome.interrupted {
      context.say("attack stopped (Ctrl-C) after \(outcome.guesses) guesses and \(used) of virtual time; the attacker did not get in")
    } else if outcome.succeeded {
      let waited = outcome.waits > 0 ? " (the rate limit held it to\(checkedRate))" : ""
      context.say("\(bad: "the attacker got in") after \(outcome.guesses) guesses and \(used) of virtual time\(waited)")
    } else {
      let refused = outcome.waits > 0 ? " (the rate limit held it to\(checkedRate))" : ""
      let ceiling = outcome.hitCeiling ? " (the simulation stops at \(maximumGuesses) guesses)" : ""
      context.say("\(good: "the attacker did not get in"): \(outcome.guesses) guesses in \(used)\(refused)\(ceiling)")
    }
    context.say("the session's clock and the server's records are unchanged")
  }

  struct GuessOutcome {
    var succeeded = false
    var guesses = 0
    var waits = 0
    var elapsed = Duration.zero
    var hitCeiling = false
    var interrupted = false
  }

  /// Simulates the attacker on the virtual clock: each guess is compared with the codes the
  /// window accepts at that moment (computed once per step, not per guess), and every attempt
  /// goes through the engine's rate limiter, waiting out refusals as a patient attacker would.
  /// A time step moved by a signed offset; `nil` below zero or past the largest step.
  private static func step(_ step: UInt64, offsetBy offset: Int) -> UInt64? {
    let magnitude = UInt64(offset.magnitude)
    if offset >= 0 {
      let (sum, overflow) = step.addingReportingOverflow(magnitude)
      return overflow ? nil : sum
    }
    return magnitude <= step ? step - magnitude : nil
  }

  private static func simulate(totp: TOTP, rate: Double, limit: Duration, in context: Context) -> GuessOutcome {
    var outcome = GuessOutcome()
    let start = context.world.clock.time
    let interval = Duration.seconds(1 / rate)
    let window = context.world.server.policy.window
    var limiter = context.world.server.policy.rateLimit.map { RateLimiter(limit: $0) }
    var step = UInt64.max
    var valid: [UInt64] = []
    var random = context.world.random
    defer { context.world.random = random }
    let modulus = min((0..<totp.digits).reduce(UInt64(1)) { product, _ in product * 10 }, Self.truncatedValues)
    let interruption = context.session.interruption
    var sinceCheck = 0
    while outcome.elapsed <= limit {
      sinceCheck += 1
      if sinceCheck == 1 << 16 {
        sinceCheck = 0
        if interruption?() == true {
          outcome.interrupted = true
          break
        }
      }
      guard outcome.guesses + outcome.waits < maximumGuesses else {
        outcome.hitCeiling = true
        break
      }
      let now = start + outcome.elapsed
      if var current = limiter {
        // The attacker knows the limit (libpam's is documented): a guess the server would
        // refuse is not sent, since a refused attempt counts against the limit too; it waits.
        if case .refused(let retryAfter) = current.recordAttempt(at: now) {
          outcome.waits += 1
          outcome.elapsed += max(retryAfter, interval)
          continue
        }
        limiter = current
      }
      guard let nowStep = try? totp.step(at: now) else { break }
      if nowStep != step {
        step = nowStep
        valid = window.offsets.compactMap { offset in
          Self.step(nowStep, offsetBy: offset).map { totp.hotp.value(for: $0) }
        }
      }
      outcome.guesses += 1
      let guess = random.next() % modulus
      if valid.contains(guess) {
        outcome.succeeded = true
        break
      }
      outcome.elapsed += interval
    }
    return outcome
  }
}
