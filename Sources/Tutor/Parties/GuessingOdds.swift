#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The chance that an attacker guessing random codes gets in within a number of guesses:
/// OWASP WSTG-ATHN-11's brute-force table, in closed form and simulated.
///
/// Each guess is a random code; it hits when it is one of the `valid` codes the window accepts
/// out of `space`, a chance of valid ÷ space, independently of every other guess. The closed
/// form is 1 − (1 − valid ÷ space)^guesses.
public struct GuessingOdds: Sendable, Equatable {
  /// Codes the server accepts at once (the window's steps).
  public let valid: Int
  /// How many values a code can take: 10^digits, at most 2^31.
  public let space: Double
  /// Guesses the server checks.
  public let guesses: Double

  public init(valid: Int, space: Double, guesses: Double) {
    self.valid = valid
    self.space = space
    self.guesses = guesses
  }

  /// The chance one guess hits.
  public var perGuess: Double { Double(valid) / space }

  /// 1 − (1 − valid ÷ space)^guesses.
  public var closedForm: Double { 1 - exp(guesses * log1p(-perGuess)) }

  /// How many of `trials` attackers get in.
  ///
  /// Each attacker's number of guesses up to its first hit is drawn from the per-guess chance
  /// at once (a geometric draw: what drawing the guesses one by one gives, without a million
  /// draws per attacker), and it gets in when that number is within ``guesses``.
  public func simulate(trials: Int, using random: inout some RandomNumberGenerator) -> Int {
    let logMiss = log1p(-perGuess)
    var successes = 0
    for _ in 0..<trials {
      // U in (0, 1]: P(first hit > n) = (1 − p)^n.
      let uniform = (Double(random.next() >> 11) + 1) / 9_007_199_254_740_992
      let firstHit = (log(uniform) / logMiss).rounded(.down) + 1
      if firstHit <= guesses { successes += 1 }
    }
    return successes
  }

  /// Two standard deviations of the fraction of `trials` attackers who get in: the noise a
  /// simulation's fraction stays within about 95 times in 100.
  public func noise(trials: Int) -> Double {
    2 * (closedForm * (1 - closedForm) / Double(trials)).squareRoot()
  }
}
