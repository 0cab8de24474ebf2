// Saved forms of the values a verifier's state holds. Each decoder checks what the type's
// initialisers and mutations guarantee, so a state read back is as valid as one the verifier
// made: a damaged or hand-edited record is refused with `DecodingError.dataCorrupted`, never
// trusted.

extension RateLimit: Codable {
  private enum CodingKeys: String, CodingKey {
    case attempts, seconds
  }

  /// Reads a limit saved by ``encode(to:)``, checked as ``init(attempts:per:)`` checks it.
  ///
  /// - Throws: `DecodingError.dataCorrupted` for a limit out of range.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let attempts = try container.decode(Int.self, forKey: .attempts)
    let seconds = try container.decode(Int64.self, forKey: .seconds)
    do { try self.init(attempts: attempts, per: .seconds(seconds)) } catch {
      throw DecodingError.dataCorruptedError(forKey: .attempts, in: container, debugDescription: error.description)
    }
  }

  /// Writes the limit as `attempts` and the span's whole `seconds`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(attempts, forKey: .attempts)
    try container.encode(spanSeconds, forKey: .seconds)
  }
}

extension RateLimiter: Codable {
  private enum CodingKeys: String, CodingKey {
    case limit, attempts
  }

  /// Reads a limiter saved by ``encode(to:)``.
  ///
  /// - Throws: `DecodingError.dataCorrupted` unless the attempts are in non-decreasing order
  ///   and no more than the limit allows, as recording attempts leaves them.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let limit = try container.decode(RateLimit.self, forKey: .limit)
    let attempts = try container.decode([Int64].self, forKey: .attempts)
    guard attempts.count <= limit.attempts, zip(attempts, attempts.dropFirst()).allSatisfy({ $0 <= $1 }) else {
      throw DecodingError.dataCorruptedError(
        forKey: .attempts, in: container,
        debugDescription: "recorded attempts must be in order and at most \(limit.attempts)")
    }
    self.init(limit: limit)
    self.attempts = attempts
  }

  /// Writes the limit and the recorded attempts (whole Unix seconds).
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(limit, forKey: .limit)
    try container.encode(attempts, forKey: .attempts)
  }
}

extension ReplayGuard: Codable {
  private enum CodingKeys: String, CodingKey {
    case horizon, usedSteps
  }

  /// Reads a guard saved by ``encode(to:)``.
  ///
  /// - Throws: `DecodingError.dataCorrupted` unless the used steps are in increasing order,
  ///   none before the horizon.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let horizon = try container.decode(UInt64.self, forKey: .horizon)
    let usedSteps = try container.decode([UInt64].self, forKey: .usedSteps)
    guard usedSteps.first.map({ $0 >= horizon }) ?? true,
      zip(usedSteps, usedSteps.dropFirst()).allSatisfy({ $0 < $1 })
    else {
      throw DecodingError.dataCorruptedError(
        forKey: .usedSteps, in: container, debugDescription: "used steps must increase and start at the horizon or later")
    }
    self.init(horizon: horizon, usedSteps: usedSteps)
  }

  /// Writes the horizon and the used steps.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(horizon, forKey: .horizon)
    try container.encode(usedSteps, forKey: .usedSteps)
  }
}

extension SkewLearner: Codable {
  private enum CodingKeys: String, CodingKey {
    case observations
  }

  /// Reads a learner saved by ``encode(to:)``.
  ///
  /// - Throws: `DecodingError.dataCorrupted` for more than ``required`` observations.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let observations = try container.decode([Observation].self, forKey: .observations)
    guard observations.count <= Self.required else {
      throw DecodingError.dataCorruptedError(
        forKey: .observations, in: container, debugDescription: "at most \(Self.required) observations are kept")
    }
    self.init()
    self.observations = observations
  }

  /// Writes the observations, oldest first.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(observations, forKey: .observations)
  }
}
