extension TOTPVerifier {
  /// Everything a ``TOTPVerifier`` remembers between attempts, apart from the secret and the
  /// policy: the used steps, the latest login's step, the learned skew and the observations
  /// towards one, the rate limiter's recent attempts, the failures in a row and the unused
  /// scratch codes.
  ///
  /// A server saves it with the account after every attempt, accepted or not (a refused
  /// attempt moves the rate limiter, the failure count and skew learning), and restores the
  /// verifier with ``TOTPVerifier/init(totp:policy:state:)``. It holds no secret, so it can
  /// be stored apart from the key, but the scratch codes in it are credentials: keep it where
  /// only the login server reads it.
  ///
  /// ```swift
  /// let saved = try JSONEncoder().encode(server.state)
  /// // … a restart later …
  /// var restored = TOTPVerifier(totp: totp, policy: policy,
  ///                             state: try JSONDecoder().decode(TOTPVerifier.State.self, from: saved))
  /// ```
  ///
  /// Decoding checks the record as the verifier's own operations keep it (used steps in
  /// order, no more recorded attempts than the limit, a skew within
  /// ``SkewLearner/searchRange``, well-formed scratch codes, a known ``version``) and throws
  /// `DecodingError.dataCorrupted` otherwise.
  ///
  /// With several replicas, the state must be read, used for one attempt and written back
  /// atomically (compare-and-set), or each replica keeps its own replay guard and rate limit:
  /// see <doc:SharingState>.
  public struct State: Hashable, Sendable {
    /// The learned clock skew of the user's phone, in steps.
    public internal(set) var skew = 0
    /// The steps already used.
    public internal(set) var replayGuard = ReplayGuard()
    /// The latest time step at which a code logged in.
    public internal(set) var latestStep: UInt64?
    /// Skew observations so far.
    public internal(set) var skewLearner = SkewLearner()
    /// Recent attempts, when a rate limit is set.
    public internal(set) var rateLimiter: RateLimiter?
    /// Failed attempts since the last successful login.
    public internal(set) var consecutiveFailures = 0
    /// The user's unused scratch codes.
    public var scratchCodes = ScratchCodes()

    /// The saved format this library writes and reads.
    public static let version = 1

    /// The state of a user who has not logged in yet.
    public init() {}
  }
}

extension TOTPVerifier.State: Codable {
  private enum CodingKeys: String, CodingKey {
    case version, skew, replayGuard, latestStep, skewLearner, rateLimiter, consecutiveFailures, scratchCodes
  }

  /// Reads a state saved by ``encode(to:)``.
  ///
  /// - Throws: `DecodingError` for a record this version cannot read or that no verifier
  ///   could have left (see ``TOTPVerifier/State``).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let version = try container.decode(Int.self, forKey: .version)
    guard version == Self.version else {
      throw DecodingError.dataCorruptedError(
        forKey: .version, in: container, debugDescription: "state version \(version); this library reads \(Self.version)")
    }
    skew = try container.decode(Int.self, forKey: .skew)
    guard (-SkewLearner.searchRange...SkewLearner.searchRange).contains(skew) else {
      throw DecodingError.dataCorruptedError(
        forKey: .skew, in: container, debugDescription: "a skew of \(skew) steps is beyond the search range")
    }
    replayGuard = try container.decode(ReplayGuard.self, forKey: .replayGuard)
    latestStep = try container.decodeIfPresent(UInt64.self, forKey: .latestStep)
    skewLearner = try container.decode(SkewLearner.self, forKey: .skewLearner)
    rateLimiter = try container.decodeIfPresent(RateLimiter.self, forKey: .rateLimiter)
    consecutiveFailures = try container.decode(Int.self, forKey: .consecutiveFailures)
    guard consecutiveFailures >= 0 else {
      throw DecodingError.dataCorruptedError(
        forKey: .consecutiveFailures, in: container, debugDescription: "a negative count of failures")
    }
    scratchCodes = try container.decode(ScratchCodes.self, forKey: .scratchCodes)
  }

  /// Writes the state, with its format ``version``.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(Self.version, forKey: .version)
    try container.encode(skew, forKey: .skew)
    try container.encode(replayGuard, forKey: .replayGuard)
    try container.encodeIfPresent(latestStep, forKey: .latestStep)
    try container.encode(skewLearner, forKey: .skewLearner)
    try container.encodeIfPresent(rateLimiter, forKey: .rateLimiter)
    try container.encode(consecutiveFailures, forKey: .consecutiveFailures)
    try container.encode(scratchCodes, forKey: .scratchCodes)
  }
}
