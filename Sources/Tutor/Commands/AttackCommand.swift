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

/// `attack`: guess codes against the server on the virtual clock, or replay one seen over a
/// shoulder.
struct AttackCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "attack", summary: "attack the server: guess codes, replay one seen over a shoulder, leak its database",
    usage: [
      "attack guess [--rate <attempts per second>] [--for <duration>] [--trials N]", "attack replay [--replica b]",
      "attack leak",
    ],
    examples: [
      "attack guess --rate 100", "attack guess --for 1d", "attack guess --rate 10 --for 1h --trials 10000",
      "attack replay", "attack replay --replica b", "attack leak",
    ],
    subcommands: ["guess", "replay", "leak"], options: ["--rate", "--for", "--trials", "--replica"],
    details: [
      "attack guess --trials N: N attackers at once, each for --for; the chance of getting in, in closed form and simulated.",
      "attack replay --replica b: the user logs in through replica a, the attacker replays through b (see server replicas).",
    ])

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    let action = try Arguments.subcommand(words, of: spec)
    let rest = Array(words.dropFirst())
    switch action {
    case "replay":
      let arguments = try Arguments(rest, command: "attack replay", options: ["--replica"])
      try arguments.expectPositionals(0, usage: "attack replay [--replica b]")
      var replica = 0
      if let name = arguments.value("--replica") {
        let names = Array(LoginServer.replicaNames.prefix(context.world.server.replicaCount))
        guard let index = names.firstIndex(of: name.lowercased()) else {
          throw TutorError(
            "'\(name.quotedForMessage)' is not one of the server's replicas (\(names.joined(separator: ", ")))",
            remedy: names.count == 1 ? "type server replicas 2 separate first" : "type attack replay --replica \(names[1])")
        }
        replica = index
      }
      try replay(through: replica, in: context)
    case "leak":
      try Arguments(rest, command: "attack leak").expectPositionals(0, usage: "attack leak")
      try leak(in: context)
    default:
      try guess(rest, in: context)
    }
  }

  /// The user logs in with the app's current code; an attacker who saw it types it again,
  /// through `replica` (the user's login goes through the first).
  private static func replay(through replica: Int, in context: Context) throws(TutorError) {
    let (uri, totp) = try context.requireTOTP()
    let code: String
    do { code = try totp.code(at: context.world.appTime) } catch { throw TutorError(error) }
    let replicas = context.world.server.replicaCount
    if replicas > 1 {
      let name = LoginServer.replicaNames[replica]
      context.say(
        "the user logs in with the app's code \(code) through replica a; an attacker who saw it types it too, through replica \(name)")
    } else {
      context.say("the user logs in with the app's code \(code); an attacker watching over the shoulder types it too")
    }
    let now = context.world.clock.time
    let user: Verdict
    let attacker: Verdict
    do {
      user = try context.world.server.verify(code, account: uri.account, at: now)
      context.emit(.verdict(user, party: replicas > 1 ? .user.through(replica: "a") : .user))
      attacker = try context.world.server.verify(code, account: uri.account, at: now, replica: replica)
      context.emit(
        .verdict(attacker, party: replicas > 1 ? .attacker.through(replica: LoginServer.replicaNames[replica]) : .attacker))
    } catch {
      throw TutorError(error)
    }
    if replica != 0, user.isAccepted {
      context.record(attacker.isAccepted ? .replicaReplayAccepted : .replicaReplayRefused)
      if attacker.isAccepted, context.world.server.policy.preventsReplay {
        context.warn(
          "the attacker got in through replica \(LoginServer.replicaNames[replica]): it never saw the user's login;"
            + " 'server replicas \(replicas) shared' gives the replicas one state store")
        return
      }
      if !attacker.isAccepted {
        context.say("the shared state store stopped the attacker: replica \(LoginServer.replicaNames[replica]) saw the step used")
        return
      }
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

  /// The attacker copies the server's database and makes what codes it can from it.
  private static func leak(in context: Context) throws(TutorError) {
    let server = context.world.server
    guard !server.accountNames.isEmpty else {
      throw TutorError("the server holds no accounts to leak", remedy: "type secret new, then enroll")
    }
    let rows = context.withRandom { server.database(using: &$0) }
    context.say("the attacker copies the server's database: \(rows.count) account\(rows.count == 1 ? "" : "s")")
    var madeCodes = false
    for row in rows {
      let scratch =
        row.scratchCodes.isEmpty ? "no scratch codes" : "\(row.scratchCodes.count) scratch codes"
          + (row.scratchCodes.allSatisfy { if case .plaintext = $0 { true } else { false } } ? " in plain text" : " as salted hashes")
      switch row.secret {
      case .plaintext(let text):
        context.say("  \(row.account): secret \(secret: text), \(scratch)")
      case .sealed(let nonce, let ciphertext, let tag):
        context.say(
          "  \(row.account): secret sealed (nonce \(nonce.count) bytes, ciphertext \(code: Format.hexString(ciphertext.prefix(8)))… \(ciphertext.count) bytes, tag \(tag.count) bytes), \(scratch)")
      }
      // The attacker has the database, not the server key.
      guard let secret = try? SecretStorage.plaintext.secret(of: row), let record = server.records[row.account] else {
        continue
      }
      madeCodes = true
      let uri = record.uri
      guard case .totp(let period) = uri.kind,
        let totp = try? TOTP(secret: secret, algorithm: uri.algorithm, digits: uri.digits, period: period),
        let code = try? totp.code(at: context.world.clock.time)
      else {
        context.say("    the attacker can make \(row.account)'s HOTP codes from the counter the same row holds")
        continue
      }
      context.say("    the attacker makes \(row.account)'s code from it, \(code: code), and logs in:")
      do {
        let verdict = try context.world.server.verify(code, account: row.account, at: context.world.clock.time)
        context.emit(.verdict(verdict, party: .attacker))
      } catch {
        throw TutorError(error)
      }
    }
    if madeCodes {
      context.warn("a leaked secret makes every code, now and for ever: 'server storage encrypted' keeps them sealed at rest")
      context.record(.leakGaveCodes)
    } else {
      context.say(
        "\(good: "the leak gave no codes"): the sealed secrets open only with the server key, which the database does not hold")
      if rows.contains(where: { !$0.scratchCodes.isEmpty }) {
        context.say("the scratch codes' hashes are keyed too: without the key, 10^8 candidates cannot be tried offline")
      }
      context.record(.leakGaveNothing)
    }
  }

  /// How many values a code can take at most: dynamic truncation keeps 31 bits.
  static let truncatedValues: UInt64 = 1 << 31

  /// The most guesses one `attack guess` may simulate.
  static let maximumGuesses = 100_000_000

  private static func guess(_ words: [String], in context: Context) throws(TutorError) {
    let arguments = try Arguments(words, command: "attack guess", options: ["--rate", "--for", "--trials"])
    try arguments.expectPositionals(0, usage: "attack guess [--rate <attempts per second>] [--for <duration>] [--trials N]")
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
    if let text = arguments.value("--trials") {
      guard arguments.value("--for") != nil else {
        throw TutorError("--trials needs --for: the chance of getting in depends on how long the attack runs",
          remedy: "type attack guess --rate 10 --for 1h --trials 10000")
      }
      let trials = try Arguments.integer(text, in: 1...maximumTrials, meaning: "number of trials")
      try chance(rate: rate, for: limit, trials: trials, account: enrolled, in: context)
      return
    }
    let policy = context.world.server.policy
    let digits = enrolled.digits
    // Dynamic truncation keeps 31 bits (RFC 4226 §5.3): a 10-digit code has at most 2^31 values,
    // not 10^10, and a guesser who knows it guesses only those.
    let space = min(pow(10.0, Double(digits)), Double(Self.truncatedValues))
    let validCodes = Double(policy.window.past + policy.window.future + 1)
    var effectiveRate = rate
    if let rateLimit = policy.rateLimit {
      effectiveRate = min(rate, Double(rateLimit.attempts) / (rateLimit.span + .seconds(1)).secondsValue)
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
    let seconds = outcome.elapsed.secondsValue
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

  /// The most attackers one `attack guess --trials` may simulate.
  static let maximumTrials = 1_000_000

  /// How many guesses the server checks in `duration` at the attacker's `rate`, under its rate
  /// limit and lock-out, each kept per replica unless the replicas share state.
  static func checkedGuesses(rate: Double, for duration: Duration, server: LoginServer) -> Double {
    let seconds = duration.secondsValue
    let replicas = Double(server.sharesState ? 1 : server.replicaCount)
    var perSecond = rate
    if let limit = server.policy.rateLimit {
      // The limiter counts whole seconds: `attempts` fit in the span and one second more.
      perSecond = min(rate, replicas * Double(limit.attempts) / (limit.span + .seconds(1)).secondsValue)
    }
    var guesses = (perSecond * seconds).rounded(.down)
    if let lockOut = server.policy.lockOut { guesses = min(guesses, replicas * Double(lockOut.failures)) }
    return guesses
  }

  /// OWASP WSTG-ATHN-11's table: the chance that a guesser gets in within a time, in closed
  /// form and over `trials` simulated attackers (``GuessingOdds``).
  private static func chance(
    rate: Double, for duration: Duration, trials: Int, account: KeyURI, in context: Context
  ) throws(TutorError) {
    let server = context.world.server
    let policy = server.policy
    let space = min(pow(10.0, Double(account.digits)), Double(Self.truncatedValues))
    let valid = policy.window.past + policy.window.future + 1
    let guesses = checkedGuesses(rate: rate, for: duration, server: server)
    let odds = GuessingOdds(valid: valid, space: space, guesses: guesses)
    let successes = context.withRandom { odds.simulate(trials: trials, using: &$0) }
    let closedForm = odds.closedForm
    let simulated = Double(successes) / Double(trials)
    let noise = odds.noise(trials: trials)
    let codes = account.digits == 10 ? "2^31" : "10^\(account.digits)"
    context.say(
      "attacker: random \(account.digits)-digit guesses at \(Format.number(rate)) per second against \(account.label), for \(Format.human(duration))")
    context.say("policy: \(Format.policy(policy))")
    let limited = guesses < (rate * Double(duration.components.seconds)).rounded(.down) ? " (as the server's limits allow)" : ""
    context.say(
      "guesses the server checks: \(Format.number(guesses))\(limited); each hits \(valid) of \(codes) codes")
    context.say(
      Line("closed form: 1 − (1 − \(valid)/\(codes))^\(Format.number(guesses)) = \(code: percent(closedForm))"))
    context.say(
      "simulated:   \(successes) of \(trials) attackers got in = \(code: percent(simulated))"
        + " (noise ±\(percent(noise)) at two standard deviations)")
    context.say("the session's clock and the server's records are unchanged")
  }

  static func percent(_ fraction: Double) -> String {
    Format.printf(fraction < 0.001 && fraction > 0 ? "%.3f%%" : "%.1f%%", fraction * 100)
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
