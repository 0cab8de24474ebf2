import OTP

/// `server`: the login server's accounts, policy, log and scratch codes.
struct ServerCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "server", summary: "the login server: its accounts, policy, log and scratch codes",
    usage: [
      "server show", "server policy", "server policy window N | past N | future N", "server policy replay on|off",
      "server policy rate-limit N per SECONDS | rate-limit off", "server policy skew on|off",
      "server policy look-ahead N", "server policy lock-out N | lock-out off", "server policy reset",
      "server scratch N", "server log", "server storage [plaintext|encrypted]", "server replicas N [shared|separate]",
      "server audit",
    ],
    examples: [
      "server policy window 1", "server policy rate-limit 3 per 30s", "server scratch 5", "server log",
      "server storage encrypted", "server replicas 2 separate", "server audit",
    ],
    subcommands: ["show", "policy", "log", "scratch", "storage", "replicas", "audit"])

  static let policySettings = [
    "window", "past", "future", "replay", "rate-limit", "skew", "look-ahead", "lock-out", "scratch", "reset",
  ]

  static func completions(after words: [String], in session: Session) -> [String]? {
    let words = words.map { $0.lowercased() }
    if words == ["policy"] { return policySettings }
    if words == ["storage"] { return ["plaintext", "encrypted"] }
    if words.count == 2, words[0] == "replicas" { return ["shared", "separate"] }
    return nil
  }

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    let action = try Arguments.subcommand(words, of: spec, default: "show")
    let rest = Array(words.dropFirst())
    switch action {
    case "show":
      try Arguments(rest, command: "server show").expectPositionals(0, usage: "server show")
      show(in: context)
    case "policy":
      try policy(rest, in: context)
    case "storage":
      try storage(rest, in: context)
    case "replicas":
      try replicas(rest, in: context)
    case "audit":
      try Arguments(rest, command: "server audit").expectPositionals(0, usage: "server audit")
      audit(in: context)
    case "log":
      try Arguments(rest, command: "server log").expectPositionals(0, usage: "server log")
      let log = context.world.server.log
      guard !log.isEmpty else {
        context.say("the server has decided nothing yet; try 'login' or 'verify <code>'")
        return
      }
      for entry in log {
        let verdict = entry.verdict
        context.say("\(entry.time)  \(verdict.account)  \(verdict.isAccepted ? "accepted" : "rejected"): \(verdict.reason)")
      }
    default:
      let arguments = try Arguments(rest, command: "server scratch")
      try arguments.expectPositionals(1, usage: "server scratch <count>, like server scratch 5")
      try makeScratchCodes(arguments.positionals[0], in: context)
    }
  }

  private static func storage(_ words: [String], in context: Context) throws(TutorError) {
    let arguments = try Arguments(words, command: "server storage")
    guard arguments.positionals.count <= 1 else {
      throw TutorError("server storage takes one word", remedy: "type server storage plaintext, or server storage encrypted")
    }
    switch arguments.positionals.first?.lowercased() {
    case nil: break
    case "plaintext", "plain":
      context.world.server.storage = .plaintext
    case "encrypted", "encrypt":
      if !context.world.server.storage.isEncrypted {
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &context.world.random) }
        context.world.server.storage = .encrypted(SecretStorage.ServerKey(bytes: bytes))
      }
    case let word?:
      throw TutorError(
        "'\(word.quotedForMessage)' is not a way to store secrets", remedy: "type server storage plaintext, or server storage encrypted")
    }
    switch context.world.server.storage {
    case .plaintext:
      context.say("storage: secrets and scratch codes in plain text: whoever copies the database can make every code")
    case .encrypted(let key):
      context.say("storage: secrets sealed with AES-256-GCM under server key \(code: key.fingerprint)…, kept in a key service apart from the database;")
      context.say("         scratch codes as salted HMAC-SHA256 hashes under a second key derived from it (HKDF)")
    }
  }

  private static func replicas(_ words: [String], in context: Context) throws(TutorError) {
    let arguments = try Arguments(words, command: "server replicas")
    let usage = "server replicas N [shared|separate], like server replicas 2 separate"
    guard (1...2).contains(arguments.positionals.count), Int(arguments.positionals[0]) != nil else {
      throw TutorError("server replicas needs a count first", remedy: "type " + usage)
    }
    let count = try Arguments.integer(
      arguments.positionals[0], in: 1...LoginServer.replicaNames.count, meaning: "number of replicas")
    var shared = true
    if arguments.positionals.count == 2 {
      switch arguments.positionals[1].lowercased() {
      case "shared": shared = true
      case "separate": shared = false
      case let word:
        throw TutorError("'\(word.quotedForMessage)' is neither shared nor separate", remedy: "type " + usage)
      }
    }
    context.world.server.setReplicas(count, sharedState: shared)
    let names = LoginServer.replicaNames.prefix(count).joined(separator: ", ")
    if count == 1 {
      context.say("replicas: one server")
    } else if context.world.server.sharesState {
      context.say("replicas: \(names) behind a load balancer, loading and storing each account's state in one shared store")
    } else {
      context.say("replicas: \(names) behind a load balancer, each with its own copy of the accounts' state")
      context.warn("each replica now remembers only the logins it sees: used steps and attempts are per replica")
    }
  }

  private static func audit(in context: Context) {
    let checks = ServerAudit.checks(of: context.world.server)
    let width = checks.map(\.source.count).max() ?? 0
    for check in checks {
      let grade: Line = check.isMet ? "\(good: "pass")" : "\(bad: "FAIL")"
      context.say("\(grade)  \(check.source.rightPadded(to: width))  \(check.requirement)")
      var detail: Line = "      \(dim: check.finding)"
      if let fix = check.fix { detail = detail + "; fix: \(code: fix)" }
      context.say(detail)
    }
    let met = checks.filter(\.isMet).count
    context.say("\(met) of \(checks.count) checks met" + (met == checks.count ? "" : "; each FAIL line ends with its fix"))
    context.record(met == checks.count ? .auditPassed : .auditFailed)
  }

  private static func show(in context: Context) {
    let server = context.world.server
    context.say("policy: \(Format.policy(server.policy))")
    guard !server.accountNames.isEmpty else {
      context.say("accounts: none yet; 'secret new' or 'enroll' adds one")
      return
    }
    for name in server.accountNames {
      guard let record = server.records[name] else { continue }
      let uri = record.uri
      let parameters =
        if case .totp(let period) = uri.kind { "TOTP, \(uri.algorithm), \(uri.digits) digits, \(Format.seconds(period))" } else {
          "HOTP, \(uri.algorithm), \(uri.digits) digits"
        }
      context.say("account \(uri.label): \(parameters), a \(uri.secret.bitCount)-bit secret")
      switch record.verifier {
      case .totp(let verifier):
        let used = verifier.replayGuard.usedSteps.map(String.init).joined(separator: ", ")
        context.say("  used steps: \(used.isEmpty ? "none" : used)")
        var skew = "learned skew: \(verifier.skew) steps"
        if !verifier.skewLearner.observations.isEmpty {
          skew += " (learning: \(verifier.skewLearner.observations.count) of \(SkewLearner.required) observations)"
        }
        context.say(Line("  " + skew))
        context.say("  scratch codes left: \(verifier.scratchCodes.codes.count)")
        context.say(Line("  recent attempts: " + attempts(verifier.rateLimiter, policy: server.policy)))
      case .hotp(let verifier):
        context.say("  next counter: \(verifier.counter)")
        context.say("  scratch codes left: \(verifier.scratchCodes.codes.count)")
        context.say(Line("  recent attempts: " + attempts(verifier.rateLimiter, policy: server.policy)))
      }
    }
  }

  private static func attempts(_ limiter: RateLimiter?, policy: ServerPolicy) -> String {
    guard let limit = policy.rateLimit else { return "not counted (no rate limit)" }
    guard let limiter, limiter.limit == limit, !limiter.attempts.isEmpty else {
      return "none in the last \(Format.seconds(limit.span))"
    }
    return limiter.attempts.map { UnixTime(seconds: $0).description }.joined(separator: ", ")
  }

  static let policyUsage =
    "server policy [window N | past N | future N | replay on|off | rate-limit N per SECONDS | rate-limit off"
    + " | skew on|off | look-ahead N | lock-out N | lock-out off | scratch N | reset]"

  private static func policy(_ words: [String], in context: Context) throws(TutorError) {
    guard let setting = words.first?.lowercased() else {
      context.say("policy: \(Format.policy(context.world.server.policy))")
      return
    }
    let values = Array(words.dropFirst())
    func steps(_ meaning: String, maximum: Int = VerificationWindow.maximum) throws(TutorError) -> Int {
      guard values.count == 1 else {
        throw TutorError("server policy \(setting) needs one number", remedy: "type server policy \(setting) 1")
      }
      return try Arguments.integer(values[0], in: 0...maximum, meaning: meaning)
    }
    func onOff() throws(TutorError) -> Bool {
      guard values.count == 1, let word = values.first?.lowercased(), word == "on" || word == "off" else {
        throw TutorError("server policy \(setting) needs on or off", remedy: "type server policy \(setting) on")
      }
      return word == "on"
    }
    func window(past: Int, future: Int) throws(TutorError) -> VerificationWindow {
      do { return try VerificationWindow(past: past, future: future) } catch { throw TutorError(error) }
    }
    let current = context.world.server.policy.window
    switch setting {
    case "window":
      let count = try steps("window in steps")
      context.world.server.policy.window = try window(past: count, future: count)
    case "past":
      context.world.server.policy.window = try window(past: try steps("past window in steps"), future: current.future)
    case "future":
      context.world.server.policy.window = try window(past: current.past, future: try steps("future window in steps"))
    case "replay":
      context.world.server.policy.preventsReplay = try onOff()
      if !context.world.server.policy.preventsReplay {
        context.warn(
          "without replay prevention a code seen over a shoulder or phished can log in again until its step ends (RFC 6238 §5.2)"
        )
      }
    case "skew":
      context.world.server.policy.learnsSkew = try onOff()
    case "lock-out", "lockout":
      if values.count == 1, values[0].lowercased() == "off" {
        context.world.server.policy.lockOut = nil
      } else {
        let failures = try steps("failures in a row", maximum: LockOut.failureRange.upperBound)
        do { context.world.server.policy.lockOut = try LockOut(failures: failures) } catch { throw TutorError(error) }
      }
    case "look-ahead", "lookahead":
      let counters = try steps("look-ahead in counters", maximum: LookAhead.maximum)
      do { context.world.server.policy.lookAhead = try LookAhead(counters) } catch { throw TutorError(error) }
    case "rate-limit", "ratelimit":
      context.world.server.policy.rateLimit = try rateLimit(values)
    case "scratch":
      guard values.count == 1 else {
        throw TutorError("server policy scratch needs a count", remedy: "type server policy scratch 5")
      }
      try makeScratchCodes(values[0], in: context)
      return
    case "reset":
      context.world.server.policy = ServerPolicy()
    default:
      var remedy = "type " + policyUsage
      if let suggestion = Suggestion.closest(to: setting, among: policySettings) {
        remedy = "did you mean '\(suggestion)'? " + remedy
      }
      throw TutorError("'\(setting.quotedForMessage)' is not a server policy", remedy: remedy)
    }
    context.say("policy: \(Format.policy(context.world.server.policy))")
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
    guard span.components.attoseconds == 0 else { throw TutorError("a rate limit counts whole seconds", remedy: remedy) }
    do {
      return try RateLimit(attempts: attempts, per: span)
    } catch {
      throw TutorError(error)
    }
  }

  private static func makeScratchCodes(_ text: String, in context: Context) throws(TutorError) {
    let count = try Arguments.integer(text, in: 1...ScratchCodes.maximumCount, meaning: "number of scratch codes")
    let uri = try context.requireURI()
    let codes: ScratchCodes
    do { codes = try ScratchCodes.generate(count: count, using: &context.world.random) } catch { throw TutorError(error) }
    do { try context.world.server.setScratchCodes(codes, for: uri.account) } catch { throw TutorError(error) }
    context.secretEntered(for: uri.account + "#scratch", fromSeededGenerator: context.world.seed != nil)
    context.say("scratch codes for \(uri.label) (each works once; keep them somewhere safe):")
    for code in codes.codes { context.say("  \(secret: code)") }
    if let seed = context.world.seed {
      context.note("seeded scratch codes (seed \(seed)): for demos only; never use them for a real account")
    }
  }
}
