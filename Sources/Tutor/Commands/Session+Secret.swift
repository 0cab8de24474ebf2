public import OTP

extension Session {
  /// The account commands act on, as enrolled.
  public var currentURI: KeyURI? {
    currentAccount.flatMap { server.records[$0]?.uri }
  }

  func requireURI() throws(TutorError) -> KeyURI {
    guard let uri = currentURI else {
      throw TutorError("there is no secret yet", remedy: "type 'secret new' or 'secret set <base32>' first")
    }
    return uri
  }

  func secret(_ words: [String]) throws(TutorError) {
    let action = try subcommand(words, of: "secret")
    let rest = Array(words.dropFirst())
    switch action {
    case "new":
      let arguments = try Arguments(rest, command: "secret new", options: ["--bits"])
      try arguments.expectPositionals(0, usage: "secret new [--bits N]")
      let bits =
        try arguments.integer(
          "--bits", in: Secret.randomBitCounts, meaning: "number of bits (a multiple of 8)") ?? Secret.recommendedBitCount
      let secret: Secret
      do { secret = try Secret.random(bits: bits, using: &random) } catch { throw TutorError(error) }
      say("secret: \(style.code(secret.base32))  (\(secret.bitCount) bits)")
      if let seed = random.seed {
        note("seeded secret (seed \(seed)): for demos only; never use it for a real account")
      }
      try share(secret)
    case "set":
      let arguments = try Arguments(rest, command: "secret set", flags: ["--hex", "--text"])
      guard !arguments.positionals.isEmpty else {
        throw TutorError("secret set needs the secret", remedy: "type secret set <base32> (or --hex <hex>, --text <ascii>)")
      }
      guard !(arguments.has("--hex") && arguments.has("--text")) else {
        throw TutorError("--hex and --text cannot go together", remedy: "choose one form of the secret")
      }
      let text = arguments.positionals.joined(separator: " ")
      let secret: Secret
      do {
        if arguments.has("--hex") {
          secret = try Secret(hex: text)
        } else if arguments.has("--text") {
          secret = try Secret(text: text)
        } else {
          secret = try Secret(base32: text)
        }
      } catch {
        let form = arguments.has("--hex") ? "hex" : arguments.has("--text") ? "text" : "base32"
        var remedy: String? = nil
        if form == "base32", case .invalidBase32 = error {
          remedy = "for hex add --hex, for plain text add --text"
        }
        throw TutorError("that \(form) secret is not valid: \(error)", remedy: remedy)
      }
      say("secret set: \(secret.bitCount) bits")
      try share(secret)
    default:
      try Arguments(rest, command: "secret show").expectPositionals(0, usage: "secret show")
      let uri = try requireURI()
      let secret = uri.secret
      say("base32: \(style.code(secret.base32))")
      say("hex:    \(secret.hex)")
      let verdict =
        switch secret.strength {
        case .weak: "weak"
        case .acceptable: "acceptable: RFC 4226 §4's minimum is 128"
        case .recommended: "good: RFC 4226 §4 recommends 160"
        }
      say("bits:   \(secret.bitCount) (\(verdict))")
      if let warning = secret.weaknessWarning { warn(warning) }
    }
  }

  /// Gives a new secret to the current account (or a new default one) on the server and in the app.
  func share(_ secret: Secret) throws(TutorError) {
    if let warning = secret.weaknessWarning { warn(warning) }
    var uri = currentURI ?? KeyURI(secret: secret, account: "learner")
    uri.secret = secret
    if case .hotp = uri.kind { uri.kind = .hotp(counter: 0) }
    try install(uri)
    say("The login server and the authenticator app now share this secret: \(uri.description).")
  }

  /// Puts an account on the server and in the app, and makes it current.
  func install(_ uri: KeyURI) throws(TutorError) {
    try server.enroll(uri)
    app.add(uri)
    currentAccount = uri.account
  }
}
