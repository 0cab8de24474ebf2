import OTP

/// Grades the login server's policy and storage against what the standards ask of a verifier
/// of one-time codes: RFC 4226, RFC 6238, NIST SP 800-63B (revision 3) and OWASP ASVS 4.0 V2.8.
///
/// Each check names its source, says what it asks, whether the server meets it, and the
/// command that fixes it. Checks about secrets look at every account the server holds.
public enum ServerAudit {
  /// One requirement and the server's standing against it.
  public struct Check: Sendable, Equatable {
    /// Where the requirement is written: `RFC 6238 §5.2`.
    public let source: String
    /// What it asks, in a few words.
    public let requirement: String
    /// Whether the server meets it.
    public let isMet: Bool
    /// What the server does now, when that explains the grade.
    public let finding: String
    /// The command that fixes it, when it is not met.
    public let fix: String?
  }

  /// The checks, in the order the audit lists them.
  public static func checks(of server: LoginServer) -> [Check] {
    let policy = server.policy
    let uris = server.accountNames.compactMap { server.records[$0]?.uri }
    let totp = uris.filter { if case .totp = $0.kind { true } else { false } }
    var checks: [Check] = []
    let hasScratchCodes = server.accountNames.contains { name in
      switch server.records[name]?.verifier {
      case .totp(let verifier)?: !verifier.scratchCodes.codes.isEmpty
      case .hotp(let verifier)?: !verifier.scratchCodes.codes.isEmpty
      case nil: false
      }
    }
    func add(_ source: String, _ requirement: String, _ met: Bool, _ finding: String, fix: String?) {
      checks.append(Check(source: source, requirement: requirement, isMet: met, finding: finding, fix: met ? nil : fix))
    }

    let weakest = uris.min { $0.secret.bitCount < $1.secret.bitCount }
    let bits = weakest?.secret.bitCount
    let secretFinding = weakest.map { "the weakest secret is \($0.account)'s, \($0.secret.bitCount) bits" } ?? "no accounts yet"
    add(
      "RFC 4226 §4 R6", "secrets of at least 128 bits (160 recommended)", (bits ?? 160) >= 128, secretFinding,
      fix: "secret new, then enroll")
    add(
      "NIST SP 800-63B §5.1.4.1", "an OTP key of at least 112 bits", (bits ?? 160) >= 112,
      secretFinding, fix: "secret new, then enroll")

    let window = policy.window
    add(
      "RFC 6238 §5.2", "at most one step back for network delay", window.past <= 1,
      Format.window(window), fix: "server policy window 1")
    add(
      "RFC 6238 §5.2", "no second login with the same code", policy.preventsReplay,
      "replay prevention \(policy.preventsReplay ? "on" : "off")", fix: "server policy replay on")
    add(
      "NIST SP 800-63B §5.1.4.2", "a code accepted only once while valid", policy.preventsReplay,
      "replay prevention \(policy.preventsReplay ? "on" : "off")", fix: "server policy replay on")
    let throttled = policy.rateLimit != nil || policy.lockOut != nil
    add(
      "RFC 4226 §7.3", "throttling: a delay or a lock-out", throttled,
      throttled ? "rate limit or lock-out set" : "no rate limit, no lock-out", fix: "server policy rate-limit 3 per 30s")
    let lockOut = policy.lockOut
    add(
      "NIST SP 800-63B §5.2.2", "at most 100 failures in a row",
      lockOut.map { $0.failures <= 100 } ?? false,
      lockOut.map { "locked after \($0.failures) failures in a row" }
        ?? "no lock-out (a rate limit alone lets failures run on)", fix: "server policy lock-out 10")
    if !totp.isEmpty {
      let longest =
        totp.compactMap { uri -> Int64? in if case .totp(let period) = uri.kind { period.wholeSeconds } else { nil } }.max() ?? 30
      add(
        "OWASP ASVS 4.0 V2.8.1", "codes with a defined lifetime", longest <= 60,
        "steps of at most \(longest) s, \(Format.window(window))", fix: "enroll --period 30")
    }
    add(
      "OWASP ASVS 4.0 V2.8.2", "the keys that verify codes highly protected", server.storage.isEncrypted,
      server.storage.isEncrypted ? "secrets encrypted at rest, the key kept apart" : "secrets stored in plain text",
      fix: "server storage encrypted")
    add(
      "NIST SP 800-63B §5.1.2.2", "scratch codes safe from offline attacks", server.storage.isEncrypted,
      (hasScratchCodes ? "scratch codes stored" : "no scratch codes yet; they would be stored")
        + (server.storage.isEncrypted ? " as keyed, salted hashes" : " in plain text"),
      fix: "server storage encrypted")
    if server.replicaCount > 1 {
      add(
        "RFC 6238 §5.2, every replica", "a code accepted once, whichever replica", server.sharesState,
        server.sharesState
          ? "\(server.replicaCount) replicas, one shared state store" : "\(server.replicaCount) replicas, each with its own state",
        fix: "server replicas \(server.replicaCount) shared")
    }
    return checks
  }
}
