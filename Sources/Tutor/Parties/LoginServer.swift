public import OTP

/// The simulated login server: the accounts it holds, its policy, and what it has decided.
///
/// Each account is checked by the engine's ``TOTPVerifier`` or ``HOTPVerifier``, so what
/// the learner sees here is exactly what the engine's policies do.
public struct LoginServer: Sendable {
  /// One account on the server.
  public struct Record: Sendable {
    /// The account as enrolled.
    public let uri: KeyURI
    /// The checker and everything it has learned.
    public var verifier: Verifier
  }

  /// The engine's checker for an account's type.
  public enum Verifier: Sendable {
    case totp(TOTPVerifier)
    case hotp(HOTPVerifier)
  }

  /// A decision the server made.
  public struct LogEntry: Equatable, Sendable {
    public let time: UnixTime
    public let account: String
    public let accepted: Bool
    public let reason: String
  }

  /// The server's policy, applied to every account.
  public var policy = ServerPolicy()
  /// The accounts, by name.
  public private(set) var records: [String: Record] = [:]
  /// Account names in the order they were enrolled.
  public private(set) var accountNames: [String] = []
  /// Every decision so far, oldest first.
  public private(set) var log: [LogEntry] = []

  public init() {}

  /// Adds an account, or replaces the one with the same name (forgetting what was learned).
  public mutating func enroll(_ uri: KeyURI) throws(TutorError) {
    let verifier: Verifier
    do {
      switch uri.kind {
      case .totp: verifier = .totp(TOTPVerifier(totp: try uri.totp(), policy: policy.totp))
      case .hotp(let counter): verifier = .hotp(HOTPVerifier(hotp: try uri.hotp(), counter: counter, policy: policy.hotp))
      }
    } catch {
      throw TutorError(error)
    }
    if records[uri.account] == nil { accountNames.append(uri.account) }
    records[uri.account] = Record(uri: uri, verifier: verifier)
  }

  /// The decision on one code, in words, from the engine's verdict.
  public struct Verdict: Equatable, Sendable {
    /// Whether the login succeeded.
    public let accepted: Bool
    /// Why, in one line.
    public let reason: String
  }

  /// Checks a code for an account at the server's time, and logs the decision.
  ///
  /// - Parameter window: A window for this check only, instead of the policy's.
  public mutating func verify(
    _ code: String,
    account: String,
    at time: UnixTime,
    window: VerificationWindow? = nil
  ) throws(TutorError) -> Verdict {
    guard var record = records[account] else {
      throw TutorError("no account '\(account.quotedForMessage)' on the server", remedy: knownAccountsHint)
    }
    let verdict: Verdict
    switch record.verifier {
    case .totp(var verifier):
      var policy = self.policy.totp
      if let window { policy.window = window }
      verifier.policy = policy
      let used = verifier.replayGuard
      let decision = verifier.verify(code, at: time)
      var reason = Self.explain(decision, window: policy.window, skew: verifier.skew)
      if case .accepted(.code(let match)) = decision, used.hasUsed(match.step) {
        reason += "; this code had already logged in once: anyone who saw it can log in with it until its step ends"
          + " ('server policy replay on' refuses it, RFC 6238 §5.2)"
      }
      verdict = Verdict(accepted: decision.isAccepted, reason: reason)
      record.verifier = .totp(verifier)
    case .hotp(var verifier):
      verifier.policy = self.policy.hotp
      let decision = verifier.verify(code, at: time)
      verdict = Verdict(accepted: decision.isAccepted, reason: Self.explain(decision, lookAhead: self.policy.lookAhead))
      record.verifier = .hotp(verifier)
    }
    records[account] = record
    log.append(LogEntry(time: time, account: account, accepted: verdict.accepted, reason: verdict.reason))
    return verdict
  }

  mutating func replace(_ record: Record) {
    records[record.uri.account] = record
  }

  var knownAccountsHint: String {
    accountNames.isEmpty
      ? "enroll one first with 'enroll' (or 'secret new')"
      : "the server holds: " + accountNames.joined(separator: ", ")
  }
}
