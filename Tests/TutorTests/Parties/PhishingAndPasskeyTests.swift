import OTP
import Testing

@testable import Tutor

/// RFC 6238 Appendix B's SHA-1 seed; its 6-digit code for step 1 (30–59 s) is RFC 4226
/// Appendix D's counter 1 code, 287082.
private let rfcSeed = "--text 12345678901234567890"
private let stepOneCode = "287082"

/// The facts a line reported, run as the shell runs it.
func facts(_ shell: Harness, _ line: String, answers: [String] = []) -> [Fact] {
  let context = Context.silent(shell.session, answers: answers)
  _ = shell.session.run(line, in: context)
  return context.facts
}

@Suite("A phishing relay and an origin-bound credential")
struct PhishingAndPasskeyTests {

  @Test("a code relayed inside its step gets the attacker a session, and replay prevention then refuses the user")
  func relayInsideWindow() {
    let shell = Harness(start: UnixTime(seconds: 40))
    shell.run("secret set \(rfcSeed)")
    shell.run("server policy replay on")
    #expect(facts(shell, "phish login", answers: [stepOneCode]) == [.relayGotSession])
    // The relay waited 3 s: still step 1.
    #expect(shell.session.world.clock.time == UnixTime(seconds: 43))
    #expect(shell.session.world.server.log.last?.verdict.isAccepted == true)
    let user = shell.run("login", answers: [stepOneCode])
    #expect(user.outcome == .succeeded)
    #expect(shell.session.world.server.log.last?.verdict.refusal == .replayed)
  }

  @Test("a code relayed after its step ends is refused (window 0), and the user then gets in")
  func relayOutsideWindow() {
    let shell = Harness(start: UnixTime(seconds: 40))
    shell.run("secret set \(rfcSeed)")
    shell.run("server policy replay on")
    #expect(facts(shell, "phish login --delay 25s", answers: [stepOneCode]) == [.relayRefused])
    #expect(shell.session.world.server.log.last?.verdict.isAccepted == false)
  }

  @Test("with a window of 1, a relay 25 s late still gets in")
  func relayWithWindow() {
    let shell = Harness(start: UnixTime(seconds: 40))
    shell.run("secret set \(rfcSeed)")
    shell.run("server policy window 1")
    #expect(facts(shell, "phish login --delay 25s", answers: [stepOneCode]) == [.relayGotSession])
  }

  @Test("phish login refuses a delay past a day and a missing account, in one line each")
  func relayBadInput() {
    let shell = Harness(start: UnixTime(seconds: 40))
    #expect(shell.text("phish login").hasPrefix("error: there is no secret yet"))
    shell.run("secret set \(rfcSeed)")
    #expect(shell.text("phish login --delay 2d").hasPrefix("error: a relay delay of more than a day shows nothing new"))
    #expect(shell.text("phish login --delay soon").hasPrefix("error:"))
    #expect(shell.text("phish").hasPrefix("error:"))
    #expect(shell.text("phish passkey").hasPrefix("error: learner has no passkey yet; type passkey register first"))
  }

  @Test("a passkey logs in at the real origin and its relayed assertion is refused for naming the look-alike")
  func passkeyOrigin() {
    let shell = Harness(seed: 3)
    shell.run("passkey register")
    #expect(facts(shell, "passkey login") == [.passkeyAccepted])
    #expect(facts(shell, "phish passkey") == [.passkeyRefusedOrigin])
  }

  @Test("the passkey server checks the signature, the challenge, the origin and the counter")
  func passkeyChecks() throws {
    var random = SplitMix64(seed: 11)
    var authenticator = PasskeyAuthenticator()
    var server = PasskeyServer()
    server.register(authenticator.register(relyingParty: server.relyingParty, using: &random), for: "ann")

    let challenge = server.challenge(using: &random)
    let first = authenticator.assert(challenge, origin: server.origin)
    let good = try #require(first)
    #expect(good.origin == "https://example.com")
    #expect(throws: Never.self) { try server.verify(good, account: "ann") }
    // The same assertion again: its challenge is spent.
    _ = server.challenge(using: &random)
    #expect(throws: PasskeyServer.Refusal.staleChallenge) { try server.verify(good, account: "ann") }

    // A signature over other bytes does not verify.
    let next = server.challenge(using: &random)
    let second = authenticator.assert(next, origin: server.origin)
    let signed = try #require(second)
    var forged = signed.signature
    forged[10] ^= 1
    let tampered = Assertion(
      credentialID: signed.credentialID, clientDataJSON: signed.clientDataJSON,
      authenticatorData: signed.authenticatorData, signature: forged)
    #expect(throws: PasskeyServer.Refusal.badSignature) { try server.verify(tampered, account: "ann") }

    // Signed at the look-alike origin: valid signature, wrong origin.
    let relayed = server.challenge(using: &random)
    let third = authenticator.assert(relayed, origin: "https://examp1e.com")
    let phished = try #require(third)
    #expect(throws: PasskeyServer.Refusal.wrongOrigin(seen: "https://examp1e.com", expected: "https://example.com")) {
      try server.verify(phished, account: "ann")
    }

    // No credential for another relying party.
    #expect(authenticator.assert(PasskeyServer(relyingParty: "examp1e.com").challengeForTest(), origin: "https://examp1e.com") == nil)
    #expect(throws: PasskeyServer.Refusal.noCredential(account: "bob")) { try server.verify(good, account: "bob") }
  }

  @Test("a cloned authenticator's counter going back is refused")
  func passkeyCounter() throws {
    var random = SplitMix64(seed: 12)
    var authenticator = PasskeyAuthenticator()
    var server = PasskeyServer()
    server.register(authenticator.register(relyingParty: server.relyingParty, using: &random), for: "ann")
    let clone = authenticator
    for _ in 0..<2 {
      let challenge = server.challenge(using: &random)
      let assertion = authenticator.assert(challenge, origin: server.origin)
      try server.verify(try #require(assertion), account: "ann")
    }
    var copy = clone
    let challenge = server.challenge(using: &random)
    let assertion = copy.assert(challenge, origin: server.origin)
    let old = try #require(assertion)
    #expect(throws: PasskeyServer.Refusal.counterWentBack) { try server.verify(old, account: "ann") }
  }
}

extension PasskeyServer {
  fileprivate func challengeForTest() -> Challenge {
    Challenge(relyingParty: relyingParty, bytes: Array(repeating: 7, count: 32))
  }
}
