import OTP
import _OTPTestSupport
import Testing

@Suite("Secrets")
struct SecretTests {
  @Test("base32, hex and text give the same bytes")
  func forms() throws {
    let text = try Secret(text: "12345678901234567890")
    #expect(try Secret(hex: "3132333435363738393031323334353637383930") == text)
    #expect(try Secret(base32: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ") == text)
    #expect(text.base32 == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
    #expect(text.hex == "3132333435363738393031323334353637383930")
    #expect(try Secret(hex: "31:32 33") == Secret(text: "123"))
  }

  @Test("strength follows RFC 4226 §4")
  func strength() throws {
    #expect(try Secret(base32: "Muhammad").strength == .weak)
    #expect(try Secret(bytes: [UInt8](repeating: 1, count: 16)).strength == .acceptable)
    #expect(try Secret(bytes: [UInt8](repeating: 1, count: 20)).strength == .recommended)
  }

  @Test("description never shows the bytes")
  func description() throws {
    let secret = try Secret(base32: "JBSWY3DPEHPK3PXP")
    #expect("\(secret)" == "Secret(80 bits)")
    #expect(String(reflecting: secret) == "Secret(80 bits)")
    #expect(!"\(secret)".contains("JBSW"))
  }

  @Test("random secrets: 160 bits by default, seeded ones repeat, sizes are checked")
  func random() throws {
    #expect(try Secret.random().bitCount == 160)
    #expect(try Secret.random() != Secret.random())
    var first = SplitMix64(seed: 42)
    var second = SplitMix64(seed: 42)
    #expect(try Secret.random(using: &first) == Secret.random(using: &second))
    #expect(try Secret.random(bits: 80, using: &first).bitCount == 80)
    #expect(throws: SecretError.unsupportedSize(bits: 12)) { try Secret.random(bits: 12) }
    #expect(throws: SecretError.unsupportedSize(bits: 0)) { try Secret.random(bits: 0) }
  }

  @Test("bad input is refused with the place it went wrong")
  func errors() {
    #expect(throws: SecretError.empty) { try Secret(base32: "") }
    #expect(throws: SecretError.empty) { try Secret(text: "") }
    #expect(throws: SecretError.invalidHex("g", position: 2)) { try Secret(hex: "3g") }
    #expect(throws: SecretError.oddHexLength(3)) { try Secret(hex: "313") }
    #expect(throws: SecretError.invalidBase32(.invalidCharacter("1", position: 1))) {
      try Secret(base32: "1ABC")
    }
  }

  @Test("equality is by value, whatever the length")
  func equality() throws {
    #expect(try Secret(text: "a") != Secret(text: "ab"))
    #expect(try Secret(text: "ab") != Secret(text: "ac"))
    #expect(try Secret(text: "ab") == Secret(text: "ab"))
  }
}
