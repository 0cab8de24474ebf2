import OTP
import Testing

/// RFC 4226 Appendix D: the secret "12345678901234567890", counters 0 to 9.
@Suite("HOTP, RFC 4226")
struct HOTPTests {
  struct Vector: CustomTestStringConvertible, Sendable {
    let counter: UInt64
    let hmac: String
    let truncatedHex: String
    let truncatedDecimal: UInt32
    let code: String
    var testDescription: String { "counter \(counter) → \(code)" }
  }

  /// RFC 4226 Appendix D, "Test values", both tables.
  static let appendixD: [Vector] = [
    .init(counter: 0, hmac: "cc93cf18508d94934c64b65d8ba7667fb7cde4b0", truncatedHex: "4c93cf18", truncatedDecimal: 1_284_755_224, code: "755224"),
    .init(counter: 1, hmac: "75a48a19d4cbe100644e8ac1397eea747a2d33ab", truncatedHex: "41397eea", truncatedDecimal: 1_094_287_082, code: "287082"),
    .init(counter: 2, hmac: "0bacb7fa082fef30782211938bc1c5e70416ff44", truncatedHex: "82fef30", truncatedDecimal: 137_359_152, code: "359152"),
    .init(counter: 3, hmac: "66c28227d03a2d5529262ff016a1e6ef76557ece", truncatedHex: "66ef7655", truncatedDecimal: 1_726_969_429, code: "969429"),
    .init(counter: 4, hmac: "a904c900a64b35909874b33e61c5938a8e15ed1c", truncatedHex: "61c5938a", truncatedDecimal: 1_640_338_314, code: "338314"),
    .init(counter: 5, hmac: "a37e783d7b7233c083d4f62926c7a25f238d0316", truncatedHex: "33c083d4", truncatedDecimal: 868_254_676, code: "254676"),
    .init(counter: 6, hmac: "bc9cd28561042c83f219324d3c607256c03272ae", truncatedHex: "7256c032", truncatedDecimal: 1_918_287_922, code: "287922"),
    .init(counter: 7, hmac: "a4fb960c0bc06e1eabb804e5b397cdc4b45596fa", truncatedHex: "4e5b397", truncatedDecimal: 82_162_583, code: "162583"),
    .init(counter: 8, hmac: "1b3c89f65e6c9e883012052823443f048b4332db", truncatedHex: "2823443f", truncatedDecimal: 673_399_871, code: "399871"),
    .init(counter: 9, hmac: "1637409809a679dc698207310c8c7fc07290d9e5", truncatedHex: "2679dc69", truncatedDecimal: 645_520_489, code: "520489"),
  ]

  let hotp: HOTP

  init() throws {
    hotp = try HOTP(secret: Secret(text: "12345678901234567890"))
  }

  @Test("Appendix D codes", arguments: appendixD)
  func code(_ vector: Vector) {
    #expect(hotp.code(for: vector.counter) == vector.code)
  }

  @Test("Appendix D intermediate HMAC and truncated values", arguments: appendixD)
  func intermediates(_ vector: Vector) {
    let trace = hotp.trace(for: vector.counter)
    #expect(trace.macHex == vector.hmac)
    #expect(trace.binaryCode == vector.truncatedDecimal)
    #expect(String(trace.binaryCode, radix: 16) == vector.truncatedHex)
    #expect(trace.code == vector.code)
  }

  @Test("digits outside 6...10 are refused", arguments: [0, 5, 11, -1])
  func unsupportedDigits(_ digits: Int) throws {
    #expect(throws: OTPError.unsupportedDigits(digits)) {
      try HOTP(secret: Secret(text: "12345678901234567890"), digits: digits)
    }
  }

  @Test("the tutorial's weak key Muhammad works: codes at counters 0...3")
  func tutorialKey() throws {
    // The tutorial's second program; oathtool confirms these (see the cross-checks).
    let secret = try Secret(base32: "Muhammad")
    #expect(secret.bitCount == 40)
    #expect(secret.strength == .weak)
    let hotp = try HOTP(secret: secret)
    #expect((0...3).map { hotp.code(for: $0) } == ["486480", "069773", "220441", "138066"])
  }

  @Test("the largest counter has a code")
  func largestCounter() throws {
    #expect(hotp.code(for: .max).count == 6)
  }
}
