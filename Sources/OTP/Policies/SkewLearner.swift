/// Learns how far a phone's clock is off, as google-authenticator-libpam does.
///
/// When a code matches a step outside the window, the verifier reports the step offset
/// here. After three such codes in a row whose offsets agree (each of the two earlier
/// within one step of the newest) and which were typed at advancing times (each one or
/// two steps after the one before), the average offset is adopted. The first two of those
/// logins fail; the third succeeds. Typing the same code twice does not count.
///
/// ``TOTPVerifier`` asks only when its policy learns skew: finding the offset means searching
/// ``searchRange`` steps either way, about 3,000 HMACs, which a server without skew learning
/// should not spend on every wrong code.
///
/// Any step and skew may be observed; the arithmetic is done wide enough not to overflow.
public struct SkewLearner: Hashable, Sendable {
  /// One code seen outside the window.
  public struct Observation: Hashable, Sendable, Codable {
    /// The verifier's step when the code was typed.
    public let step: UInt64
    /// The matched step minus ``step``.
    public let skew: Int
  }

  /// The outcome of one observation.
  public enum Outcome: Hashable, Sendable {
    /// Not yet sure: `count` of ``SkewLearner/required`` agreeing observations so far.
    case learning(count: Int)
    /// The same code as last time; nothing learned.
    case repeated
    /// Three observations agreed; this skew is adopted.
    case adopted(skew: Int)
  }

  /// How many agreeing observations adopt a skew.
  public static let required = 3

  /// How far from the current step libpam searches for a code outside the window.
  public static let searchRange = 1499

  /// The recent observations, oldest first; at most ``required``.
  public internal(set) var observations: [Observation] = []

  /// Creates a learner with no observations.
  public init() {}

  /// Records a code that matched `step + skew`.
  ///
  /// - Parameters:
  ///   - step: The verifier's current step when the code was typed.
  ///   - skew: The matched step minus `step`.
  /// - Returns: Whether a skew is adopted, still being learned, or the code was the last one again.
  public mutating func observe(step: UInt64, skew: Int) -> Outcome {
    if let last = observations.last, Int128(last.step) + Int128(last.skew) == Int128(step) + Int128(skew) {
      return .repeated
    }
    observations.append(Observation(step: step, skew: skew))
    if observations.count > Self.required { observations.removeFirst() }
    guard observations.count == Self.required else { return .learning(count: longestAgreeingSuffix()) }
    var agree = true
    for index in 1..<observations.count {
      let previous = observations[index - 1]
      let current = observations[index]
      if !Self.agree(previous, current, newestSkew: skew) { agree = false }
    }
    guard agree else { return .learning(count: longestAgreeingSuffix()) }
    let sum = observations.reduce(Int128(0)) { $0 + Int128($1.skew) }
    // The average of Ints lies between the smallest and the largest, so it fits in an Int.
    let average = Int(sum / Int128(observations.count))
    observations.removeAll()
    return .adopted(skew: average)
  }

  /// Forgets all observations.
  public mutating func reset() {
    observations.removeAll()
  }

  private func longestAgreeingSuffix() -> Int {
    guard let newest = observations.last else { return 0 }
    var count = 1
    for index in stride(from: observations.count - 1, to: 0, by: -1) {
      guard Self.agree(observations[index - 1], observations[index], newestSkew: newest.skew) else { break }
      count += 1
    }
    return count
  }

  /// Whether `current` was typed a step or two after `previous`, and `previous` is within one
  /// step of the newest skew.
  private static func agree(_ previous: Observation, _ current: Observation, newestSkew: Int) -> Bool {
    let advance = Int128(current.step) - Int128(previous.step)
    let difference = Int128(previous.skew) - Int128(newestSkew)
    return (1...2).contains(advance) && (-1...1).contains(difference)
  }
}
