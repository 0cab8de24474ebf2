import OTP
import Testing
@testable import Tutor

@Suite("The server's verifier of codes sent by SMS and e-mail")
struct OutOfBandVerifierTests {
  let start = UnixTime(seconds: 1_767_225_600)

  func issue(_ verifier: inout OutOfBandVerifier, at time: UnixTime, seed: UInt64 = 1) throws -> OutOfBandVerifier.Issued {
    var random = SplitMix64(seed: seed &+ UInt64(verifier.issued.count))
    return try verifier.issue(at: time, using: &random)
  }

  @Test("codes are six random digits, repeatable with a seeded generator")
  func randomCodes() throws {
    var first = OutOfBandVerifier()
    var second = OutOfBandVerifier()
    let a = try issue(&first, at: start, seed: 9)
    let b = try issue(&second, at: start, seed: 9)
    #expect(a.code == b.code)
    #expect(a.code.count == 6 && a.code.allSatisfy(\.isNumber))
    let other = try issue(&first, at: start + .seconds(1), seed: 10)
    #expect(other.code != a.code)
  }

  // NIST SP 800-63B rev. 3 §5.1.3.2: "the authentication SHALL be considered invalid if not
  // completed within 10 minutes". The boundary: valid while less than 10 minutes have passed
  // since sending, so accepted at 9:59 and refused at 10:00.
  @Test("an SMS code is accepted 9 min 59 s after sending")
  func acceptedAt959() throws {
    var verifier = OutOfBandVerifier()
    let code = try issue(&verifier, at: start).code
    #expect(verifier.verify(code, at: start + .seconds(599)).isAccepted)
  }

  @Test("an SMS code is refused as expired exactly 10 minutes after sending")
  func expiredAt1000() throws {
    var verifier = OutOfBandVerifier()
    let issued = try issue(&verifier, at: start)
    #expect(verifier.expiry(of: issued) == start + .seconds(600))
    #expect(verifier.verify(issued.code, at: start + .seconds(600)) == .rejected(.expired(issued, at: start + .seconds(600))))
  }

  @Test("a code is accepted once: the second time it is refused as used")
  func acceptedOnce() throws {
    var verifier = OutOfBandVerifier()
    let code = try issue(&verifier, at: start).code
    guard case .accepted(let used) = verifier.verify(code, at: start + .seconds(30)) else {
      Issue.record("the first use was refused")
      return
    }
    #expect(used.usedAt == start + .seconds(30))
    #expect(verifier.verify(code, at: start + .seconds(31)) == .rejected(.used(used)))
  }

  @Test("sending a new code replaces the old one, in both policies")
  func replaced() throws {
    for validity in [OutOfBandVerifier.Policy.Validity.expires(after: .seconds(600)), .untilNextSent] {
      var verifier = OutOfBandVerifier()
      verifier.policy.validity = validity
      let old = try issue(&verifier, at: start)
      let new = try issue(&verifier, at: start + .seconds(60))
      guard case .rejected(.replaced(let replaced)) = verifier.verify(old.code, at: start + .seconds(61)) else {
        Issue.record("the replaced code was not refused as replaced (\(validity))")
        continue
      }
      #expect(replaced.replacedAt == start + .seconds(60))
      #expect(verifier.verify(new.code, at: start + .seconds(62)).isAccepted)
    }
  }

  @Test("an e-mail code valid until the next is sent works a day later, and not once the next is sent")
  func untilNextSent() throws {
    var verifier = OutOfBandVerifier()
    verifier.policy.validity = .untilNextSent
    let first = try issue(&verifier, at: start)
    #expect(verifier.expiry(of: first) == nil)
    var copy = verifier
    #expect(copy.verify(first.code, at: start + .seconds(86_400)).isAccepted)
    _ = try issue(&verifier, at: start + .seconds(86_400))
    #expect(!verifier.verify(first.code, at: start + .seconds(86_401)).isAccepted)
  }

  @Test("the resend limit: 3 codes in any 10 minutes; the fourth is refused until the first leaves the span")
  func resendLimit() throws {
    var verifier = OutOfBandVerifier()
    for second in [0, 60, 120] { _ = try issue(&verifier, at: start + .seconds(second)) }
    #expect(throws: OutOfBandVerifier.SendRefusal.resendLimited(.standard, nextAllowed: start + .seconds(600))) {
      try issue(&verifier, at: start + .seconds(599))
    }
    // A refused send is not counted: at 10:00 the first code has left the span.
    #expect(verifier.issued.count == 3)
    #expect(throws: Never.self) { try issue(&verifier, at: start + .seconds(600)) }
    verifier.policy.resendLimit = nil
    for second in 601...610 { _ = try issue(&verifier, at: start + .seconds(second)) }
    #expect(verifier.issued.count == 14)
  }

  @Test("resend limits outside 1–100 codes or 1 s–1 day are refused")
  func resendLimitRange() {
    #expect(OutOfBandVerifier.ResendLimit(sends: 0, span: .seconds(600)) == nil)
    #expect(OutOfBandVerifier.ResendLimit(sends: 3, span: .zero) == nil)
    #expect(OutOfBandVerifier.ResendLimit(sends: 3, span: .seconds(86_401)) == nil)
    #expect(OutOfBandVerifier.ResendLimit(sends: 100, span: .seconds(86_400)) != nil)
  }

  @Test("wrong codes in a row lock the channel, a new code does not reset the count, and unlock does")
  func failureLimit() throws {
    var verifier = OutOfBandVerifier()
    verifier.policy.failureLimit = 3
    verifier.policy.resendLimit = nil
    let first = try issue(&verifier, at: start)
    let wrong = first.code == "000000" ? "000001" : "000000"
    #expect(verifier.verify(wrong, at: start) == .rejected(.wrongCode))
    #expect(verifier.verify(wrong, at: start) == .rejected(.wrongCode))
    // NIST SP 800-63B rev. 4 §3.1.3.2: a new secret does not reset the failed count.
    let fresh = try issue(&verifier, at: start + .seconds(1))
    #expect(verifier.failuresInARow == 2)
    #expect(verifier.verify(wrong == fresh.code ? "999999" : wrong, at: start + .seconds(2)) == .rejected(.wrongCode))
    #expect(verifier.isLockedOut)
    #expect(verifier.verify(fresh.code, at: start + .seconds(3)) == .rejected(.lockedOut(failures: 3)))
    verifier.unlock()
    #expect(verifier.verify(fresh.code, at: start + .seconds(4)).isAccepted)
    #expect(verifier.failuresInARow == 0)
  }

  @Test("malformed codes and codes before any was sent are refused without counting")
  func notCompared() throws {
    var verifier = OutOfBandVerifier()
    #expect(verifier.verify("123456", at: start) == .rejected(.noCodeSent))
    _ = try issue(&verifier, at: start)
    #expect(verifier.verify("12345", at: start) == .rejected(.malformed))
    #expect(verifier.verify("12345a", at: start) == .rejected(.malformed))
    #expect(verifier.verify("１２３４５６", at: start) == .rejected(.malformed))
    #expect(verifier.failuresInARow == 0)
  }
}
