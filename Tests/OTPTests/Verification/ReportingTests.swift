import Foundation
import OTP
import Testing
import _OTPTestSupport

/// What the library says about its results and errors, and its bridges to Foundation.
@Suite("Reporting and bridges")
struct ReportingTests {
  @Test("match reports a time with no time step instead of calling the code wrong")
  func matchReportsTime() throws {
    let totp = try TOTP(secret: Secret(text: "12345678901234567890"), t0: UnixTime(seconds: 1000))
    #expect(throws: CodeRejection.unusableTime(.timeBeforeT0(UnixTime(seconds: 999), t0: UnixTime(seconds: 1000)))) {
      try totp.match("123456", at: UnixTime(seconds: 999))
    }
    #expect(throws: CodeRejection.unusableTime(.timeOutOfRange(UnixTime(seconds: .max)))) {
      try totp.match("123456", at: UnixTime(seconds: .max))
    }
    #expect(throws: CodeRejection.wrongLength(expected: 6, actual: 3)) { try totp.match("123", at: .epoch) }
    #expect(!totp.isValid("123456", at: UnixTime(seconds: 999)))
  }

  @Test("the Bool conveniences agree with the detailed checks, on oathtool's codes")
  func conveniences() async throws {
    let key = "3132333435363738393031323334353637383930"
    let peer = try await Peer.shellLines(["oathtool --totp -N @1111111109 \(key)", "oathtool --hotp -c 7 \(key)"])
    let totp = try TOTP(secret: Secret(hex: key))
    let hotp = try HOTP(secret: Secret(hex: key))
    let window = try VerificationWindow(past: 1, future: 0)
    #expect(totp.isValid(peer[0], at: UnixTime(seconds: 1_111_111_109)))
    #expect(totp.isValid(peer[0], at: UnixTime(seconds: 1_111_111_139), window: window))
    #expect(!totp.isValid(peer[0], at: UnixTime(seconds: 1_111_111_139)))
    #expect(hotp.isValid(peer[1], counter: 5, lookAhead: try LookAhead(2)))
    #expect(!hotp.isValid(peer[1], counter: 5, lookAhead: try LookAhead(1)))
    #expect(try hotp.match(peer[1], counter: 0, lookAhead: try LookAhead(10)) == 7)
    var server = TOTPVerifier(totp: totp)
    let accepted1 = server.accepts(peer[0], at: UnixTime(seconds: 1_111_111_109))
    #expect(accepted1)
    let accepted2 = server.accepts(peer[0], at: UnixTime(seconds: 1_111_111_109))
    #expect(!accepted2)
  }

  @Test("decisions print in words, not as nested enum cases")
  func decisionsPrint() throws {
    let totp = try TOTP(secret: Secret(text: "12345678901234567890"))
    var server = TOTPVerifier(totp: totp)
    let text = "\(server.verify("000000", at: .epoch))"
    #expect(text == "rejected: wrong code")
    #expect("\(TOTPVerifier.Decision.accepted(.code(TOTPMatch(step: 1, offset: -1))))" == "accepted: the code matches step 1 (offset -1)")
    #expect("\(HOTPVerifier.Decision.rejected(.attempt(.rateLimited(retryAfter: .seconds(28)))))" == "rejected: rate-limited, retry in 28 s")
    #expect(!"\(HOTPVerifier.Decision.accepted(.code(counter: 3, skipped: 3)))".contains("OTP."))
  }

  @Test("errors are LocalizedError: localizedDescription is the message")
  func localized() {
    let errors: [any Error] = [
      OTPError.unsupportedDigits(5), Base32Error.incompleteGroup(symbols: 1), SecretError.empty,
      KeyURIError.missingSecret, PolicyError.lockOutOutOfRange(0), CodeRejection.empty, AttemptRefusal.lockedOut,
    ]
    for error in errors {
      #expect(error.localizedDescription == "\(error)")
      #expect(!error.localizedDescription.contains("operation couldn"))
    }
  }

  @Test("UnixTime bridges Date both ways, to Date's precision, and saturates")
  func dates() {
    let date = Date(timeIntervalSince1970: 1_111_111_109.25)
    #expect(UnixTime(date) == UnixTime(.milliseconds(1_111_111_109_250)))
    #expect(UnixTime(date).date == date)
    #expect(UnixTime(Date(timeIntervalSince1970: -0.5)) == UnixTime(.milliseconds(-500)))
    #expect(UnixTime(Date(timeIntervalSince1970: 1e300)) == UnixTime(seconds: .max))
    #expect(UnixTime(Date(timeIntervalSince1970: -1e300)) == UnixTime(seconds: .min))
    let before = Date().timeIntervalSince1970
    let now = UnixTime.now()
    #expect(Double(now.seconds) >= before.rounded(.down))
  }

  @Test("a secret is ContiguousBytes: swift-crypto-style consumers read its key bytes")
  func contiguous() throws {
    let secret = try Secret(hex: "00ff10")
    func bytes(of value: some ContiguousBytes) -> [UInt8] { value.withUnsafeBytes { Array($0) } }
    #expect(bytes(of: secret) == [0x00, 0xFF, 0x10])
  }

  @Test("scratch codes are checked when made, compare by value and never print")
  func scratchCodes() throws {
    #expect(throws: PolicyError.invalidScratchCode(position: 2)) { try ScratchCodes(["12345678", "1234"]) }
    #expect(throws: PolicyError.invalidScratchCode(position: 1)) { try ScratchCodes(["01234567"]) }
    #expect(throws: PolicyError.invalidScratchCode(position: 1)) { try ScratchCodes(["１２３４５６７８"]) }
    #expect(throws: PolicyError.scratchCodeCountOutOfRange(21)) {
      try ScratchCodes((0..<21).map { String(10_000_000 + $0) })
    }
    let codes = try ScratchCodes(["12345678", "87654321"])
    #expect(codes == (try ScratchCodes(["12345678", "87654321"])))
    #expect(codes != (try ScratchCodes(["12345678", "87654320"])))
    #expect(codes != (try ScratchCodes(["12345678"])))
    #expect("\(codes)" == "ScratchCodes(2 left)")
  }
}
