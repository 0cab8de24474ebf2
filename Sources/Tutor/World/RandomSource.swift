import OTP

/// Where new secrets and scratch codes come from: the system's secure generator, or a
/// seeded one for demos that must print the same bytes every time.
enum RandomSource: RandomNumberGenerator {
  case system
  case seeded(SplitMix64, seed: UInt64)

  mutating func next() -> UInt64 {
    switch self {
    case .system:
      var generator = SystemRandomNumberGenerator()
      return generator.next()
    case .seeded(var generator, let seed):
      let value = generator.next()
      self = .seeded(generator, seed: seed)
      return value
    }
  }

  var seed: UInt64? {
    if case .seeded(_, let seed) = self { seed } else { nil }
  }
}
