import Foundation
import OTP

extension Session {
  func attack(_ words: [String]) throws(TutorError) {
    let action = try subcommand(words, of: "attack")
    let rest = Array(words.dropFirst())
    if action == "replay" {
      try Arguments(rest, command: "attack replay").expectPositionals(0, usage: "attack replay")
      try replayAttack()
    } else {
      try guessAttack(rest)
    }
  }

  /// The user logs in with the app's current code; an attacker who saw it types it again.
  private func replayAttack() throws(TutorError) {
    let (uri, totp) = try requireTOTP("attack replay")
    let code: String
    do { code = try totp.code(at: appTime) } catch { throw TutorError(error) }
    say("the user logs in with the app's code \(code); an attacker watching over the shoulder types it too")
    let user = try server.verify(code, account: uri.account, at: clock.time)
    say("user:     " + render(user))
    let attacker = try server.verify(code, account: uri.account, at: clock.time)
    say("attacker: " + render(attacker))
    if attacker.accepted {
      warn("the attacker got in: with replay prevention off, a code works again until its step ends;"
        + " turn it on with 'server policy replay on'")
    } else if !user.accepted {
      note("the user was refused too: this step's code had already been used; 'advance 30s' to a fresh step and try again")
    } else if server.policy.preventsReplay {
      say("replay prevention stopped the attacker: each step logs in once (RFC 6238 §5.2)")
    }
  }

  /// The most guesses one `attack guess` may simulate.
  static let maximumGuesses = 100_000_000

  private func guessAttack(_ words: [String]) throws(TutorError) {
    let arguments = try Arguments(words, command: "attack guess", options: ["--rate", "--for"])
    try arguments.expectPositionals(0, usage: "attack guess [--rate <attempts per second>] [--for <duration>]")
    let enrolled = try requireURI()
    guard case .totp(let period) = enrolled.kind else {
      throw TutorError("attack guess simulates TOTP accounts", remedy: "enroll one with 'enroll --type totp'")
    }
    var rate = 10.0
    if let text = arguments.value("--rate") {
      guard let value = Double(text), value.isFinite, value >= 0.001, value <= 1_000_000 else {
        throw TutorError("'\(text.quotedForMessage)' is not a rate", remedy: "give attempts per second from 0.001 to 1000000, like --rate 100")
      }
      rate = value
    }
    let limit = try arguments.value("--for").map { text throws(TutorError) in try Duration.parse(text) } ?? .seconds(100 * 365 * 86_400)
    let policy = server.policy
    let digits = enrolled.digits
    let space = pow(10.0, Double(digits))
    let validCodes = Double(policy.window.past + policy.window.future + 1)
    var effectiveRate = rate
    if let rateLimit = policy.rateLimit {
      effectiveRate = min(rate, Double(rateLimit.attempts) / Double(rateLimit.seconds + 1))
    }
    let expectedGuesses = space / validCodes
    let expected = Duration.seconds(expectedGuesses / effectiveRate)

    say("attacker: random \(digits)-digit guesses at \(Self.number(rate)) per second against \(enrolled.label)")
    say("policy: \(describe(policy))")
    var closedForm =
      "expected time to get in: \(Self.human(expected)) on average (10^\(digits) codes ÷ \(Int(validCodes)) valid in the window"
    closedForm += " = \(Self.number(expectedGuesses)) guesses, at \(Self.number(effectiveRate)) per second"
    if policy.rateLimit != nil && effectiveRate < rate { closedForm += " as the rate limit allows" }
    say(closedForm + ")")

    let outcome = simulateGuessing(totp: try requireTOTP("attack guess").1, rate: rate, limit: limit, period: period)
    let used = Self.human(outcome.elapsed)
    if outcome.succeeded {
      say(style.rejected("the attacker got in") + " after \(outcome.guesses) guesses and \(used) of virtual time"
        + (outcome.refused > 0 ? " (\(outcome.refused) attempts refused by the rate limit)" : ""))
    } else {
      say(style.accepted("the attacker did not get in") + ": \(outcome.guesses) guesses in \(used)"
        + (outcome.refused > 0 ? ", \(outcome.refused) attempts refused by the rate limit" : "")
        + (outcome.hitCeiling ? " (the simulation stops at \(Self.maximumGuesses) guesses)" : ""))
    }
    say("the session's clock and the server's records are unchanged")
  }

  struct GuessOutcome {
    var succeeded = false
    var guesses = 0
    var refused = 0
    var elapsed = Duration.zero
    var hitCeiling = false
  }

  /// Simulates the attacker on the virtual clock: each guess is compared with the codes the
  /// window accepts at that moment (computed once per step, not per guess), and every attempt
  /// goes through the engine's rate limiter, waiting out refusals as a patient attacker would.
  private func simulateGuessing(totp: TOTP, rate: Double, limit: Duration, period: Int) -> GuessOutcome {
    var outcome = GuessOutcome()
    let start = clock.time
    let interval = Duration.seconds(1 / rate)
    let window = server.policy.window
    var limiter = server.policy.rateLimit.map { RateLimiter(limit: $0) }
    var step = UInt64.max
    var valid: [UInt64] = []
    let modulus = DynamicTruncation.modulus(digits: totp.digits)
    while outcome.elapsed <= limit {
      guard outcome.guesses + outcome.refused < Self.maximumGuesses else {
        outcome.hitCeiling = true
        break
      }
      let now = start + outcome.elapsed
      if var current = limiter {
        let decision = current.recordAttempt(at: now)
        limiter = current
        if case .refused(let retryAfter) = decision {
          outcome.refused += 1
          outcome.elapsed += max(retryAfter, interval)
          continue
        }
      }
      guard let nowStep = try? totp.step(at: now) else { break }
      if nowStep != step {
        step = nowStep
        valid = window.offsets.compactMap { offset in TOTP.step(nowStep, offsetBy: offset).map { totp.hotp.value(for: $0) } }
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

  static func number(_ value: Double) -> String {
    if value >= 100 || value == value.rounded() { return String(Int(value.rounded())) }
    return String(format: value >= 1 ? "%.2f" : "%.3g", value)
  }

  /// A duration in the largest unit that reads well: `3 h 12 min`, `38.6 days`.
  static func human(_ duration: Duration) -> String {
    let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    switch seconds {
    case ..<60: return String(format: "%.1f s", seconds)
    case ..<3600: return String(format: "%.1f min", seconds / 60)
    case ..<(2 * 86_400): return String(format: "%.1f h", seconds / 3600)
    case ..<(2 * 365 * 86_400): return String(format: "%.1f days", seconds / 86_400)
    default: return String(format: "%.1f years", seconds / (365.25 * 86_400))
    }
  }
}

