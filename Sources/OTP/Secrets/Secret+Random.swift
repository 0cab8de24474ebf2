extension Secret {
  /// The sizes ``random(bits:using:)`` accepts: whole bytes from 8 to 4096 bits.
  public static let randomBitCounts = 8...4096

  /// Makes a new random secret from the given generator.
  ///
  /// Pass a seeded generator only for demos and tests: a secret is only as unpredictable
  /// as the generator that made it.
  ///
  /// - Parameters:
  ///   - bits: The size in bits, a multiple of 8 in ``randomBitCounts``. 160 by default,
  ///     as RFC 4226 §4 recommends.
  ///   - generator: The source of randomness.
  /// - Throws: ``SecretError/unsupportedSize(bits:)`` for other sizes.
  public static func random(
    bits: Int = recommendedBitCount,
    using generator: inout some RandomNumberGenerator
  ) throws(SecretError) -> Secret {
    guard randomBitCounts.contains(bits), bits % 8 == 0 else {
      throw .unsupportedSize(bits: bits)
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(bits / 8)
    while bytes.count < bits / 8 {
      var word = generator.next()
      for _ in 0..<8 where bytes.count < bits / 8 {
        bytes.append(UInt8(truncatingIfNeeded: word))
        word >>= 8
      }
    }
    return try Secret(bytes: bytes)
  }

  /// Makes a new random secret from the system's secure random number generator.
  ///
  /// - Parameter bits: The size in bits, a multiple of 8 in ``randomBitCounts``.
  /// - Throws: ``SecretError/unsupportedSize(bits:)`` for other sizes.
  public static func random(bits: Int = recommendedBitCount) throws(SecretError) -> Secret {
    var generator = SystemRandomNumberGenerator()
    return try random(bits: bits, using: &generator)
  }
}
