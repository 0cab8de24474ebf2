public import OTP

/// The simulated login server: the accounts it holds, its policy, and what it has decided.
///
/// Each account is checked by the engine's ``TOTPVerifier`` or ``HOTPVerifier``, so what
/// the learner sees here is exactly what the engine's policies do. The server speaks in
/// facts (``Verdict``s and typed errors); the shell's commands put them into words.
public struct LoginServer: Sendable {
  /// What can go wrong when asking the server.
  public enum Failure: Error, Equatable, Sendable {
    /// The server holds no account of this name; `known` lists those it does hold.
    case noSuchAccount(String, known: [String])
    /// The account's parameters are not ones the engine can check.
    case unusableAccount(String)
  }

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
    public let verdict: Verdict
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
  public mutating func enroll(_ uri: KeyURI) throws(Failure) {
    let verifier: Verifier
    switch uri.kind {
    case .totp: verifier = .totp(TOTPVerifier(totp: uri.totp(), policy: policy.totp))
    case .hotp(let counter): verifier = .hotp(HOTPVerifier(hotp: uri.hotp(), counter: counter, policy: policy.hotp))
    }
    if records[uri.account] == nil { accountNames.append(uri.account) }
    records[uri.account] = Record(uri: uri, verifier: verifier)
  }

  /// Checks a code for an account at the server's time, and logs the decision.
  ///
  /// - Parameter window: A window for this check only, instead of the policy's.
  public mutating func verify(
    _ code: String,
    account: String,
    at time: UnixTime,
    window: VerificationWindow? = nil
  ) throws(Failure) -> Verdict {
    guard var record = records[account] else { throw .noSuchAccount(account, known: accountNames) }
    let verdict: Verdict
    switch record.verifier {
    case .totp(var verifier):
      var policy = self.policy.totp
      if let window { policy.window = window }
      verifier.policy = policy
      let used = verifier.replayGuard
      let decision = verifier.verify(code, at: time)
      var reused = false
      if case .accepted(.code(let match)) = decision { reused = used.hasUsed(match.step) }
      var nearMiss: TOTPMatch?
      if case .rejected(.attempt(.wrongCode)) = decision { nearMiss = Self.nearMiss(code, of: verifier.totp, at: time) }
      verdict = Verdict(
        account: account, decision: .totp(decision), window: policy.window, skew: verifier.skew,
        lookAhead: self.policy.lookAhead, reusedStep: reused, nearMiss: nearMiss)
      record.verifier = .totp(verifier)
    case .hotp(var verifier):
      verifier.policy = self.policy.hotp
      let decision = verifier.verify(code, at: time)
      verdict = Verdict(
        account: account, decision: .hotp(decision), window: self.policy.window, skew: 0,
        lookAhead: self.policy.lookAhead, reusedStep: false, nearMiss: nil)
      record.verifier = .hotp(verifier)
    }
    records[account] = record
    log.append(LogEntry(time: time, verdict: verdict))
    return verdict
  }

  /// How far the tutor looks for the step a wrong code belongs to, each way.
  static let nearMissSearch = 100

  /// The step near `time` a code the server refused belongs to, if any: the tutor's own look,
  /// to explain expiry and drift. The engine does not search outside its window (unless it is
  /// learning skew), so a real server's reply confirms nothing to a guesser.
  static func nearMiss(_ code: String, of totp: TOTP, at time: UnixTime) -> TOTPMatch? {
    guard let around = try? VerificationWindow(past: nearMissSearch, future: nearMissSearch),
      let match = try? totp.match(code, at: time, window: around), match.offset != 0
    else { return nil }
    return match
  }

  /// Gives an account a fresh set of scratch codes.
  public mutating func setScratchCodes(_ codes: ScratchCodes, for account: String) throws(Failure) {
    guard var record = records[account] else { throw .noSuchAccount(account, known: accountNames) }
    switch record.verifier {
    case .totp(var verifier):
      verifier.scratchCodes = codes
      record.verifier = .totp(verifier)
    case .hotp(var verifier):
      verifier.scratchCodes = codes
      record.verifier = .hotp(verifier)
    }
    records[account] = record
  }
}
