/// Emergency scratch codes: 8-digit codes that each work once, for a user without the phone.
///
/// As in google-authenticator-libpam, a code is a number from 10000000 to 99999999, checked
/// before any one-time password, and removed once used.
///
/// ```swift
/// var generator = SplitMix64(seed: 7)
/// var codes = try ScratchCodes.generate(count: 5, using: &generator)
/// let first = codes.codes[0]
/// codes.redeem(first)   // true
/// codes.redeem(first)   // false: used
/// ```
public struct ScratchCodes: Hashable, Sendable {
  /// The unused codes, as 8-digit strings.
  public private(set) var codes: [String]

  /// The most codes one user may hold.
  public static let maximumCount = 20

  /// Creates a set from existing codes.
  public init(_ codes: [String] = []) {
    self.codes = codes
  }

  /// Makes `count` random codes.
  ///
  /// - Throws: ``PolicyError/scratchCodeCountOutOfRange(_:)`` outside 1...``maximumCount``.
  public static func generate(
    count: Int,
    using generator: inout some RandomNumberGenerator
  ) throws(PolicyError) -> ScratchCodes {
    guard (1...maximumCount).contains(count) else { throw .scratchCodeCountOutOfRange(count) }
    var codes: [String] = []
    while codes.count < count {
      let code = String(UInt32.random(in: 10_000_000...99_999_999, using: &generator))
      if !codes.contains(code) { codes.append(code) }
    }
    return ScratchCodes(codes)
  }

  /// Whether a typed text has the form of a scratch code: 8 digits, not starting with 0.
  public static func isScratchCodeShaped(_ text: String) -> Bool {
    let digits = text.filter { $0 != " " }
    return digits.count == 8 && digits.allSatisfy { $0.isASCII && $0.isNumber }
      && digits.first != "0"
  }

  /// Uses a code: returns whether it was valid, and removes it if so.
  ///
  /// Every stored code is compared, so the time taken does not reveal which one matched.
  public mutating func redeem(_ text: String) -> Bool {
    let typed = Array(text.filter { $0 != " " }.utf8)
    var matched: Int?
    for (index, code) in codes.enumerated() {
      let stored = Array(code.utf8)
      guard stored.count == typed.count else { continue }
      var difference: UInt8 = 0
      for position in stored.indices { difference |= stored[position] ^ typed[position] }
      if difference == 0, matched == nil { matched = index }
    }
    guard let matched else { return false }
    codes.remove(at: matched)
    return true
  }
}
