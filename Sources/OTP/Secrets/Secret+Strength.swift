extension Secret {
  /// How a secret's size compares with what RFC 4226 asks for.
  public enum Strength: Equatable, Sendable {
    /// Shorter than the 128 bits RFC 4226 §4 requires (R6). Codes still work, but the key
    /// can be searched for from a few observed codes.
    case weak
    /// At least 128 bits: what RFC 4226 §4 requires, but short of the 160 it recommends.
    case acceptable
    /// 160 bits or more, as RFC 4226 §4 recommends.
    case recommended
  }

  /// The fewest bits RFC 4226 §4 allows for a shared secret.
  public static let minimumBitCount = 128

  /// The size RFC 4226 §4 recommends, and the size of new secrets by default.
  public static let recommendedBitCount = 160

  /// How this secret's size compares with RFC 4226 §4.
  public var strength: Strength {
    switch bitCount {
    case ..<Self.minimumBitCount: .weak
    case ..<Self.recommendedBitCount: .acceptable
    default: .recommended
    }
  }
}
