import OTP
import Testing

@Suite("HOTP verifier")
struct HOTPVerifierTests {
  let hotp: HOTP
  init() throws {
    hotp = try HOTP(secret: Secret(text: "12345678901234567890"))
  }

  @Test("the tutorial's sequence verifies in turn and each code only once")
  func sequence() {
    var server = HOTPVerifier(hotp: hotp)
    for counter: UInt64 in 0...3 {
      #expect(server.verify(hotp.code(for: counter), at: .epoch) == .accepted(.code(counter: counter, skipped: 0)))
    }
    #expect(server.counter == 4)
    #expect(server.verify(hotp.code(for: 3), at: .epoch) == .rejected(.alreadyUsed(counter: 3)))
  }

  @Test("the app presses ahead 5 times: resynchronised within the look-ahead, refused beyond it")
  func lookAhead() {
    var within = HOTPVerifier(hotp: hotp, policy: .init(lookAhead: 5))
    #expect(within.verify(hotp.code(for: 5), at: .epoch) == .accepted(.code(counter: 5, skipped: 5)))
    #expect(within.counter == 6)

    var beyond = HOTPVerifier(hotp: hotp, policy: .init(lookAhead: 4))
    #expect(beyond.verify(hotp.code(for: 5), at: .epoch) == .rejected(.beyondLookAhead(counter: 5, skipped: 5)))
    #expect(beyond.counter == 0, "a failed attempt does not move the server's counter")
  }

  @Test("a failed attempt does not move the counter")
  func failureKeepsCounter() {
    var server = HOTPVerifier(hotp: hotp, policy: .init(lookAhead: 3))
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

  @Test("matching near the largest counter does not overflow")
  func overflow() {
    var server = HOTPVerifier(hotp: hotp, counter: .max - 1, policy: .init(lookAhead: 10))
    #expect(server.verify(hotp.code(for: .max), at: .epoch) == .accepted(.code(counter: .max, skipped: 1)))
  }
}
