import OTP
import QR

extension Session {
  func appCommand(_ words: [String]) throws(TutorError) {
    let action = try subcommand(words, of: "app")
    let rest = Array(words.dropFirst())
    switch action {
    case "scan":
      let arguments = try Arguments(rest, command: "app scan", options: ["--uri"])
      let parsed: KeyURI.Parsed
      if let text = arguments.value("--uri") {
        try arguments.expectPositionals(0, usage: "app scan --uri <otpauth URI>")
        do { parsed = try KeyURI.parse(text) } catch { throw TutorError(error) }
      } else {
        try arguments.expectPositionals(1, usage: "app scan <png>, or app scan --uri <otpauth URI>")
        parsed = try scan(image: arguments.positionals[0])
      }
      for warning in parsed.warnings { warn(warning.description) }
      let replaced = app.account(named: parsed.uri.account) != nil
      let account = app.add(parsed.uri)
      say("the app \(replaced ? "replaced" : "added") \(account.scanned.label): \(account.effective.description)")
      let ignored = Self.differences(between: account.scanned, and: account.effective)
      if !ignored.isEmpty {
        warn("this app ignores " + ignored.joined(separator: ", ") + " (profile \(app.profile.rawValue))")
      }
    case "list":
      try Arguments(rest, command: "app list").expectPositionals(0, usage: "app list")
      guard !app.accounts.isEmpty else {
        say("the app has no accounts yet; scan one with 'app scan totp_qr.png' or 'enroll'")
        return
      }
      for account in app.accounts {
        var line = "  \(account.scanned.label): \(account.effective.description)"
        if case .hotp = account.effective.kind { line += ", next counter \(account.nextCounter)" }
        say(line)
      }
      say("profile: \(app.profile.rawValue)")
    case "code":
      let arguments = try Arguments(rest, command: "app code")
      guard arguments.positionals.count <= 1 else {
        throw TutorError("unexpected '\(arguments.positionals[1].quotedForMessage)'", remedy: "type app code [account]")
      }
      try appCode(for: arguments.positionals.first)
    case "remove":
      let arguments = try Arguments(rest, command: "app remove")
      try arguments.expectPositionals(1, usage: "app remove <account>")
      let name = arguments.positionals[0]
      guard app.remove(named: name) else {
        throw TutorError("the app has no account '\(name.quotedForMessage)'", remedy: appAccountsHint)
      }
      say("the app removed \(name)")
    default:
      let arguments = try Arguments(rest, command: "app profile")
      guard let name = arguments.positionals.first else {
        say("profile: \(app.profile.rawValue)")
        return
      }
      try arguments.expectPositionals(1, usage: "app profile [strict|ignores-parameters]")
      guard let profile = AuthenticatorApp.Profile(rawValue: name.lowercased()) else {
        throw TutorError("'\(name.quotedForMessage)' is not a profile", remedy: "use strict or ignores-parameters")
      }
      app.profile = profile
      say("profile: \(profile.rawValue)" + (profile == .strict ? "" : " (accounts scanned from now on use SHA1, 6 digits, 30 s)"))
    }
  }

  var appAccountsHint: String {
    app.accounts.isEmpty
      ? "the app has no accounts; scan one with 'app scan <png>'"
      : "the app holds: " + app.accounts.map(\.scanned.account).joined(separator: ", ")
  }

  private func scan(image path: String) throws(TutorError) -> KeyURI.Parsed {
    let bytes = try FileStore.read(path, in: workingDirectory, what: "PNG image")
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

  private func appCode(for name: String?) throws(TutorError) {
    guard let name = name ?? currentAccount.flatMap({ app.account(named: $0) != nil ? $0 : nil }) ?? app.accounts.last?.scanned.account
    else {
      throw TutorError("the app has no accounts yet", remedy: "scan one with 'app scan <png>' or 'app scan --uri <URI>'")
    }
    guard let account = app.account(named: name) else {
      throw TutorError("the app has no account '\(name.quotedForMessage)'", remedy: appAccountsHint)
    }
    let shown: String
    switch account.effective.kind {
    case .totp:
      let (code, remaining, step) = try app.totpCode(for: name, at: appTime)
      shown = code
      var line = "\(style.code(code))  (\(account.scanned.label), \(Self.ceilingSeconds(remaining)) s left in step \(step)"
      if drift != .zero { line += ", app time \(appTime)" }
      say(line + ")")
    case .hotp:
      let (code, counter) = try app.pressHOTP(for: name)
      shown = code
      say("\(style.code(code))  (\(account.scanned.label), counter \(counter); the app's next counter is \(counter &+ 1))")
    }
    explainMismatch(shown, account: account)
  }

  /// When the server would not take the app's code, says which parameter differs.
  private func explainMismatch(_ code: String, account: AuthenticatorApp.Account) {
    guard let record = server.records[account.scanned.account] else { return }
    let server = record.uri
    guard case .totp = server.kind, case .totp = account.effective.kind else { return }
    guard let expected = try? server.totp().code(at: clock.time), expected != code else { return }
    var reasons = Self.differences(between: server, and: account.effective)
    if account.effective.secret != server.secret { reasons.insert("the secret", at: 0) }
    if reasons.isEmpty, drift != .zero {
      reasons.append("the app's clock (\(Self.signed(drift)) from the server's)")
    }
    guard !reasons.isEmpty else { return }
    let listed = reasons.count > 1 ? reasons.dropLast().joined(separator: ", ") + " and " + (reasons.last ?? "") : reasons[0]
    warn("the server expects \(expected) now; they differ in " + listed)
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
      differences.append("period (\(serverPeriod) s on the server, \(appPeriod) s in the app)")
    }
    return differences
  }
}
