import OTP
import QR

/// `app`: the simulated authenticator app on the phone in use: scan, list, show codes, remove,
/// choose a profile, and move accounts with Google Authenticator's export (`AppCommand+Migration`).
struct AppCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "app", summary: "the simulated authenticator app: scan, list, show codes, export, import",
    usage: [
      "app scan <png>", "app scan --uri <otpauth URI>", "app list", "app code [account]", "app remove <account>",
      "app profile [strict|ignores-parameters]", "app export [--png FILE]", "app import <png|otpauth-migration link>",
      "app decode <otpauth-migration link|png>",
    ],
    examples: ["app scan totp_qr.png", "app code", "app profile ignores-parameters", "app export --png export.png"],
    subcommands: ["scan", "list", "code", "remove", "profile", "export", "import", "decode"], options: ["--uri", "--png"],
    takesFile: true,
    details: [
      "The app is the one on the phone in use ('phone list'); 'app export' shows an otpauth-migration:// link,",
      "as secret as every key in it, and 'app import' adds its accounts to the app on the phone in use.",
    ])

  static func carriesSecret(_ words: [String]) -> Bool {
    words.contains { $0.lowercased().hasPrefix("--uri") || $0.lowercased().hasPrefix("otpauth-migration:") }
  }

  static func completions(after words: [String], in session: Session) -> [String]? {
    switch words.map({ $0.lowercased() }) {
    case ["code"], ["remove"]: session.world.app.accountNames
    case ["profile"]: AuthenticatorApp.Profile.allCases.map(\.rawValue)
    default: nil
    }
  }

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    let action = try Arguments.subcommand(words, of: spec)
    let rest = Array(words.dropFirst())
    // Decoding reads a link and changes no app; everything else needs the phone it runs on.
    if action != "decode", context.world.phones.inUse == nil { throw TutorError(Phones.Failure.noPhone) }
    switch action {
    case "export":
      try export(rest, in: context)
    case "import":
      try importAccounts(rest, in: context)
    case "decode":
      try decode(rest, in: context)
    case "scan":
      let arguments = try Arguments(rest, command: "app scan", options: ["--uri"])
      let parsed: KeyURI.Parsed
      if let text = arguments.value("--uri") {
        try arguments.expectPositionals(0, usage: "app scan --uri <otpauth URI>")
        do { parsed = try KeyURI.parse(text) } catch { throw TutorError(error) }
      } else {
        try arguments.expectPositionals(1, usage: "app scan <png>, or app scan --uri <otpauth URI>")
        parsed = try scan(image: arguments.positionals[0], in: context)
      }
      for warning in parsed.warnings { context.warn(warning.description) }
      context.secretEntered(for: parsed.uri.account)
      let replaced = context.world.app.account(named: parsed.uri.account) != nil
      let account = context.world.app.add(parsed.uri)
      context.say("the app \(replaced ? "replaced" : "added") \(account.scanned.label): \(account.effective.description)")
      let ignored = differences(between: account.scanned, and: account.effective)
      if !ignored.isEmpty {
        context.warn(
          "this app ignores " + ignored.joined(separator: ", ") + " (profile \(context.world.app.profile.rawValue))")
      }
    case "list":
      try Arguments(rest, command: "app list").expectPositionals(0, usage: "app list")
      let app = context.world.app
      guard !app.accounts.isEmpty else {
        context.say("the app has no accounts yet; scan one with 'app scan totp_qr.png' or 'enroll'")
        return
      }
      for account in app.accounts {
        var counter = ""
        if case .hotp = account.effective.kind { counter = ", next counter \(account.nextCounter)" }
        context.say("  \(account.scanned.label): \(account.effective.description)\(counter)")
      }
      context.say("profile: \(app.profile.rawValue)")
    case "code":
      let arguments = try Arguments(rest, command: "app code")
      guard arguments.positionals.count <= 1 else {
        throw TutorError("unexpected '\(arguments.positionals[1].quotedForMessage)'", remedy: "type app code [account]")
      }
      try showCode(for: arguments.positionals.first, in: context)
    case "remove":
      let arguments = try Arguments(rest, command: "app remove")
      try arguments.expectPositionals(1, usage: "app remove <account>")
      let name = arguments.positionals[0]
      guard context.world.app.remove(named: name) else {
        throw TutorError(AuthenticatorApp.Failure.noSuchAccount(name, known: context.world.app.accountNames))
      }
      context.say("the app removed \(name)")
    default:
      let arguments = try Arguments(rest, command: "app profile")
      guard let name = arguments.positionals.first else {
        context.say("profile: \(context.world.app.profile.rawValue)")
        return
      }
      try arguments.expectPositionals(1, usage: "app profile [strict|ignores-parameters]")
      guard let profile = AuthenticatorApp.Profile(rawValue: name.lowercased()) else {
        throw TutorError("'\(name.quotedForMessage)' is not a profile", remedy: "use strict or ignores-parameters")
      }
      context.world.app.profile = profile
      context.say(
        "profile: \(profile.rawValue)" + (profile == .strict ? "" : " (accounts scanned from now on use SHA1, 6 digits, 30 s)"))
    }
  }

  private static func scan(image path: String, in context: Context) throws(TutorError) -> KeyURI.Parsed {
    let bytes = try FileStore.read(path, in: context.world.workingDirectory, what: "PNG image")
    let texts: [String]
    do { texts = try QRReader.decode(png: bytes) } catch { throw TutorError("'\(path.quotedForMessage)': \(error)") }
    guard let text = texts.first(where: { $0.lowercased().hasPrefix("otpauth:") }) ?? texts.first else {
      throw TutorError("'\(path.quotedForMessage)' has no QR code in it", remedy: "scan an image made by 'qr --png'")
    }
    do {
      return try KeyURI.parse(text)
    } catch {
      if !text.lowercased().hasPrefix("otpauth:") {
        throw TutorError(
          "the QR code in '\(path.quotedForMessage)' is not an otpauth:// URI (it says '\(text.quotedForMessage)')",
          remedy: "scan an enrollment QR code, like one made by 'qr --png'")
      }
      throw TutorError(error)
    }
  }

  private static func showCode(for name: String?, in context: Context) throws(TutorError) {
    let app = context.world.app
    guard
      let name = name ?? context.world.currentAccount.flatMap({ app.account(named: $0) != nil ? $0 : nil })
        ?? app.accounts.last?.scanned.account
    else {
      throw TutorError("the app has no accounts yet", remedy: "scan one with 'app scan <png>' or 'app scan --uri <URI>'")
    }
    guard let account = app.account(named: name) else {
      throw TutorError(AuthenticatorApp.Failure.noSuchAccount(name, known: app.accountNames))
    }
    let shown: String
    switch account.effective.kind {
    case .totp:
      let appTime = context.world.appTime
      let (code, remaining, step): (String, Duration, UInt64)
      do { (code, remaining, step) = try app.totpCode(for: name, at: appTime) } catch { throw TutorError(error) }
      shown = code
      let drift = context.world.drift == .zero ? "" : ", app time \(appTime)"
      context.say(
        "\(code: code)  (\(account.scanned.label), \(Format.ceilingSeconds(remaining)) s left in step \(step)\(drift))")
    case .hotp:
      let (code, counter): (String, UInt64)
      do { (code, counter) = try context.world.app.pressHOTP(for: name) } catch { throw TutorError(error) }
      shown = code
      context.say("\(code: code)  (\(account.scanned.label), counter \(counter); the app's next counter is \(counter &+ 1))")
    }
    explainMismatch(shown, account: account, in: context)
  }

  /// When the server would not take the app's code, says which parameter differs.
  private static func explainMismatch(_ code: String, account: AuthenticatorApp.Account, in context: Context) {
    guard let record = context.world.server.records[account.scanned.account] else { return }
    let server = record.uri
    guard case .totp = server.kind, case .totp = account.effective.kind else { return }
    guard let expected = try? server.totp().code(at: context.world.clock.time), expected != code else { return }
    var reasons = differences(between: server, and: account.effective)
    if account.effective.secret != server.secret { reasons.insert("the secret", at: 0) }
    if reasons.isEmpty, context.world.drift != .zero {
      reasons.append("the app's clock (\(Format.signed(context.world.drift)) from the server's)")
    }
    guard !reasons.isEmpty else { return }
    context.warn("the server expects \(expected) now; they differ in " + Format.list(reasons))
  }

  static func differences(between server: KeyURI, and app: KeyURI) -> [String] {
    var differences: [String] = []
    if server.algorithm != app.algorithm {
      differences.append("algorithm (\(server.algorithm) on the server, \(app.algorithm) in the app)")
    }
    if server.digits != app.digits {
      differences.append("digits (\(server.digits) on the server, \(app.digits) in the app)")
    }
    if case .totp(let serverPeriod) = server.kind, case .totp(let appPeriod) = app.kind, serverPeriod != appPeriod {
      differences.append("period (\(Format.seconds(serverPeriod)) on the server, \(Format.seconds(appPeriod)) in the app)")
    }
    return differences
  }
}
