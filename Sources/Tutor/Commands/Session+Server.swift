import Foundation
import OTP

extension Session {
  func serverCommand(_ words: [String]) throws(TutorError) {
    let action = try subcommand(words, of: "server", default: "show")
    let rest = Array(words.dropFirst())
    switch action {
    case "show":
      try Arguments(rest, command: "server show").expectPositionals(0, usage: "server show")
      showServer()
    case "policy":
      try policy(rest)
    case "log":
      try Arguments(rest, command: "server log").expectPositionals(0, usage: "server log")
      guard !server.log.isEmpty else {
        say("the server has decided nothing yet; try 'login' or 'verify <code>'")
        return
      }
      for entry in server.log {
        say("\(entry.time)  \(entry.account)  \(entry.accepted ? "accepted" : "rejected"): \(entry.reason)")
      }
    default:
      let arguments = try Arguments(rest, command: "server scratch")
      try arguments.expectPositionals(1, usage: "server scratch <count>, like server scratch 5")
      try makeScratchCodes(arguments.positionals[0])
    }
  }

  func showServer() {
    say("policy: \(describe(server.policy))")
    guard !server.accountNames.isEmpty else {
      say("accounts: none yet; 'secret new' or 'enroll' adds one")
      return
    }
    for name in server.accountNames {
      guard let record = server.records[name] else { continue }
      let uri = record.uri
      let parameters =
        if case .totp(let period) = uri.kind { "TOTP, \(uri.algorithm), \(uri.digits) digits, \(period) s" } else {
          "HOTP, \(uri.algorithm), \(uri.digits) digits"
        }
      say("account \(uri.label): \(parameters), a \(uri.secret.bitCount)-bit secret")
      switch record.verifier {
      case .totp(let verifier):
        let used = verifier.replayGuard.usedSteps.map(String.init).joined(separator: ", ")
        say("  used steps: \(used.isEmpty ? "none" : used)")
        var skew = "learned skew: \(verifier.skew) steps"
        if !verifier.skewLearner.observations.isEmpty {
          skew += " (learning: \(verifier.skewLearner.observations.count) of \(SkewLearner.required) observations)"
        }
        say("  " + skew)
        say("  scratch codes left: \(verifier.scratchCodes.codes.count)")
        say("  recent attempts: " + attempts(verifier.rateLimiter))
      case .hotp(let verifier):
        say("  next counter: \(verifier.counter)")
        say("  scratch codes left: \(verifier.scratchCodes.codes.count)")
        say("  recent attempts: " + attempts(verifier.rateLimiter))
      }
    }
  }

  func attempts(_ limiter: RateLimiter?) -> String {
    guard let limit = server.policy.rateLimit else { return "not counted (no rate limit)" }
    guard let limiter, limiter.limit == limit else { return "none in the last \(limit.seconds) s" }
    guard !limiter.attempts.isEmpty else { return "none in the last \(limiter.limit.seconds) s" }
    return limiter.attempts.map { UnixTime(seconds: $0).description }.joined(separator: ", ")
  }

  func describe(_ policy: ServerPolicy) -> String {
    var parts = [Self.describe(policy.window)]
    parts.append("replay prevention \(policy.preventsReplay ? "on" : "off")")
    parts.append("rate limit " + (policy.rateLimit.map { "\($0.attempts) per \($0.seconds) s" } ?? "off"))
    parts.append("skew learning \(policy.learnsSkew ? "on" : "off")")
    parts.append("HOTP look-ahead \(policy.lookAhead)")
    return parts.joined(separator: ", ")
  }

  static func describe(_ window: VerificationWindow) -> String {
    if window.past == window.future { return window.past == 0 ? "window 0" : "window ±\(window.past) steps" }
    return "window -\(window.past)/+\(window.future) steps"
  }

  static let policyUsage =
    "server policy [window N | past N | future N | replay on|off | rate-limit N per SECONDS | rate-limit off"
    + " | skew on|off | look-ahead N | scratch N | reset]"

  private func policy(_ words: [String]) throws(TutorError) {
    guard let setting = words.first?.lowercased() else {
      say("policy: \(describe(server.policy))")
      return
    }
    let values = Array(words.dropFirst())
    func steps(_ meaning: String) throws(TutorError) -> Int {
      guard values.count == 1 else { throw TutorError("server policy \(setting) needs one number", remedy: "type server policy \(setting) 1") }
      return try Arguments.integer(values[0], in: 0...VerificationWindow.maximum, meaning: meaning)
    }
    func onOff() throws(TutorError) -> Bool {
      guard values.count == 1, let word = values.first?.lowercased(), word == "on" || word == "off" else {
        throw TutorError("server policy \(setting) needs on or off", remedy: "type server policy \(setting) on")
      }
      return word == "on"
    }
    switch setting {
    case "window":
      let count = try steps("window in steps")
      server.policy.window = VerificationWindow(past: count, future: count)
    case "past":
      server.policy.window.past = try steps("past window in steps")
    case "future":
      server.policy.window.future = try steps("future window in steps")
    case "replay":
      server.policy.preventsReplay = try onOff()
      if !server.policy.preventsReplay {
        warn("without replay prevention a code seen over a shoulder or phished can log in again until its step ends (RFC 6238 §5.2)")
      }
    case "skew":
      server.policy.learnsSkew = try onOff()
    case "look-ahead", "lookahead":
      server.policy.lookAhead = try steps("look-ahead in counters")
    case "rate-limit", "ratelimit":
      server.policy.rateLimit = try Self.rateLimit(values)
    case "scratch":
      guard values.count == 1 else { throw TutorError("server policy scratch needs a count", remedy: "type server policy scratch 5") }
      try makeScratchCodes(values[0])
      return
    case "reset":
      server.policy = ServerPolicy()
    default:
      let known = ["window", "past", "future", "replay", "rate-limit", "skew", "look-ahead", "scratch", "reset"]
      var remedy = "type " + Self.policyUsage
      if let suggestion = Suggestion.closest(to: setting, among: known) { remedy = "did you mean '\(suggestion)'? " + remedy }
      throw TutorError("'\(setting.quotedForMessage)' is not a server policy", remedy: remedy)
    }
    say("policy: \(describe(server.policy))")
  }

  /// `3 per 30`, `3 per 30s`, `3/30s`, `3 30`, or `off`.
  static func rateLimit(_ values: [String]) throws(TutorError) -> RateLimit? {
    let remedy = "type server policy rate-limit 3 per 30s (libpam's suggestion), or rate-limit off"
    let words = values.flatMap { $0.split(separator: "/").map(String.init) }.filter { $0.lowercased() != "per" }
    if words.count == 1, words[0].lowercased() == "off" { return nil }
    guard words.count == 2, let attempts = Int(words[0]) else {
      throw TutorError("'\(values.joined(separator: " ").quotedForMessage)' is not a rate limit", remedy: remedy)
    }
    let span = try Duration.parse(words[1])
    guard span.components.attoseconds == 0, let seconds = Int(exactly: span.components.seconds) else {
      throw TutorError("a rate limit counts whole seconds", remedy: remedy)
    }
    do {
      return try RateLimit(attempts: attempts, seconds: seconds)
    } catch {
      throw TutorError(error)
    }
  }

  private func makeScratchCodes(_ text: String) throws(TutorError) {
    let count = try Arguments.integer(text, in: 1...ScratchCodes.maximumCount, meaning: "number of scratch codes")
    let uri = try requireURI()
    let codes: ScratchCodes
    do { codes = try ScratchCodes.generate(count: count, using: &random) } catch { throw TutorError(error) }
    server.setScratchCodes(codes, for: uri.account)
    say("scratch codes for \(uri.label) (each works once; keep them somewhere safe):")
    for code in codes.codes { say("  \(code)") }
  }

  func login(_ words: [String]) throws(TutorError) {
    let arguments = try Arguments(words, command: "login")
    guard arguments.positionals.count <= 1 else {
      throw TutorError("unexpected '\(arguments.positionals[1].quotedForMessage)'", remedy: "type login [account]")
    }
    let account: String
    if let named = arguments.positionals.first { account = named } else { account = try requireURI().account }
    guard server.records[account] != nil else {
      throw TutorError("no account '\(account.quotedForMessage)' on the server", remedy: server.knownAccountsHint)
    }
    guard let code = input("Enter Code: ") else {
      throw TutorError("login asked for a code but the input ended", remedy: "put the code on the line after 'login'")
    }
    let verdict = try server.verify(code.trimmingCharacters(in: .whitespaces), account: account, at: clock.time)
    if verdict.accepted {
      say(style.accepted("Authentication successful!"))
    } else {
      say(style.rejected("Authentication failed. Please try again with the right key."))
    }
    say("server: \(verdict.reason)")
  }
}

extension LoginServer {
  /// Gives an account a fresh set of scratch codes.
  mutating func setScratchCodes(_ codes: ScratchCodes, for account: String) {
    guard var record = records[account] else { return }
    switch record.verifier {
    case .totp(var verifier):
      verifier.scratchCodes = codes
      record.verifier = .totp(verifier)
    case .hotp(var verifier):
      verifier.scratchCodes = codes
      record.verifier = .hotp(verifier)
    }
    replace(record)
  }
}
