/// A fact of a simulation that an exercise can ask for: who got in, what was refused and why,
/// beyond the login server's verdicts on codes.
///
/// A command reports a fact beside the lines that say it in words (``Event/fact(_:)``); a
/// renderer shows nothing for it. An exercise names one with `expect: fact <name>`, so a lesson
/// is judged on what happened, never on the wording of a line.
public enum Fact: String, CaseIterable, Sendable {
  /// A phishing relay passed the learner's code to the real server in time, and got a session.
  case relayGotSession = "relay-got-session"
  /// The real server refused the code a phishing relay passed on (too late, or already used).
  case relayRefused = "relay-refused"
  /// The server accepted an origin-bound credential's signed assertion.
  case passkeyAccepted = "passkey-accepted"
  /// The server refused an assertion signed for another origin (a relayed one).
  case passkeyRefusedOrigin = "passkey-refused-origin"
  /// The server accepted a code it sent by SMS or e-mail.
  case deliveredCodeAccepted = "delivered-code-accepted"
  /// The server refused a code it sent by SMS or e-mail: expired, used, or replaced.
  case deliveredCodeRefused = "delivered-code-refused"
  /// The server refused to send another code: the resend limit.
  case resendLimited = "resend-limited"
  /// An attacker who took over the phone number received the learner's SMS code.
  case simSwapGotCode = "sim-swap-got-code"
  /// A tired user approved an attacker's push request.
  case pushFatigueApproved = "push-fatigue-approved"
  /// Number matching stopped an attacker's push requests.
  case pushMatchingRefused = "push-matching-refused"
  /// An authenticator app exported its accounts as an `otpauth-migration://` link.
  case migrationExported = "migration-exported"
  /// An authenticator app imported accounts from an `otpauth-migration://` link.
  case migrationImported = "migration-imported"
  /// A phone and the authenticator app on it were lost.
  case phoneLost = "phone-lost"
  /// A leak of the server's accounts gave the attacker secrets it could make codes from.
  case leakGaveCodes = "leak-gave-codes"
  /// A leak of the server's accounts gave the attacker nothing it could make codes from.
  case leakGaveNothing = "leak-gave-nothing"
  /// A code replayed through another replica of the server was accepted.
  case replicaReplayAccepted = "replica-replay-accepted"
  /// A code replayed through another replica of the server was refused.
  case replicaReplayRefused = "replica-replay-refused"
  /// `server audit` found every check met.
  case auditPassed = "audit-passed"
  /// `server audit` found at least one check not met.
  case auditFailed = "audit-failed"
}
