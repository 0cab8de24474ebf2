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
  /// How the server's database keeps the accounts' secrets and scratch codes.
  public var storage = SecretStorage.plaintext
  /// The accounts, by name, as the first replica (or the shared state store) holds them.
  public private(set) var records: [String: Record] = [:]
  /// The accounts as each further replica holds them, when replicas keep their own state;
  /// empty when there is one replica or all share one state store.
  private var otherReplicas: [[String: Record]] = []
  /// How many replicas answer logins behind the load balancer.
  public private(set) var replicaCount = 1
  /// Whether the replicas load and store each account's verifier state in one shared store.
  public private(set) var sharesState = true
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
    for index in otherReplicas.indices { otherReplicas[index][uri.account] = records[uri.account] }
  }

  /// The replicas' names, as `login --replica` and `attack replay --replica` take them.
  public static let replicaNames = ["a", "b", "c", "d"]

  /// Runs the server as `count` replicas that keep each account's verifier state in one shared
  /// store (`sharedState`), or each in its own: then each starts from a copy of the first
  /// replica's, and from then on remembers only the logins it saw itself.
  public mutating func setReplicas(_ count: Int, sharedState: Bool) {
    let count = max(1, min(count, Self.replicaNames.count))
    replicaCount = count
    sharesState = sharedState || count == 1
    otherReplicas = sharesState ? [] : Array(repeating: records, count: count - 1)
  }

  /// The store replica `replica` reads an account's state from and writes it back to.
  private func store(of replica: Int) -> [String: Record] {
    replica == 0 || sharesState ? records : otherReplicas[replica - 1]
  }

  private mutating func save(_ record: Record, for account: String, replica: Int) {
    if replica == 0 || sharesState { records[account] = record } else { otherReplicas[replica - 1][account] = record }
  }

  /// Checks a code for an account at the server's time, and logs the decision.
  ///
  /// The replica loads the account's verifier state from its store, decides, and stores the
  /// state back: with a shared store the next replica sees this attempt; without one it does not.
  ///
  /// - Parameters:
  ///   - window: A window for this check only, instead of the policy's.
  ///   - replica: Which replica answers (0 is the first), below ``replicaCount``.
  public mutating func verify(
    _ code: String,
    account: String,
    at time: UnixTime,
    window: VerificationWindow? = nil,
    replica: Int = 0
  ) throws(Failure) -> Verdict {
    let replica = min(max(0, replica), replicaCount - 1)
    guard var record = store(of: replica)[account] else { throw .noSuchAccount(account, known: accountNames) }
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
        lookAhead: self.policy.lookAhead.counters, reusedStep: reused, nearMiss: nearMiss)
      record.verifier = .totp(verifier)
    case .hotp(var verifier):
      verifier.policy = self.policy.hotp
      let decision = verifier.verify(code, at: time)
      verdict = Verdict(
        account: account, decision: .hotp(decision), window: self.policy.window, skew: 0,
        lookAhead: self.policy.lookAhead.counters, reusedStep: false, nearMiss: nil)
      record.verifier = .hotp(verifier)
    }
    save(record, for: account, replica: replica)
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

  /// The server's database as it stands, one row per account in enrolment order, each stored
  /// as ``storage`` says (nonces and salts drawn from `random`): what a leak hands an attacker.
  public func database(using random: inout some RandomNumberGenerator) -> [DatabaseRow] {
    accountNames.compactMap { name in
      guard let record = records[name] else { return nil }
      let scratch: [String] =
        switch record.verifier {
        case .totp(let verifier): verifier.scratchCodes.codes
        case .hotp(let verifier): verifier.scratchCodes.codes
        }
      return storage.row(account: name, secret: record.uri.secret, scratchCodes: scratch, using: &random)
    }
  }

  /// Gives an account a fresh set of scratch codes.
  public mutating func setScratchCodes(_ codes: ScratchCodes, for account: String) throws(Failure) {
    guard records[account] != nil else { throw .noSuchAccount(account, known: accountNames) }
    for replica in 0..<(sharesState ? 1 : replicaCount) {
      guard var record = store(of: replica)[account] else { continue }
      switch record.verifier {
      case .totp(var verifier):
        verifier.scratchCodes = codes
        record.verifier = .totp(verifier)
      case .hotp(var verifier):
        verifier.scratchCodes = codes
        record.verifier = .hotp(verifier)
      }
      save(record, for: account, replica: replica)
    }
  }
}
