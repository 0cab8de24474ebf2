@testable import OTP
import Testing

@Suite("Explaining a code")
struct CodeTraceTests {
  /// RFC 4226 §5.4, "Example of HOTP Computation for Digit = 6": an HMAC-SHA-1 value
  /// whose last byte 0x5a gives offset 10, bytes 50 ef 7f 19, and the code 872921.
  @Test("RFC 4226 §5.4 worked example")
  func worked() {
    let mac: [UInt8] = [
      0x1f, 0x86, 0x98, 0x69, 0x0e, 0x02, 0xca, 0x16, 0x61, 0x85,
      0x50, 0xef, 0x7f, 0x19, 0xda, 0x8e, 0x94, 0x5b, 0x55, 0x5a,
    ]
    let trace = mac.withUnsafeBytes { CodeTrace(counter: 0, mac: $0, algorithm: .sha1, digits: 6) }
    #expect(trace.offset == 0xa)
    #expect(trace.selectedHex == "50ef7f19")
    #expect(trace.binaryCode == 0x50ef_7f19)
    #expect(trace.modulus == 1_000_000)
    #expect(trace.code == "872921")
  }

  @Test("a trace shows the message bytes and agrees with the code")
  func messageAndCode() throws {
    let totp = try TOTP(secret: Secret(text: "12345678901234567890"), digits: 8)
    let trace = try totp.trace(at: UnixTime(seconds: 1_111_111_109))
    #expect(trace.messageHex == "00000000023523ec")
    #expect(trace.counter == 0x23523EC)
    #expect(trace.code == "07081804")  // RFC 6238 Appendix B
    #expect(trace.mac.count == 20)
    #expect(trace.selectedBytes == Array(trace.mac[trace.offset..<trace.offset + 4]))
  }

  @Test("the top bit of the selected bytes is cleared", arguments: 0..<10)
  func topBitCleared(_ counter: UInt64) throws {
    let trace = try HOTP(secret: Secret(text: "12345678901234567890")).trace(for: counter)
    #expect(trace.binaryCode < 1 << 31)
    #expect(UInt64(trace.binaryCode) % trace.modulus == UInt64(trace.code))
  }
}
