import OTP
import _OTPTestSupport
import Testing

@Suite("HOTP verifier")
struct HOTPVerifierTests {
  let hotp: HOTP
  init() throws {
    hotp = try HOTP(secret: Secret(text: "12345678901234567890"))
  }

  @Test("the tutorial's sequence verifies in turn and each code only once")
  func sequence() {
    // pyotp's verify() has no throttling; five attempts in one second would pass the default rate limit.
    var server = HOTPVerifier(hotp: hotp, policy: .init(rateLimit: nil, lockOut: nil))
    for counter: UInt64 in 0...3 {
      #expect(server.verify(hotp.code(for: counter), at: .epoch) == .accepted(.code(counter: counter, skipped: 0)))
    }
    #expect(server.counter == 4)
    #expect(server.verify(hotp.code(for: 3), at: .epoch) == .rejected(.alreadyUsed(counter: 3)))
  }

  @Test("the app presses ahead 5 times: resynchronised within the look-ahead, refused beyond it")
  func lookAhead() throws {
    var within = HOTPVerifier(hotp: hotp, policy: .init(lookAhead: try LookAhead(5)))
    #expect(within.verify(hotp.code(for: 5), at: .epoch) == .accepted(.code(counter: 5, skipped: 5)))
    #expect(within.counter == 6)

    var beyond = HOTPVerifier(hotp: hotp, policy: .init(lookAhead: try LookAhead(4)))
    #expect(beyond.verify(hotp.code(for: 5), at: .epoch) == .rejected(.beyondLookAhead(counter: 5, skipped: 5)))
    #expect(beyond.counter == 0, "a failed attempt does not move the server's counter")
  }

  @Test("a failed attempt does not move the counter")
  func failureKeepsCounter() throws {
    var server = HOTPVerifier(hotp: hotp, policy: .init(lookAhead: try LookAhead(3)))
    _ = server.verify("000000", at: .epoch)
    _ = server.verify("12", at: .epoch)
    #expect(server.counter == 0)
    #expect(server.verify(hotp.code(for: 0), at: .epoch).isAccepted)
  }

  @Test("scratch codes come before codes and work once")
  func scratch() throws {
    var generator = SplitMix64(seed: 1)
    var server = HOTPVerifier(hotp: hotp)
    server.scratchCodes = try ScratchCodes.generate(count: 3, using: &generator)
    let codes = server.scratchCodes.codes
    #expect(codes.count == 3)
    #expect(codes.allSatisfy { $0.count == 8 && $0.first != "0" })
    #expect(server.verify(codes[1], at: .epoch) == .accepted(.scratchCode(remaining: 2)))
    #expect(!server.verify(codes[1], at: .epoch).isAccepted)
    #expect(throws: PolicyError.scratchCodeCountOutOfRange(0)) {
      try ScratchCodes.generate(count: 0, using: &generator)
    }
  }

  @Test("matching near the largest counter does not overflow: the look-ahead stops at UInt64.max")
  func overflow() throws {
    var server = HOTPVerifier(hotp: hotp, counter: .max - 2, policy: .init(lookAhead: try LookAhead(10)))
    #expect(server.verify(hotp.code(for: .max - 1), at: .epoch) == .accepted(.code(counter: .max - 1, skipped: 1)))
    #expect(server.counter == .max)
  }

  @Test("the counter ends at UInt64.max: the code for UInt64.max − 1 logs in, the one for UInt64.max is refused")
  func counterEnd() {
    var server = HOTPVerifier(hotp: hotp, counter: .max - 1, policy: .init(rateLimit: nil, lockOut: nil))
    #expect(!server.isExhausted)
    #expect(server.verify(hotp.code(for: .max - 1), at: .epoch) == .accepted(.code(counter: .max - 1, skipped: 0)))
    #expect(server.counter == .max)
    #expect(server.isExhausted)
    #expect(server.verify(hotp.code(for: .max), at: .epoch) == .rejected(.counterExhausted))
    #expect(server.counter == .max, "the counter does not wrap to 0")
    #expect(!server.verify(hotp.code(for: 0), at: .epoch).isAccepted)
  }

  @Test("a verifier created at UInt64.max refuses the last code, even with look-ahead")
  func createdAtEnd() throws {
    var server = HOTPVerifier(hotp: hotp, counter: .max, policy: .init(lookAhead: try LookAhead(5), rateLimit: nil, lockOut: nil))
    #expect(server.verify(hotp.code(for: .max), at: .epoch) == .rejected(.counterExhausted))
    #expect(server.counter == .max)
  }
}
