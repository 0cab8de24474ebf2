import Foundation
import OTP
import Testing
import _OTPTestSupport

/// Google Authenticator's export links, against published vectors and Python's protobuf.
@Suite("Migration payloads (otpauth-migration)")
struct MigrationPayloadTests {
  /// dim13/otpauth's README: this link is `otpauth://totp/Example:alice@google.com?issuer=Example&secret=JBSWY3DPEHPK3PXP`.
  static let dim13 = "otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC"
  /// johncallahan/otpauth_migration's README: two accounts, written as Google Authenticator does.
  static let callahan =
    "CkMKFD3GyqSCSm0oh2eyMx4gtDFmy4XZEhxBQ01FIENvOmpvaG4uZG9lQGV4YW1wbGUuY29tGgdBQ01FIENvIAEoATACCjUKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZSABKAEwAhABGAEgACjn4Pv4Ag=="
  /// A Raspberry Pi guide's export (percent-encoded, a negative batch id): secret 7KSQL2JTUDIS5EF65KLMRQIIGY.
  static let raspberry =
    "otpauth-migration://offline?data=CjUKEPqlBekzoNEukL7qlsjBCDYSDnBpQHJhc3BiZXJyeXBpGgtyYXNwYmVycnlwaSABKAEwAhABGAEgACjr4JKK%2B%2F%2F%2F%2F%2F8B"

  @Test("dim13's vector: one TOTP account, as its README says")
  func dim13() throws {
    let payload = try MigrationPayload(link: Self.dim13)
    #expect(payload.accounts.count == 1)
    let account = payload.accounts[0]
    #expect(try Secret(bytes: account.secret).base32 == "JBSWY3DPEHPK3PXP")
    #expect(account.name == "Example:alice@google.com")
    #expect(account.issuer == "Example")
    #expect(account.kind == .totp)
    #expect(account.digits == 6)
    #expect(account.algorithm == .sha1)
  }

  @Test("johncallahan's vector: two accounts, written back byte for byte")
  func callahan() throws {
    let payload = try MigrationPayload(base64: Self.callahan)
    #expect(payload.accounts.map(\.name) == ["ACME Co:john.doe@example.com", "Example:alice@google.com"])
    #expect(try payload.accounts.map { try Secret(bytes: $0.secret).base32 } == ["HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ", "JBSWY3DPEHPK3PXP"])
    #expect(payload.accounts.map(\.issuer) == ["ACME Co", "Example"])
    #expect((payload.version, payload.batchSize, payload.batchIndex) == (1, 1, 0))
    #expect(payload.bytes == Array(Data(base64Encoded: Self.callahan)!))
  }

  @Test("a percent-encoded link with a negative batch id reads, and writes back as the same bytes")
  func raspberry() throws {
    let payload = try MigrationPayload(link: Self.raspberry)
    #expect(try Secret(bytes: payload.accounts[0].secret).base32 == "7KSQL2JTUDIS5EF65KLMRQIIGY")
    #expect(payload.accounts[0].name == "pi@raspberrypi")
    #expect(payload.batchID < 0)
    let data = Self.raspberry.dropFirst("otpauth-migration://offline?data=".count)
      .replacingOccurrences(of: "%2B", with: "+").replacingOccurrences(of: "%2F", with: "/")
    #expect(payload.bytes == Array(Data(base64Encoded: data + String(repeating: "=", count: (4 - data.count % 4) % 4))!))
    #expect(try MigrationPayload(link: payload.link) == payload)
  }

  /// Python's protobuf, with the message described at run time as the format's .proto says.
  static let python = """
    import base64, sys
    from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
    f = descriptor_pb2.FileDescriptorProto(name="migration.proto", package="m", syntax="proto3")
    m = f.message_type.add(name="MigrationPayload")
    p = m.nested_type.add(name="OtpParameters")
    for number, (name, kind) in enumerate([("secret", 12), ("name", 9), ("issuer", 9), ("algorithm", 5), ("digits", 5), ("type", 5), ("counter", 3)], 1):
        p.field.add(name=name, number=number, type=kind, label=1)
    m.field.add(name="otp_parameters", number=1, type=11, label=3, type_name=".m.MigrationPayload.OtpParameters")
    for number, name in enumerate(["version", "batch_size", "batch_index", "batch_id"], 2):
        m.field.add(name=name, number=number, type=5, label=1)
    pool = descriptor_pool.DescriptorPool()
    pool.Add(f)
    Payload = message_factory.GetMessageClass(pool.FindMessageTypeByName("m.MigrationPayload"))
    if sys.argv[1:] == ["read"]:
        payload = Payload.FromString(base64.b64decode(sys.stdin.read()))
        for a in payload.otp_parameters:
            print(base64.b32encode(a.secret).decode(), a.name, a.issuer, a.algorithm, a.digits, a.type, a.counter)
        print(payload.version, payload.batch_size, payload.batch_index, payload.batch_id)
    else:
        payload = Payload(version=1, batch_size=2, batch_index=1, batch_id=-123456789)
        payload.otp_parameters.add(secret=b"12345678901234567890", name="CodingFleet.com:Muhammad", issuer="CodingFleet.com", algorithm=2, digits=2, type=1, counter=42)
        payload.otp_parameters.add(secret=b"Muhammad", name="learner", issuer="", algorithm=1, digits=1, type=2)
        print(base64.b64encode(payload.SerializeToString()).decode())
    """

  @Test("Python's protobuf reads what we write, and we read what it writes")
  func python() async throws {
    let ours = MigrationPayload(
      accounts: [
        .init(secret: Array("12345678901234567890".utf8), name: "CodingFleet.com:Muhammad", issuer: "CodingFleet.com", algorithm: .sha512, digits: 8, kind: .hotp(counter: 7)),
        .init(secret: Array("Muhammad".utf8), name: "learner", issuer: "Éé ✓"),
      ],
      batchSize: 1, batchIndex: 0, batchID: -42)
    let read = try await Peer.run("python3", ["-c", Self.python, "read"], input: Data(ours.bytes).base64EncodedString())
    #expect(read.status == 0, "\(read.standardError)")
    #expect(
      read.lines == [
        "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ CodingFleet.com:Muhammad CodingFleet.com 3 2 1 7",
        "JV2WQYLNNVQWI=== learner Éé ✓ 1 1 2 0",
        "1 1 0 -42",
      ])
    let written = try await Peer.python(Self.python).trimmingCharacters(in: .whitespacesAndNewlines)
    let theirs = try MigrationPayload(base64: written)
    #expect(theirs.accounts.count == 2)
    #expect(theirs.accounts[0].secret == Array("12345678901234567890".utf8))
    #expect(theirs.accounts[0].kind == .hotp(counter: 42))
    #expect((theirs.accounts[0].algorithm, theirs.accounts[0].digits) == (.sha256, 8))
    #expect(theirs.accounts[1].kind == .totp)
    #expect((theirs.batchSize, theirs.batchIndex, theirs.batchID) == (2, 1, -123456789))
  }

  @Test("broken exports are refused with a reason, never a crash: every cut of a real one, bad base64, MD5")
  func broken() throws {
    #expect(throws: MigrationError.notAMigrationLink) { try MigrationPayload(link: "otpauth://totp/x?secret=JBSWY3DP") }
    #expect(throws: MigrationError.badBase64) { try MigrationPayload(base64: "!!!!") }
    let bytes = Array(Data(base64Encoded: Self.callahan)!)
    for end in 1..<bytes.count {
      // Every prefix either reads (a cut between fields) or says why not.
      do { _ = try MigrationPayload(bytes: Array(bytes[..<end])) } catch {}
    }
    #expect(throws: MigrationError.truncated) { try MigrationPayload(bytes: Array(bytes.dropLast(3))) }
    // algorithm 4 (MD5) in an account with a secret.
    #expect(throws: MigrationError.self) { try MigrationPayload(bytes: [0x0A, 0x05, 0x0A, 0x01, 0x41, 0x20, 0x04]) }
    // A field it does not know is skipped, as protocol buffers require.
    let extra = try MigrationPayload(bytes: [0x0A, 0x05, 0x0A, 0x01, 0x41, 0x48, 0x09] + [0x30, 0x07])
    #expect(extra.accounts.count == 1)
  }
}
