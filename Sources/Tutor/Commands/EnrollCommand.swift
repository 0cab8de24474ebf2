import OTP
import QR

/// `enroll`: give an account to the login server and the app, from options or a URI.
struct EnrollCommand: ShellCommand {
  static let valueOptions = [
    "--type", "--secret", "--account", "--issuer", "--algorithm", "--digits", "--period", "--counter", "--uri",
  ]

  static let spec = CommandSpec(
    name: "enroll", summary: "give the account to the login server and the app",
    usage: [
      "enroll [--type totp|hotp] [--secret BASE32] [--account A] [--issuer I] [--algorithm SHA1|SHA256|SHA512]"
        + " [--digits N] [--period SECONDS] [--counter N]",
      "enroll --uri <otpauth URI>",
    ],
    examples: [
      "enroll --account Muhammad --issuer CodingFleet.com", "enroll --type hotp --counter 0",
      "enroll --type hotp --secret Muhammad",
    ],
    options: valueOptions,
    details: [
      "Options left out keep the current account's settings and secret (a new account name drops its issuer);",
      "with no secret yet, and no --secret, a new 160-bit one is made.",
    ])

  static func carriesSecret(_ words: [String]) -> Bool {
    words.contains { $0.lowercased().hasPrefix("--uri") || $0.lowercased().hasPrefix("--secret") }
  }

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    let arguments = try Arguments(words, command: "enroll", options: Set(valueOptions))
    try arguments.expectPositionals(0, usage: "enroll [--account A] [--issuer I] … or enroll --uri <otpauth URI>")
    let uri: KeyURI
    let origin: SecretOrigin
    if let text = arguments.value("--uri") {
      if let other = valueOptions.filter({ $0 != "--uri" }).sorted().first(where: { arguments.value($0) != nil }) {
        throw TutorError("--uri already says everything, so \(other) cannot go with it", remedy: "use one or the other")
      }
      let parsed: KeyURI.Parsed
      do { parsed = try KeyURI.parse(text) } catch { throw TutorError(error) }
      for warning in parsed.warnings { context.warn(warning.description) }
      uri = parsed.uri
      origin = .real
    } else {
      (uri, origin) = try uriFromOptions(arguments, in: context)
    }
    try context.install(uri)
    switch origin {
    case .real: context.secretEntered(for: uri.account)
    case .seeded: context.secretEntered(for: uri.account, fromSeededGenerator: true)
    case .sameAs(let previous):
      context.secretEntered(for: uri.account, fromSeededGenerator: !context.world.realSecrets.contains(previous))
    }
    context.say("enrolled: \(uri.description)")
    // (The enrollment lesson shows the code with 'qr'.)
    context.showScannable(uri.string)
    context.say("uri: \(secret: uri.string)")
    if context.world.phones.inUse == nil {
      context.say("The login server now holds this account; you have no phone to hold it ('phone new <name>' gets one).")
    } else {
      context.say("The login server and the authenticator app now hold this account.")
    }
  }

  /// Where an enrolled account's secret came from, for recordings.
  private enum SecretOrigin {
    case real
    case seeded
    /// The secret of the account of that name, kept.
    case sameAs(String)
  }

  private static func uriFromOptions(_ arguments: Arguments, in context: Context) throws(TutorError) -> (
    KeyURI, SecretOrigin
  ) {
    let previous = context.world.currentURI
    let secret: Secret
    let origin: SecretOrigin
    if let text = arguments.value("--secret") {
      do { secret = try Secret(base32: text) } catch {
        throw TutorError("that base32 secret is not valid: \(error)", remedy: "give it as base32, like --secret JBSWY3DPEHPK3PXP")
      }
      if let warning = secret.weaknessWarning { context.warn(warning) }
      origin = .real
    } else if let previous {
      secret = previous.secret
      origin = .sameAs(previous.account)
    } else {
      origin = context.world.seed == nil ? .real : .seeded
      do { secret = try Secret.random(using: &context.world.random) } catch { throw TutorError(error) }
      context.say("secret: \(secret: secret.base32)  (a new \(secret.bitCount)-bit secret, as there was none)")
      context.noteIfSeeded()
    }
    let type = arguments.value("--type")?.lowercased() ?? (previous.map { $0.kind.name } ?? "totp")
    guard type == "totp" || type == "hotp" else {
      throw TutorError("'\(type.quotedForMessage)' is not a type", remedy: "use --type totp or --type hotp")
    }
    var algorithm = previous?.algorithm ?? .sha1
    if let name = arguments.value("--algorithm") {
      guard let parsed = HashAlgorithm(name: name) else {
        throw TutorError("'\(name.quotedForMessage)' is not an algorithm", remedy: "use SHA1, SHA256 or SHA512")
      }
      algorithm = parsed
    }
    let digits =
      try arguments.integer("--digits", in: HOTP.supportedDigits, meaning: "number of digits") ?? previous?.digits ?? 6
    let kind: KeyURI.Kind
    if type == "totp" {
      guard arguments.value("--counter") == nil else {
        throw TutorError("--counter is for HOTP", remedy: "add --type hotp, or leave out --counter")
      }
      var period = Duration.seconds(30)
      if case .totp(let previousPeriod) = previous?.kind { period = previousPeriod }
      let maximum = Int(KeyURI.maximumPeriod.components.seconds)
      if let seconds = try arguments.integer("--period", in: 1...maximum, meaning: "period in seconds") {
        period = .seconds(seconds)
      }
      kind = .totp(period: period)
    } else {
      guard arguments.value("--period") == nil else {
        throw TutorError("--period is for TOTP", remedy: "leave it out for --type hotp")
      }
      var counter: UInt64 = 0
      if let text = arguments.value("--counter") {
        guard let value = UInt64(text) else {
          throw TutorError(
            "'\(text.quotedForMessage)' is not a counter", remedy: "use a whole number from 0 to 18446744073709551615")
        }
        counter = value
      }
      kind = .hotp(counter: counter)
    }
    let account = arguments.value("--account") ?? previous?.account ?? "learner"
    guard !account.isEmpty, !account.contains(":") else {
      throw TutorError("an account name must not be empty or contain ':'", remedy: "try --account alice@example.com")
    }
    let issuer = arguments.value("--issuer") ?? (arguments.value("--account") == nil ? previous?.issuer : nil)
    if let issuer, issuer.isEmpty || issuer.contains(":") {
      throw TutorError("an issuer must not be empty or contain ':'", remedy: "try --issuer CodingFleet.com")
    }
    let uri: KeyURI
    do {
      uri = try KeyURI(kind: kind, secret: secret, account: account, issuer: issuer, algorithm: algorithm, digits: digits)
    } catch { throw TutorError(error) }
    return (uri, origin)
  }
}
