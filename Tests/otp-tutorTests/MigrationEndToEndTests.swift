import Foundation
import Testing
import _OTPTestSupport

/// Google Authenticator's export through the binary, checked with the real peers: zbarimg reads
/// the PNG `app export --png` writes, and a link Python's protobuf writes imports.
@Suite("Export and import through the binary")
struct MigrationEndToEndTests {
  @Test("app export --png writes a 0600 PNG that zbarimg reads as the printed link; a new phone imports it")
  func exportPNG() async throws {
    let folder = try Repository.temporaryDirectory("migration")
    let script = """
      enroll --uri otpauth://totp/Example:alice@google.com?issuer=Example&secret=JBSWY3DPEHPK3PXP
      enroll --uri otpauth://hotp/CodingFleet.com:Muhammad?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=CodingFleet.com&counter=7
      app export --png export.png
      phone new new-phone
      phone use new-phone
      app import export.png
      app code alice@google.com
      """
    let result = try await Binary.run(["--clock", "59", "--seed", "5"], input: script, in: folder)
    #expect(result.status == 0, "\(result.standardOutput)")
    let lines = result.standardOutput.split(separator: "\n").map(String.init)
    let link = String(try #require(lines.first { $0.hasPrefix("link: ") }).dropFirst("link: ".count))
    #expect(link.hasPrefix("otpauth-migration://offline?data="))
    let png = folder.appendingPathComponent("export.png")
    let mode = try FileManager.default.attributesOfItem(atPath: png.path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    let scanned = try await Peer.output("zbarimg", ["--raw", "-q", png.path])
    #expect(scanned == link + "\n")
    #expect(
      lines.contains("the app added Example:alice@google.com: TOTP Example:alice@google.com (SHA1, 6 digits, 30 s)"))
    #expect(
      lines.contains { $0.hasPrefix("the app added CodingFleet.com:Muhammad: HOTP") && $0.hasSuffix("next counter 7") })
    // JBSWY3DPEHPK3PXP at 59 s (step 1), as oathtool --totp -b JBSWY3DPEHPK3PXP -N @59 gives it.
    let oath = try await Peer.output("oathtool", ["--totp", "-b", "JBSWY3DPEHPK3PXP", "-N", "@59"])
    #expect(
      lines.contains {
        $0.hasPrefix(oath.trimmingCharacters(in: .whitespacesAndNewlines) + "  (Example:alice@google.com")
      })
  }

  /// A migration payload written by Python's protobuf, the message described at run time.
  static let python = """
    import base64, urllib.parse
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
    payload = Payload(version=1, batch_size=1, batch_index=0, batch_id=-987654321)
    payload.otp_parameters.add(secret=b"12345678901234567890", name="RFC:4226", issuer="RFC", algorithm=1, digits=1, type=1, counter=5)
    payload.otp_parameters.add(secret=b"12345678901234567890", name="RFC:6238", issuer="RFC", algorithm=2, digits=2, type=2)
    data = base64.b64encode(payload.SerializeToString()).decode()
    print("otpauth-migration://offline?data=" + urllib.parse.quote(data, safe=""))
    """

  @Test("a link Python's protobuf writes decodes field by field and imports: RFC 4226 and RFC 6238 codes")
  func pythonLink() async throws {
    let link = try await Peer.python(Self.python).trimmingCharacters(in: .whitespacesAndNewlines)
    let script = """
      app decode \(link)
      app import \(link)
      app code 4226
      app code 6238
      """
    let result = try await Binary.run(["--clock", "59"], input: script)
    #expect(result.status == 0, "\(result.standardOutput)")
    let lines = result.standardOutput.split(separator: "\n").map(String.init)
    #expect(lines.contains("batch_id: -987654321"))
    #expect(lines.contains("  secret: GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ  (base32 of 20 bytes)"))
    #expect(lines.contains("  algorithm: SHA256"))
    #expect(lines.contains("  digits: 8"))
    #expect(lines.contains("  counter: 5"))
    #expect(lines.contains("the app added RFC:4226: HOTP RFC:4226 (SHA1, 6 digits, counter 5), next counter 5"))
    #expect(lines.contains("the app added RFC:6238: TOTP RFC:6238 (SHA256, 8 digits, 30 s)"))
    // RFC 4226 Appendix D counter 5; the SHA256 account (a 20-byte key, not RFC 6238's 32-byte
    // SHA256 seed) against oathtool.
    #expect(lines.contains { $0.hasPrefix("254676  (RFC:4226, counter 5;") })
    let sha256 = try await Peer.output(
      "oathtool", ["--totp=sha256", "-d", "8", "-N", "@59", "3132333435363738393031323334353637383930"])
    #expect(lines.contains { $0.hasPrefix(sha256.trimmingCharacters(in: .whitespacesAndNewlines) + "  (RFC:6238") })
  }
}
