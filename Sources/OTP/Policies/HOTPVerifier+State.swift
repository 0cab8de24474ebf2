extension HOTPVerifier {
  /// Everything an ``HOTPVerifier`` remembers between attempts, apart from the secret and the
  /// policy: the counter it expects next, the rate limiter's recent attempts, the failures in
  /// a row and the unused scratch codes.
  ///
  /// A server saves it with the account after every attempt, accepted or not, and restores
  /// the verifier with ``HOTPVerifier/init(hotp:policy:state:)``. It holds no secret, but the
  /// scratch codes in it are credentials: keep it where only the login server reads it.
  /// Decoding checks the record as the verifier's own operations keep it and throws
  /// `DecodingError.dataCorrupted` otherwise.
  ///
  /// With several replicas, the state must be read, used for one attempt and written back
  /// atomically (compare-and-set), or two replicas can both accept the same code: see
  /// <doc:SharingState>.
  public struct State: Hashable, Sendable {
    /// The counter the server expects next.
    public internal(set) var counter: UInt64
    /// Recent attempts, when a rate limit is set.
    public internal(set) var rateLimiter: RateLimiter?
    /// Failed attempts since the last successful login.
    public internal(set) var consecutiveFailures = 0
    /// The user's unused scratch codes.
    public var scratchCodes = ScratchCodes()

    /// The saved format this library writes and reads.
    public static let version = 1

    /// The state of a user who has not logged in yet, expecting `counter` next.
    ///
    /// - Parameter counter: The counter the user's app starts from; 0 unless given.
    public init(counter: UInt64 = 0) {
      self.counter = counter
    }
  }
}

extension HOTPVerifier.State: Codable {
  private enum CodingKeys: String, CodingKey {
    case version, counter, rateLimiter, consecutiveFailures, scratchCodes
  }

  /// Reads a state saved by ``encode(to:)``.
  ///
  /// - Throws: `DecodingError` for a record this version cannot read or that no verifier
  ///   could have left.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let version = try container.decode(Int.self, forKey: .version)
    guard version == Self.version else {
      throw DecodingError.dataCorruptedError(
        forKey: .version, in: container, debugDescription: "state version \(version); this library reads \(Self.version)")
    }
    counter = try container.decode(UInt64.self, forKey: .counter)
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
    try container.encode(counter, forKey: .counter)
    try container.encodeIfPresent(rateLimiter, forKey: .rateLimiter)
    try container.encode(consecutiveFailures, forKey: .consecutiveFailures)
    try container.encode(scratchCodes, forKey: .scratchCodes)
  }
}
