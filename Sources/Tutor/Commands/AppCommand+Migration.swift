import OTP
import QR

/// `app export`, `app import` and `app decode`: Google Authenticator's `otpauth-migration://`
/// export, made, read into the app on the phone in use, and shown field by field.
extension AppCommand {
  static let exportUsage = "app export [--png FILE]"
  static let importUsage = "app import <png|otpauth-migration link>"
  static let decodeUsage = "app decode <otpauth-migration link|png>"

  /// `app export [--png FILE]`: the link of every account, drawn at a terminal, saved as PNG.
  static func export(_ words: [String], in context: Context) throws(TutorError) {
    let arguments = try Arguments(words, command: "app export", options: ["--png"])
    try arguments.expectPositionals(0, usage: exportUsage)
    let app = context.world.app
    guard !app.accounts.isEmpty else {
      throw TutorError(
        "the app has no accounts to export", remedy: "enroll one first with 'enroll', or scan one with 'app scan'")
    }
    if let path = arguments.value("--png") { try FileStore.checkWritable(path, in: context.world.workingDirectory) }
    let batchID = Int32(truncatingIfNeeded: context.world.random.next())
    let export = app.export(batchID: batchID)
    for (label, gap) in export.leftOut {
      let reason =
        switch gap {
        case .period(let period): "its period is \(Format.seconds(period)) and the export format knows only 30 s"
        case .digits(let digits): "it has \(digits) digits and the export format knows only 6 and 8"
        }
      context.warn("\(label) is left out: \(reason); enroll it again on the new phone instead")
    }
    guard !export.payloads.isEmpty else {
      throw TutorError(
        "no account of this app fits in an export", remedy: "enroll each account on the new phone instead")
    }
    let count = export.payloads.count
    let pngs = try arguments.value("--png").map { path throws(TutorError) in try pngNames(path, count: count) } ?? []
    for (index, payload) in export.payloads.enumerated() {
      let labels = payload.accounts.map(\.name)
      let part = count == 1 ? "" : " in QR code \(index + 1) of \(count)"
      context.say("the app exported \(Format.count(labels.count, "account"))\(part): \(labels.joined(separator: ", "))")
      let link = payload.link
      context.showScannable(link)
      context.say("link: \(secret: link)")
      if index < pngs.count { try savePNG(link, to: pngs[index], in: context) }
    }
    context.record(.migrationExported)
    context.warn(
      "the export holds the secret of every account in it: whoever sees the link or a photo of its QR code"
        + " can make all their codes; show it only to your new phone, and delete any copy once it is imported")
  }

  /// The PNG file names for an export of `count` QR codes: the name given, then `name-2.png`.
  private static func pngNames(_ path: String, count: Int) throws(TutorError) -> [String] {
    guard count > 1 else { return [path] }
    let base = path.lowercased().hasSuffix(".png") ? String(path.dropLast(4)) : path
    return [path] + (2...count).map { "\(base)-\($0).png" }
  }

  private static func savePNG(_ link: String, to path: String, in context: Context) throws(TutorError) {
    let bytes: [UInt8]
    let code: QRCode
    do {
      code = try QRCode(encoding: link)
      bytes = try PNGRenderer(scale: 8, margin: 4).render(code, inverted: false)
    } catch { throw TutorError(error) }
    // The image carries every account's secret: written atomically, readable by its owner only.
    try FileStore.write(bytes, to: path, in: context.world.workingDirectory, replacing: .pngImage)
    context.say("saved the export QR code to \(path) (\(code.size)×\(code.size) modules, mode 0600)")
    context.noteWhereSaved(path)
  }

  /// `app import <png|link>`: every account of the export into the app on the phone in use.
  static func importAccounts(_ words: [String], in context: Context) throws(TutorError) {
    let arguments = try Arguments(words, command: "app import")
    try arguments.expectPositionals(1, usage: importUsage)
    let payloads = try payloads(from: arguments.positionals[0], in: context, verb: "import")
    var imported = 0
    for (payload, _) in payloads {
      guard !payload.accounts.isEmpty else {
        throw TutorError(
          "the export holds no accounts", remedy: "export again from an app that holds some, with 'app export'")
      }
      var app = context.world.app
      let results = app.importing(payload)
      context.world.app = app
      for result in results {
        switch result {
        case .added(let account), .replaced(let account):
          context.secretEntered(for: account.scanned.account)
          imported += 1
          var counter = ""
          if case .hotp = account.effective.kind { counter = ", next counter \(account.nextCounter)" }
          let replaced = if case .replaced = result { true } else { false }
          context.say(
            "the app \(replaced ? "replaced" : "added") \(account.scanned.label): \(account.effective.description)\(counter)"
          )
          if replaced {
            context.note("the app held an account named \(account.scanned.account) already; the export's replaced it")
          }
        case .refused(let name, let reason):
          context.warn("the account '\(name.quotedForMessage)' was not imported: \(reason)")
        }
      }
      if payload.batchSize > 1 {
        context.note(
          "this was QR code \(payload.batchIndex + 1) of \(payload.batchSize) of one export (batch_id \(payload.batchID)):"
            + " import the others too")
      }
    }
    guard imported > 0 else {
      throw TutorError(
        "no account of the export could be imported", remedy: "see the warnings above; enroll those accounts again")
    }
    context.record(.migrationImported)
  }

  /// `app decode <link|png>`: an export field by field, as its protocol buffer holds it.
  static func decode(_ words: [String], in context: Context) throws(TutorError) {
    let arguments = try Arguments(words, command: "app decode")
    try arguments.expectPositionals(1, usage: decodeUsage)
    let payloads = try payloads(from: arguments.positionals[0], in: context, verb: "decode")
    for (number, (payload, bytes)) in payloads.enumerated() {
      if payloads.count > 1 { context.say("QR code \(number + 1) of \(payloads.count):") }
      context.say("version: \(payload.version)")
      context.say("batch_size: \(payload.batchSize)")
      context.say("batch_index: \(payload.batchIndex)")
      context.say("batch_id: \(payload.batchID)")
      for (index, exported) in payload.accounts.enumerated() {
        context.say("otp_parameters \(index + 1) of \(payload.accounts.count):")
        let secret = (try? Secret(bytes: exported.secret)).map(\.base32) ?? ""
        context.say("  secret: \(secret: secret)  (base32 of \(Format.count(exported.secret.count, "byte")))")
        context.say("  name: \(exported.name)")
        context.say("  issuer: \(exported.issuer.isEmpty ? "(none)" : exported.issuer)")
        context.say("  algorithm: \(exported.algorithm)")
        context.say("  digits: \(exported.digits)")
        switch exported.kind {
        case .totp:
          context.say("  type: TOTP")
          context.say("  counter: none (TOTP counts 30-second steps)")
        case .hotp(let counter):
          context.say("  type: HOTP")
          context.say("  counter: \(counter)")
        }
        do {
          let uri = try AuthenticatorApp.uri(of: exported)
          context.say("  an app adds it as: \(uri.description)")
        } catch {
          context.say("  an app cannot add it: \(error.description)")
        }
      }
      if payload.accounts.isEmpty { context.say("otp_parameters: none") }
      if payload.bytes != bytes {
        context.note(
          "this export leaves out fields Google Authenticator writes, or orders them otherwise;"
            + " a field left out reads as its default (SHA1, 6 digits, TOTP, 0)")
      }
    }
  }

  /// The payloads a link or a PNG of export QR codes carries, each with its bytes as read.
  private static func payloads(from argument: String, in context: Context, verb: String) throws(TutorError)
    -> [(MigrationPayload, [UInt8])]
  {
    let lowered = argument.lowercased()
    let links: [String]
    if lowered.hasPrefix("otpauth-migration:") {
      links = [argument]
    } else if lowered.hasPrefix("otpauth:") {
      throw TutorError(
        "that is an enrollment URI for one account, not an export", remedy: "add it with 'app scan --uri <URI>'")
    } else if argument.contains("://") {
      throw TutorError(
        "'\(argument.quotedForMessage)' is not an export link",
        remedy: "an export link starts otpauth-migration://offline?data=; 'app export' makes one")
    } else {
      links = try linksInImage(argument, in: context, verb: verb)
    }
    var payloads: [(MigrationPayload, [UInt8])] = []
    for link in links {
      do {
        let bytes = try MigrationPayload.bytes(ofLink: link)
        payloads.append((try MigrationPayload(bytes: bytes), bytes))
      } catch .notAMigrationLink {
        throw TutorError(
          "'\(link.quotedForMessage)' is not an export link",
          remedy: "an export link starts otpauth-migration://offline?data=; 'app export' makes one")
      } catch {
        throw TutorError(
          "the export cannot be read: \(error)",
          remedy: "copy the whole link 'app export' printed, or \(verb) its QR code image")
      }
    }
    return payloads
  }

  private static func linksInImage(_ path: String, in context: Context, verb: String) throws(TutorError) -> [String] {
    let bytes = try FileStore.read(path, in: context.world.workingDirectory, what: "PNG image")
    let texts: [String]
    do { texts = try QRReader.decode(png: bytes) } catch {
      throw TutorError(
        "'\(path.quotedForMessage)': \(error)", remedy: "\(verb) an image made by 'app export --png FILE'")
    }
    let links = texts.filter { $0.lowercased().hasPrefix("otpauth-migration:") }
    guard links.isEmpty else { return links }
    if let text = texts.first {
      if text.lowercased().hasPrefix("otpauth:") {
        throw TutorError(
          "the QR code in '\(path.quotedForMessage)' enrolls one account; it is not an export",
          remedy: "add it with 'app scan \(path)'")
      }
      throw TutorError(
        "the QR code in '\(path.quotedForMessage)' is not an export (it says '\(text.quotedForMessage)')",
        remedy: "\(verb) an image made by 'app export --png FILE'")
    }
    throw TutorError(
      "'\(path.quotedForMessage)' has no QR code in it", remedy: "\(verb) an image made by 'app export --png FILE'")
  }
}
