import Foundation
import OTP
import Testing
import Tutor

/// The app's side of Google Authenticator's export: what goes in, byte for byte, and what comes back.
@Suite("The simulated app: export and import (otpauth-migration)")
struct AuthenticatorAppMigrationTests {
  /// dim13/otpauth's README: this link is `otpauth://totp/Example:alice@google.com?issuer=Example&secret=JBSWY3DPEHPK3PXP`.
  static let dim13 =
    "otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC"
  static let dim13URI = "otpauth://totp/Example:alice@google.com?issuer=Example&secret=JBSWY3DPEHPK3PXP"
  /// johncallahan/otpauth_migration's README: two accounts (the second dim13's), as Google Authenticator writes them.
  static let callahan =
    "CkMKFD3GyqSCSm0oh2eyMx4gtDFmy4XZEhxBQ01FIENvOmpvaG4uZG9lQGV4YW1wbGUuY29tGgdBQ01FIENvIAEoATACCjUKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZSABKAEwAhABGAEgACjn4Pv4Ag=="
  static let callahanURIs = [
    "otpauth://totp/ACME%20Co:john.doe@example.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co",
    dim13URI,
  ]

  static func app(_ uris: [String]) throws -> AuthenticatorApp {
    var app = AuthenticatorApp()
    for uri in uris { app.add(try KeyURI.parse(uri).uri) }
    return app
  }

  @Test("an app holding johncallahan's two accounts exports his vector byte for byte")
  func callahanBytes() throws {
    let published = try MigrationPayload(base64: Self.callahan)
    let export = try Self.app(Self.callahanURIs).export(batchID: published.batchID)
    #expect(export.leftOut.isEmpty)
    #expect(export.payloads.count == 1)
    #expect(export.payloads[0].bytes == Array(try #require(Data(base64Encoded: Self.callahan))))
  }

  @Test(
    "an app holding dim13's account exports it field for field: its bytes are dim13's with the fields dim13 leaves out")
  func dim13Fields() throws {
    let export = try Self.app([Self.dim13URI]).export(batchID: 7)
    let ours = export.payloads[0]
    let theirs = try MigrationPayload(link: Self.dim13)
    #expect(ours.accounts == theirs.accounts)
    // dim13 writes secret, name, issuer and type only (no algorithm, digits, version or batch):
    // ours adds algorithm 1 and digits 1 to the account, and the payload's four numbers.
    let dim13Bytes = try MigrationPayload.bytes(ofLink: Self.dim13)
    var expected = dim13Bytes
    expected[1] += 4  // the account message is 4 bytes longer
    expected.insert(contentsOf: [0x20, 0x01, 0x28, 0x01], at: expected.count - 2)
    expected += [0x10, 0x01, 0x18, 0x01, 0x20, 0x00, 0x28, 0x07]
    #expect(ours.bytes == expected)
    #expect(try MigrationPayload(link: ours.link) == ours)
  }

  @Test("HOTP accounts travel at the app's next counter; SHA512 and 8 digits are kept")
  func hotp() throws {
    var app = try Self.app([
      "otpauth://hotp/CodingFleet.com:Muhammad?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=CodingFleet.com&counter=3&algorithm=SHA512&digits=8"
    ])
    _ = try app.pressHOTP(for: "Muhammad")
    _ = try app.pressHOTP(for: "Muhammad")
    let exported = app.export(batchID: 1).payloads[0].accounts[0]
    #expect(exported.kind == .hotp(counter: 5))
    #expect((exported.algorithm, exported.digits) == (.sha512, 8))
    var other = AuthenticatorApp()
    guard case .added(let account) = try #require(other.importing(app.export(batchID: 1).payloads[0]).first) else {
      Issue.record("not added")
      return
    }
    #expect(account.nextCounter == 5)
    #expect(try other.pressHOTP(for: "Muhammad").code == (try app.pressHOTP(for: "Muhammad").code))
  }

  @Test("accounts the format cannot hold are left out, with the reason")
  func leftOut() throws {
    let app = try Self.app([
      "otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP&issuer=A&period=60",
      "otpauth://totp/B:b?secret=JBSWY3DPEHPK3PXP&issuer=B&digits=7",
      "otpauth://totp/C:c?secret=JBSWY3DPEHPK3PXP&issuer=C",
    ])
    let export = app.export(batchID: 1)
    #expect(export.leftOut.map { $0.label } == ["A:a", "B:b"])
    #expect(export.leftOut.map { $0.gap } == [.period(.seconds(60)), .digits(7)])
    #expect(export.payloads[0].accounts.map(\.name) == ["C:c"])
  }

  @Test("more than ten accounts make a batch of QR codes with one batch_id")
  func batches() throws {
    let uris = (1...23).map { "otpauth://totp/Site\($0):user\($0)?secret=JBSWY3DPEHPK3PXP&issuer=Site\($0)" }
    let payloads = try Self.app(uris).export(batchID: -5).payloads
    #expect(payloads.map(\.accounts.count) == [10, 10, 3])
    #expect(payloads.map(\.batchIndex) == [0, 1, 2])
    #expect(payloads.allSatisfy { $0.batchSize == 3 && $0.batchID == -5 && $0.version == 1 })
    var other = AuthenticatorApp()
    for payload in payloads { _ = other.importing(try MigrationPayload(link: payload.link)) }
    #expect(other.accountNames.count == 23)
  }

  @Test("import: a name's Issuer: prefix is the issuer, duplicates replace, bad accounts are refused")
  func importing() throws {
    var app = try Self.app([Self.dim13URI])
    let payload = try MigrationPayload(base64: Self.callahan)
    let results = app.importing(payload)
    guard results.count == 2, case .added(let first) = results[0], case .replaced(let second) = results[1] else {
      Issue.record("\(results)")
      return
    }
    #expect(first.scanned.label == "ACME Co:john.doe@example.com")
    #expect(first.scanned.issuer == "ACME Co")
    #expect(second.scanned.account == "alice@google.com")
    #expect(app.accountNames == ["alice@google.com", "john.doe@example.com"])
    // Raspberry Pi's export: a name without prefix and an issuer of its own.
    let pi = try AuthenticatorApp.uri(of: .init(secret: [1, 2, 3], name: "pi@raspberrypi", issuer: "raspberrypi"))
    #expect((pi.account, pi.issuer) == ("pi@raspberrypi", "raspberrypi"))
    #expect(throws: MigrationImportError.badName("Issuer:")) {
      try AuthenticatorApp.uri(of: .init(secret: [1], name: "Issuer:", issuer: "Issuer"))
    }
    #expect(throws: MigrationImportError.badName("A:b:c")) {
      try AuthenticatorApp.uri(of: .init(secret: [1], name: "A:b:c", issuer: ""))
    }
    #expect(throws: MigrationImportError.badSecret("x")) {
      try AuthenticatorApp.uri(of: .init(secret: [], name: "x", issuer: ""))
    }
  }
}
