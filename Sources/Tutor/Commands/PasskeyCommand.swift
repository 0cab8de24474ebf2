import OTP

/// `passkey`: an origin-bound credential (a small WebAuthn-style model) to compare with codes.
struct PasskeyCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "passkey", summary: "an origin-bound credential (WebAuthn-style, P-256) to compare with codes",
    usage: ["passkey register", "passkey login", "passkey show"],
    examples: ["passkey register", "passkey login"],
    subcommands: ["register", "login", "show"],
    details: [
      "A model, not WebAuthn itself: real P-256 signatures over the challenge, the origin the browser sees,",
      "the relying party id's hash and a counter; no CBOR, attestation or user verification.",
    ])

  /// The account passkeys are for: the current one, else `learner`.
  static func account(in context: Context) -> String {
    context.world.currentAccount ?? "learner"
  }

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    let action = try Arguments.subcommand(words, of: spec)
    try Arguments(Array(words.dropFirst()), command: "passkey \(action)").expectPositionals(0, usage: "passkey \(action)")
    let account = account(in: context)
    let server = context.world.passkeyServer
    switch action {
    case "register":
      let registration = context.withRandom { context.world.passkeys.register(relyingParty: server.relyingParty, using: &$0) }
      context.world.passkeyServer.register(registration, for: account)
      context.say("your authenticator made a P-256 key pair for \(server.relyingParty); the private key never leaves it")
      context.say("the server keeps the public key for \(account): \(code: context.world.passkeyServer.keyFingerprint(of: account) ?? "")…")
      context.say("next: passkey login (the real site), then phish passkey (the look-alike)")
    case "login":
      let assertion = try signChallenge(for: account, at: server.origin, in: context)
      context.say("\(server.origin) sends a fresh 32-byte challenge")
      context.say("your browser is at \(server.origin); the authenticator signs the challenge with that origin:")
      showClientData(assertion, in: context)
      context.say("  signature:   \(assertion.signature.count) bytes, P-256 ECDSA over the authenticator data and the client data's SHA-256")
      do {
        try context.world.passkeyServer.verify(assertion, account: account)
        context.say("server:    \(good: "accepted"): signature valid, challenge fresh, origin \(server.origin), counter up")
        context.record(.passkeyAccepted)
      } catch {
        context.say("server:    \(bad: "refused"): \(reason(error))")
      }
    default:
      guard let fingerprint = server.keyFingerprint(of: account) else {
        context.say("\(account) has no passkey; type passkey register")
        return
      }
      context.say("\(account): a passkey for \(server.relyingParty), public key \(code: fingerprint)…; logins must come from \(server.origin)")
    }
  }

  /// A fresh challenge from the server, signed by the authenticator with the origin the
  /// browser is at: the real site's, or the look-alike's that relays it.
  static func signChallenge(for account: String, at origin: String, in context: Context) throws(TutorError) -> Assertion {
    guard context.world.passkeyServer.isRegistered(account) else {
      throw TutorError("\(account) has no passkey yet", remedy: "type passkey register first")
    }
    let challenge = context.withRandom { context.world.passkeyServer.challenge(using: &$0) }
    guard let assertion = context.world.passkeys.assert(challenge, origin: origin) else {
      throw TutorError("the authenticator has no passkey for \(challenge.relyingParty)", remedy: "type passkey register first")
    }
    return assertion
  }

  /// The signed client data, a field a line (its values hold no commas).
  static func showClientData(_ assertion: Assertion, in context: Context) {
    let json = String(decoding: assertion.clientDataJSON, as: UTF8.self)
    let fields = json.split(separator: ",").map(String.init)
    for (index, field) in fields.enumerated() {
      let label = index == 0 ? "  client data: " : "               "
      context.say("\(label)\(code: field + (index < fields.count - 1 ? "," : ""))")
    }
  }

  static func reason(_ refusal: PasskeyServer.Refusal) -> String {
    switch refusal {
    case .noCredential(let account): "no passkey registered for \(account)"
    case .badSignature: "the signature does not verify with the registered public key"
    case .wrongType(let type): "the client data is for '\(type)', not a login"
    case .staleChallenge: "the challenge is not the one the server just sent"
    case .wrongOrigin(let seen, let expected): "the client data names the origin \(seen), not \(expected)"
    case .wrongRelyingParty: "the authenticator data is for another relying party"
    case .counterWentBack: "the signature counter did not go up: a cloned authenticator?"
    }
  }
}
