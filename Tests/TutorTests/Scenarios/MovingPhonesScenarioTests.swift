import Foundation
import OTP
import Testing

@testable import Tutor

/// Moving, backing up and losing a phone, through the shell: export, import, decode, a second
/// phone, a lost one and a scratch code.
@Suite("Scenarios: moving and losing a phone")
struct MovingPhonesScenarioTests {
  static let dim13 = AuthenticatorAppMigrationTests.dim13
  static let dim13URI = AuthenticatorAppMigrationTests.dim13URI
  static let hotpURI =
    "otpauth://hotp/CodingFleet.com:Muhammad?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=CodingFleet.com&counter=0"

  /// The link an `app export` printed.
  static func link(in text: String) throws -> String {
    let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("link: ") })
    return String(line.dropFirst("link: ".count))
  }

  @Test("export, then import on a new phone: the same codes, HOTP counters kept, the facts reported")
  func roundTrip() throws {
    let shell = Harness(start: UnixTime(seconds: 59), seed: 3)
    shell.run("enroll --uri \(Self.dim13URI)")
    shell.run("enroll --uri \(Self.hotpURI)")
    shell.run("app code Muhammad")  // the app's next counter is 1
    let exported = shell.session.runSilently("app export")
    #expect(exported.facts == [.migrationExported])
    let text = exported.plainLines.joined(separator: "\n")
    #expect(text.contains("the app exported 2 accounts: Example:alice@google.com, CodingFleet.com:Muhammad"))
    #expect(text.contains("warning: the export holds the secret of every account in it"))
    #expect(exported.events.contains { if case .line(let line) = $0 { line.holdsSecret } else { false } })
    let link = try Self.link(in: text)
    let oldCode = shell.text("app code alice@google.com")
    #expect(
      shell.text("phone new new-phone").hasPrefix("you have a new phone, new-phone, with an empty authenticator app"))
    #expect(shell.text("phone use new-phone") == "using new-phone: its app holds 0 accounts\n")
    #expect(shell.text("app list").hasPrefix("the app has no accounts yet"))
    let imported = shell.session.runSilently("app import \(link)")
    #expect(imported.facts == [.migrationImported])
    #expect(
      imported.plainLines == [
        "the app added Example:alice@google.com: TOTP Example:alice@google.com (SHA1, 6 digits, 30 s)",
        "the app added CodingFleet.com:Muhammad: HOTP CodingFleet.com:Muhammad (SHA1, 6 digits, counter 1), next counter 1",
      ])
    #expect(shell.text("app code alice@google.com") == oldCode)
    // RFC 4226 Appendix D, counter 1: where the old phone's app had got to.
    #expect(shell.text("app code Muhammad").hasPrefix("287082  (CodingFleet.com:Muhammad, counter 1;"))
    #expect(
      shell.run("login alice@google.com", answers: [String(oldCode.prefix(6))]).text.hasPrefix(
        "Authentication successful!"))
    // Importing again replaces, with a note.
    let again = shell.text("app import \(link)")
    #expect(again.contains("the app replaced Example:alice@google.com"))
    #expect(again.contains("note: the app held an account named alice@google.com already; the export's replaced it"))
  }

  @Test("the link an app holding dim13's account exports reads as dim13's vector, field for field")
  func dim13() throws {
    let shell = Harness(seed: 1)
    shell.run("enroll --uri \(Self.dim13URI)")
    let link = try Self.link(in: shell.text("app export"))
    let ours = try MigrationPayload(link: link)
    let theirs = try MigrationPayload(link: Self.dim13)
    #expect(ours.accounts == theirs.accounts)
    #expect((ours.version, ours.batchSize, ours.batchIndex) == (1, 1, 0))
  }

  @Test("app decode shows a real export field by field, the secret with the secret role")
  func decode() throws {
    let shell = Harness()
    let decoded = shell.session.runSilently("app decode \(Self.dim13)")
    #expect(
      decoded.plainLines == [
        "version: 0", "batch_size: 0", "batch_index: 0", "batch_id: 0",
        "otp_parameters 1 of 1:",
        "  secret: JBSWY3DPEHPK3PXP  (base32 of 10 bytes)",
        "  name: Example:alice@google.com",
        "  issuer: Example",
        "  algorithm: SHA1",
        "  digits: 6",
        "  type: TOTP",
        "  counter: none (TOTP counts 30-second steps)",
        "  an app adds it as: TOTP Example:alice@google.com (SHA1, 6 digits, 30 s)",
        "note: this export leaves out fields Google Authenticator writes, or orders them otherwise;"
          + " a field left out reads as its default (SHA1, 6 digits, TOTP, 0)",
      ])
    let secretLine = decoded.events.compactMap { if case .line(let line) = $0, line.holdsSecret { line } else { nil } }
    #expect(secretLine.count == 1)
    #expect(Session.lineCarriesSecret("app decode \(Self.dim13)"))
    #expect(Session.lineCarriesSecret("app import \(Self.dim13)"))
    // Decoding needs no phone, and changes no app.
    shell.run("phone lose")
    #expect(shell.run("app decode \(Self.dim13)").outcome == .succeeded)
  }

  @Test("a second phone enrolled in advance shows the same codes")
  func secondPhone() throws {
    let shell = Harness(start: UnixTime(seconds: 59))
    shell.run("enroll --uri \(Self.dim13URI)")
    shell.run("phone new backup")
    shell.run("phone use backup")
    shell.run("app scan --uri \(Self.dim13URI)")
    let backup = shell.text("app code")
    shell.run("phone lose my-phone")
    #expect(shell.text("phone list") == "  backup (in use): 1 account: Example:alice@google.com\n")
    #expect(shell.text("app code") == backup)
  }

  @Test("a lost phone: the app is gone, a scratch code still logs in, a new phone starts empty")
  func lostPhone() throws {
    let shell = Harness(seed: 16)
    shell.run("enroll --uri \(Self.dim13URI)")
    let scratch = shell.text("server scratch 2").split(separator: "\n")[1].trimmingCharacters(in: .whitespaces)
    let lost = shell.session.runSilently("phone lose")
    #expect(lost.facts == [.phoneLost])
    #expect(
      lost.plainLines == [
        "lost: my-phone, and its app with 1 account: Example:alice@google.com",
        "you have no phone now: log in with a scratch code, or get one with 'phone new <name>'",
      ])
    #expect(shell.text("app code") == "error: you have no phone: every one was lost; get one with 'phone new <name>'\n")
    #expect(shell.text("phone list").hasPrefix("you have no phone"))
    #expect(
      shell.run("login", answers: [scratch]).text.hasPrefix(
        "Authentication successful!\nserver: scratch code used, 1 left"))
    #expect(
      shell.text("enroll --account bob").contains(
        "The login server now holds this account; you have no phone to hold it"))
    #expect(shell.text("phone new replacement").hasSuffix("; it is the phone in use\n"))
    #expect(shell.text("app list").hasPrefix("the app has no accounts yet"))
  }

  @Test(
    "bad input: one line saying what was wrong and what to type instead",
    arguments: [
      ("app import", "app import needs more arguments; type app import <png|otpauth-migration link>"),
      (
        "app import otpauth://totp/x?secret=JBSWY3DP",
        "that is an enrollment URI for one account, not an export; add it with 'app scan --uri <URI>'"
      ),
      (
        "app import https://example.com/x",
        "is not an export link; an export link starts otpauth-migration://offline?data="
      ),
      ("app import otpauth-migration://online?data=CjEK", "is not an export link"),
      ("app import otpauth-migration://offline?data=!!!!", "the export cannot be read: the link's data is not base64"),
      (
        "app import otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4",
        "the export cannot be read: the export is cut short"
      ),
      ("app import otpauth-migration://offline?data=", "the export holds no accounts"),
      ("app decode otpauth-migration://offline?data=CgcKAUEgBDAC", "the export uses algorithm 4"),
      ("app import nothing.png", "there is no file 'nothing.png'"),
      ("app export", "the app has no accounts to export; enroll one first"),
      ("app export --png", "--png needs a value"),
      ("phone new", "phone new needs more arguments"),
      ("phone new my-phone", "you already have a phone named 'my-phone'"),
      ("phone new 'two words'", "'two words' is not a phone name; use letters, digits and hyphens"),
      ("phone use pager", "there is no phone 'pager'; your phones: my-phone"),
      ("phone lose pager", "there is no phone 'pager'"),
      ("phone los", "did you mean 'phone lose'?"),
    ])
  func badInput(_ line: String, _ message: String) {
    let shell = Harness()
    let result = shell.run(line)
    #expect(result.outcome == .failed)
    #expect(result.text.hasPrefix("error: "), "\(result.text)")
    #expect(result.text.filter { $0 == "\n" }.count == 1, "\(result.text)")
    #expect(result.text.contains(message), "\(result.text)")
  }

  @Test("Tab completes the new subcommands and the phones' names")
  func completion() {
    let shell = Harness()
    shell.run("phone new backup")
    #expect(shell.session.completions(for: "app ex") == ["export"])
    #expect(shell.session.completions(for: "app de") == ["decode"])
    #expect(shell.session.completions(for: "phone l") == ["list", "lose"])
    #expect(shell.session.completions(for: "phone use ") == ["my-phone", "backup"])
    #expect(shell.session.completions(for: "phone lose b") == ["backup"])
  }

  @Test("a hostile export's names reach the terminal escaped, and its secret never in an error")
  func hostileNames() throws {
    let payload = MigrationPayload(
      accounts: [
        .init(
          secret: Array("12345678901234567890".utf8), name: "Evil\u{1b}]52;c;aGk=\u{7}:x\u{202e}",
          issuer: "Evil\u{1b}]52;c;aGk=\u{7}")
      ],
      batchID: 1)
    let shell = Harness()
    let decoded = shell.text("app decode \(payload.link)")
    #expect(!decoded.contains("\u{1b}"))
    #expect(!decoded.contains("\u{202e}"))
    #expect(decoded.contains("  name: Evil^[]52;c;aGk=^G:x\\u{202e}"), "\(decoded)")
    let imported = shell.text("app import \(payload.link)")
    #expect(!imported.contains("\u{1b}"), "\(imported)")
    #expect(imported.hasPrefix("the app added Evil^[]52;c;aGk=^G:x\\u{202e}"), "\(imported)")
  }

  @Test("an image with no QR code, and one with an enrollment QR code, are refused with a remedy")
  func badImages() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("otp-moving-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let shell = Harness()
    shell.session.workingDirectory = folder.path
    shell.run("enroll --uri \(Self.dim13URI)")
    shell.run("qr --png enrol.png")
    #expect(
      shell.text("app import enrol.png").hasPrefix(
        "error: the QR code in 'enrol.png' enrolls one account; it is not an export; add it with 'app scan enrol.png'"))
    try Data("not a png".utf8).write(to: folder.appendingPathComponent("text.png"))
    let text = shell.run("app decode text.png")
    #expect(text.outcome == .failed)
    #expect(text.text.hasPrefix("error: 'text.png': "), "\(text.text)")
    #expect(text.text.hasSuffix("; decode an image made by 'app export --png FILE'\n"), "\(text.text)")
    // The export's own PNG round trip, in-process (the binary test checks it with zbarimg).
    shell.run("app export --png export.png")
    var status = stat()
    #expect(stat(folder.appendingPathComponent("export.png").path, &status) == 0)
    #expect(status.st_mode & 0o777 == 0o600)
    shell.run("phone new other")
    shell.run("phone use other")
    #expect(shell.text("app import export.png").hasPrefix("the app added Example:alice@google.com"))
    // Eleven accounts: a batch of two QR codes, two PNG files, each import says which part it was.
    for number in 1...10 {
      shell.run(
        "app scan --uri otpauth://totp/Site\(number):user\(number)?secret=JBSWY3DPEHPK3PXP&issuer=Site\(number)")
    }
    let batch = shell.text("app export --png many.png")
    #expect(batch.contains("the app exported 10 accounts in QR code 1 of 2: "), "\(batch)")
    #expect(batch.contains("the app exported 1 account in QR code 2 of 2: Site10:user10"), "\(batch)")
    #expect(batch.contains("saved the export QR code to many-2.png"), "\(batch)")
    for name in ["many.png", "many-2.png"] {
      #expect(stat(folder.appendingPathComponent(name).path, &status) == 0)
      #expect(status.st_mode & 0o777 == 0o600)
    }
    shell.run("phone new third")
    shell.run("phone use third")
    let second = shell.text("app import many-2.png")
    #expect(second.hasPrefix("the app added Site10:user10"))
    #expect(second.contains("note: this was QR code 2 of 2 of one export (batch_id "), "\(second)")
    #expect(second.hasSuffix("): import the others too\n"), "\(second)")
  }
}
