import OTP
import Testing
import Tutor

/// Runs commands in a fresh script-mode session and returns what each printed.
final class Harness {
  let output = OutputBuffer()
  let session: Session

  init(start: UnixTime = .scriptDefault, seed: UInt64? = nil) {
    session = Session(configuration: .init(start: start, seed: seed), output: output)
  }

  /// Runs a line; `text` is what it printed after the questions it asked (a script shows each
  /// question with its answer first, as `Enter Code: 123456`).
  @discardableResult
  func run(_ line: String, answers: [String] = []) -> (outcome: Session.Outcome, text: String) {
    var answers = answers[...]
    var questions = 0
    let outcome = session.execute(line) { _ in
      questions += 1
      return answers.popFirst()
    }
    let lines = output.take().split(separator: "\n", omittingEmptySubsequences: false)
    return (outcome, lines.dropFirst(questions).joined(separator: "\n"))
  }

  func text(_ line: String) -> String { run(line).text }
}

@Suite("Session: the tutorial and the RFCs")
struct SessionTests {
  @Test("the tutorial's HOTP program: Muhammad, counters 0..3, with the weak-secret warning")
  func tutorialHOTP() {
    let shell = Harness()
    let set = shell.run("secret set Muhammad")
    #expect(set.outcome == .succeeded)
    #expect(set.text.contains("warning: this secret is only 40 bits"))
    #expect(shell.text("hotp 0..3") == "0  486480\n1  069773\n2  220441\n3  138066\n")
    #expect(shell.text("hotp 1") == "069773\n")
  }

  @Test(
    "RFC 6238 seeds through enroll --uri: 94287082, 46119246, 90693936 at 59 s",
    arguments: [
      ("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "", "94287082"),
      ("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA", "&algorithm=SHA256", "46119246"),
      (
        "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA",
        "&algorithm=SHA512", "90693936"
      ),
    ])
  func rfc6238(_ secret: String, _ algorithm: String, _ code: String) {
    let shell = Harness()
    shell.run("clock set 59")
    let enrolled = shell.run("enroll --uri otpauth://totp/RFC:6238?secret=\(secret)&digits=8\(algorithm)")
    #expect(enrolled.outcome == .succeeded, "\(enrolled.text)")
    #expect(shell.text("totp").hasPrefix(code + "  "))
  }

  @Test("a code accepted now is rejected with --window 0 after 30 s, and accepted with --window 1")
  func windows() throws {
    let shell = Harness()
    shell.run("secret set --text 12345678901234567890")
    let code = String(shell.text("totp").prefix(6))
    #expect(shell.text("verify \(code)").hasPrefix("accepted: the code matches the current step"))
    shell.run("clock advance 30s")
    #expect(shell.text("verify \(code) --window 0").hasPrefix("rejected: wrong code (the tutor can tell: it expired 1 step ago"))
    #expect(shell.text("verify \(code) --window 1").hasPrefix("accepted: the code is from 1 step ago"))
  }

  @Test("the same script twice prints the same bytes")
  func deterministic() {
    let script = [
      "seed 7", "secret new", "totp", "advance 45s", "clock drift +45s", "totp", "watch 1m --every 20s", "explain",
      "enroll --account Muhammad --issuer CodingFleet.com", "uri", "verify 123456",
    ]
    func transcript() -> String {
      let shell = Harness()
      return script.map { shell.text($0) }.joined()
    }
    let first = transcript()
    #expect(first == transcript())
    #expect(first.contains("otpauth://totp/CodingFleet.com:Muhammad?secret="))
  }

  @Test("an unseeded session makes a different secret each time")
  func unseeded() {
    #expect(Harness().text("secret new") != Harness().text("secret new"))
  }

  @Test("explain walks through RFC 4226 §5.4 for the RFC 6238 example at 59 s")
  func explain() {
    let shell = Harness(start: UnixTime(seconds: 59))
    shell.run("enroll --uri otpauth://totp/RFC:6238?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8")
    let text = shell.text("explain")
    #expect(text.contains("T = floor((59 − 0) / 30) = 1"))
    #expect(text.contains("00 00 00 00 00 00 00 01"))
    #expect(text.contains("→ 94287082"))
    let hotp = shell.text("explain hotp 0")
    // RFC 4226 Appendix D, counter 0: HMAC cc93cf18…, truncated 0x4c93cf18 = 1284755224.
    #expect(hotp.contains("cc 93 cf 18 50 8d 94 93 4c 64 b6 5d 8b a7 66 7f"))
    #expect(hotp.contains("0x4c93cf18 = 1284755224"))
  }

  @Test("enroll makes a secret when there is none, and warns about URI tolerances")
  func enroll() {
    let shell = Harness(seed: 1)
    let text = shell.text("enroll --account Muhammad --issuer CodingFleet.com")
    #expect(text.contains("a new 160-bit secret"))
    #expect(text.contains("enrolled: TOTP CodingFleet.com:Muhammad (SHA1, 6 digits, 30 s)"))
    let tolerant = shell.text("enroll --uri otpauth://totp/ACME%3Aalice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=ACME")
    #expect(tolerant.contains("warning: the label's colon was written %3A"))
  }

  @Test("HOTP accounts: totp says to use hotp, the server checks counters")
  func hotpAccount() {
    let shell = Harness()
    shell.run("secret set Muhammad")
    shell.run("enroll --type hotp")
    #expect(shell.text("totp").hasPrefix("error: 'learner' is an HOTP account"))
    #expect(shell.text("verify 486480").hasPrefix("accepted: the code matches counter 0"))
    #expect(shell.text("verify 486480").hasPrefix("rejected: replayed"))
  }
}
