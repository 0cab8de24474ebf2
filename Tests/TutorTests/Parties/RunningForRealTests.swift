import OTP
import Testing

@testable import Tutor

/// RFC 6238 Appendix B's SHA-1 seed, in base32; step 1's 6-digit code is RFC 4226
/// Appendix D's counter 1 code.
private let seed = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
private let stepOneCode = "287082"

@Suite("Running a server for real: storage, leaks, replicas, the audit, guessing odds")
struct RunningForRealTests {
  private func server(replayPrevention: Bool = true) throws -> LoginServer {
    var server = LoginServer()
    server.policy.preventsReplay = replayPrevention
    try server.enroll(KeyURI(kind: .totp(period: .seconds(30)), secret: Secret(base32: seed), account: "ann"))
    return server
  }

  @Test("plain-text storage leaks the secret itself; AES-GCM storage leaks a sealed box that opens only with the key and the account")
  func storage() throws {
    var random = SplitMix64(seed: 1)
    let secret = try Secret(base32: seed)
    let plain = SecretStorage.plaintext.row(account: "ann", secret: secret, scratchCodes: ["12345678"], using: &random)
    #expect(plain.secret == .plaintext(seed))
    #expect(plain.scratchCodes == [.plaintext("12345678")])

    let key = SecretStorage.ServerKey(bytes: (0..<32).map { UInt8($0) })
    let storage = SecretStorage.encrypted(key)
    let sealed = storage.row(account: "ann", secret: secret, scratchCodes: ["12345678"], using: &random)
    guard case .sealed(let nonce, let ciphertext, let tag) = sealed.secret else {
      Issue.record("not sealed")
      return
    }
    #expect((nonce.count, ciphertext.count, tag.count) == (12, 20, 16))
    #expect(ciphertext != secret.withUnsafeBytes { Array($0) })
    #expect(try storage.secret(of: sealed).base32 == seed)
    // The attacker has no key; another key does not open it; nor does another account's row.
    #expect(throws: SecretStorageError.noKey(account: "ann")) { try SecretStorage.plaintext.secret(of: sealed) }
    let other = SecretStorage.encrypted(.init(bytes: Array(repeating: 9, count: 32)))
    #expect(throws: SecretStorageError.cannotOpen(account: "ann")) { try other.secret(of: sealed) }
    let moved = DatabaseRow(account: "bob", secret: sealed.secret, scratchCodes: [])
    #expect(throws: SecretStorageError.cannotOpen(account: "bob")) { try storage.secret(of: moved) }
    // Scratch codes are hashed, salted: the right code matches, others do not.
    guard case .hashed(let salt, let digest)? = sealed.scratchCodes.first else {
      Issue.record("scratch code not hashed")
      return
    }
    #expect(salt.count == 16 && digest.count == 32)
    #expect(storage.matches("12345678", sealed.scratchCodes[0]))
    #expect(!storage.matches("12345679", sealed.scratchCodes[0]))
    #expect(!other.matches("12345678", sealed.scratchCodes[0]))
  }

  @Test("a leak of a plain-text database logs the attacker in; of an encrypted one, it gives nothing")
  func leak() {
    let shell = Harness(start: UnixTime(seconds: 59), seed: 4)
    shell.run("secret set \(seed)")
    shell.run("server scratch 2")
    #expect(facts(shell, "attack leak") == [.leakGaveCodes])
    #expect(shell.session.world.server.log.last?.verdict.isAccepted == true)
    let decisions = shell.session.world.server.log.count
    shell.run("server storage encrypted")
    #expect(facts(shell, "attack leak") == [.leakGaveNothing])
    #expect(shell.session.world.server.log.count == decisions)
    // The server itself still checks codes: its key opens its rows.
    shell.run("clock set 61")
    #expect(shell.text("verify 359152").hasPrefix("accepted"))
  }

  @Test("replicas with their own state let a replayed code in through the other; a shared store refuses it")
  func replicas() throws {
    var separate = try server()
    separate.setReplicas(2, sharedState: false)
    #expect(try separate.verify(stepOneCode, account: "ann", at: UnixTime(seconds: 59), replica: 0).isAccepted)
    #expect(try separate.verify(stepOneCode, account: "ann", at: UnixTime(seconds: 59), replica: 0).refusal == .replayed)
    #expect(try separate.verify(stepOneCode, account: "ann", at: UnixTime(seconds: 59), replica: 1).isAccepted)

    var shared = try server()
    shared.setReplicas(2, sharedState: true)
    #expect(try shared.verify(stepOneCode, account: "ann", at: UnixTime(seconds: 59), replica: 0).isAccepted)
    #expect(try shared.verify(stepOneCode, account: "ann", at: UnixTime(seconds: 59), replica: 1).refusal == .replayed)
  }

  @Test("rate limits kept per replica give a guesser one limit per replica")
  func replicaRateLimits() throws {
    var separate = try server()
    separate.policy.rateLimit = try RateLimit(attempts: 3, per: .seconds(30))
    separate.setReplicas(2, sharedState: false)
    let time = UnixTime(seconds: 40)
    for _ in 0..<3 { #expect(try separate.verify("000000", account: "ann", at: time).refusal == .wrongCode) }
    #expect(try separate.verify("000000", account: "ann", at: time).refusal == .rateLimited)
    #expect(try separate.verify("000000", account: "ann", at: time, replica: 1).refusal == .wrongCode)
    #expect(AttackCommand.checkedGuesses(rate: 10, for: .seconds(310), server: separate) == 60)
    separate.setReplicas(2, sharedState: true)
    #expect(AttackCommand.checkedGuesses(rate: 10, for: .seconds(310), server: separate) == 30)
  }

  @Test("attack replay --replica b: accepted with separate state, refused with a shared store")
  func replayThroughReplica() {
    let shell = Harness(start: UnixTime(seconds: 59))
    shell.run("secret set \(seed)")
    shell.run("server policy replay on")
    #expect(shell.text("attack replay --replica b").hasPrefix("error: 'b' is not one of the server's replicas (a)"))
    shell.run("server replicas 2 separate")
    #expect(facts(shell, "attack replay --replica b") == [.replicaReplayAccepted])
    shell.run("advance 30s")
    shell.run("server replicas 2 shared")
    #expect(facts(shell, "attack replay --replica b") == [.replicaReplayRefused])
  }

  @Test("every audit line fails on the tutorial's server and passes after the fix it names")
  func audit() throws {
    let shell = Harness(start: UnixTime(seconds: 59))
    shell.run("secret set Muhammad")
    shell.run("server replicas 2 separate")
    let failing = ServerAudit.checks(of: shell.session.world.server).filter { !$0.isMet }
    // The tutorial's pyotp server: a 40-bit key, no replay prevention, no throttling, no
    // lock-out, plain-text storage, and here replicas without shared state.
    #expect(
      Set(failing.map(\.source)) == [
        "RFC 4226 §4 R6", "NIST SP 800-63B §5.1.4.1", "RFC 6238 §5.2", "NIST SP 800-63B §5.1.4.2", "RFC 4226 §7.3",
        "NIST SP 800-63B §5.2.2", "OWASP ASVS 4.0 V2.8.2", "NIST SP 800-63B §5.1.2.2", "RFC 6238 §5.2, every replica",
      ])
    #expect(facts(shell, "server audit") == [.auditFailed])
    for check in failing {
      let fix = try #require(check.fix)
      for command in fix.split(separator: ", then ").map(String.init) {
        #expect(shell.run(command).outcome == .succeeded, "\(command)")
      }
      let after = ServerAudit.checks(of: shell.session.world.server)
      #expect(!after.contains { $0.source == check.source && $0.requirement == check.requirement && !$0.isMet })
    }
    #expect(facts(shell, "server audit") == [.auditPassed])
    // A window wider than one step fails RFC 6238 §5.2's network-delay line again.
    shell.run("server policy window 2")
    #expect(ServerAudit.checks(of: shell.session.world.server).filter { !$0.isMet }.map(\.fix) == ["server policy window 1"])
  }

  @Test(
    "OWASP WSTG-ATHN-11's table at 10 guesses a second: 1, 3 and 5 codes accepted, after 1 h and 24 h",
    arguments: [
      // WSTG's published figures, rounded to whole percents.
      (1, 3_600.0, 4.0), (1, 86_400.0, 58.0), (3, 3_600.0, 10.0), (3, 86_400.0, 92.0), (5, 3_600.0, 16.0),
      (5, 86_400.0, 99.0),
    ])
  func wstg(valid: Int, seconds: Double, published: Double) {
    let odds = GuessingOdds(valid: valid, space: 1_000_000, guesses: 10 * seconds)
    #expect(abs(odds.closedForm * 100 - published) < 0.55, "closed form \(odds.closedForm)")
    // Simulated over 10,000 attackers with 40 seeds: within two standard deviations about 95
    // times in 100, and never beyond four.
    var within = 0
    for seed in 1...40 {
      var random = SplitMix64(seed: UInt64(seed))
      let fraction = Double(odds.simulate(trials: 10_000, using: &random)) / 10_000
      let deviation = abs(fraction - odds.closedForm)
      #expect(deviation < 2 * odds.noise(trials: 10_000))
      if deviation <= odds.noise(trials: 10_000) { within += 1 }
    }
    #expect(within >= 34, "\(within) of 40 within two standard deviations")
  }

  @Test("lock-out bounds the guesses a server checks; the guess simulation stops there")
  func lockOut() throws {
    var server = try server()
    server.policy.lockOut = try LockOut(failures: 10)
    #expect(AttackCommand.checkedGuesses(rate: 10, for: .seconds(86_400), server: server) == 10)
    for _ in 0..<10 { _ = try server.verify("000000", account: "ann", at: UnixTime(seconds: 40)) }
    #expect(try server.verify(stepOneCode, account: "ann", at: UnixTime(seconds: 40)).refusal == .lockedOut)
    let shell = Harness(start: UnixTime(seconds: 59))
    shell.run("secret set \(seed)")
    #expect(shell.text("server policy lock-out 101").hasPrefix("error:"))
    #expect(shell.text("server policy lock-out 10").contains("lock-out after 10 failures in a row"))
    #expect(shell.text("server policy lock-out off").hasPrefix("policy: window 0, replay prevention off"))
  }

  @Test("bad server and attack input: one line each, with what to type")
  func badInput() {
    let shell = Harness(start: UnixTime(seconds: 59))
    #expect(shell.text("attack leak") == "error: the server holds no accounts to leak; type secret new, then enroll\n")
    shell.run("secret set \(seed)")
    for line in [
      "server storage rot13", "server replicas", "server replicas 9", "server replicas 2 mirrored",
      "attack guess --trials 100", "attack guess --for 1h --trials 0", "attack replay --replica z", "server audit now",
    ] {
      let text = shell.text(line)
      #expect(text.hasPrefix("error: ") && text.split(separator: "\n").count == 1, "\(line): \(text)")
    }
  }
}
