/// Emergency scratch codes: 8-digit codes that each work once, for a user without the phone.
///
/// As in google-authenticator-libpam, a code is a number from 10000000 to 99999999, checked
/// before any one-time password, and removed once used.
///
/// Scratch codes are credentials: two sets compare in time that depends only on how many
/// codes they hold, and a set's `description` never shows a code.
///
/// ```swift
/// var codes = try ScratchCodes.generate(count: 5)
/// let first = codes.codes[0]
/// codes.redeem(first)   // true
/// codes.redeem(first)   // false: used
/// ```
public struct ScratchCodes: Sendable {
  /// The unused codes, as 8-digit strings.
  public private(set) var codes: [String]

  /// The most codes one user may hold.
  public static let maximumCount = 20

  /// Creates an empty set.
  public init() {
    self.codes = []
  }

  /// Creates a set from existing codes, as a server that kept them elsewhere restores them.
  ///
  /// - Parameter codes: Up to ``maximumCount`` codes, each 8 ASCII digits not starting with 0.
  /// - Throws: ``PolicyError/scratchCodeCountOutOfRange(_:)`` for too many codes, or
  ///   ``PolicyError/invalidScratchCode(position:)`` with the 1-based position of the first
  ///   code that is not 8 digits.
  public init(_ codes: [String]) throws(PolicyError) {
    guard codes.count <= Self.maximumCount else { throw .scratchCodeCountOutOfRange(codes.count) }
    for (index, code) in codes.enumerated() where !Self.isWellFormed(code) {
      throw .invalidScratchCode(position: index + 1)
    }
    self.codes = codes
  }

  private init(checked codes: [String]) {
    self.codes = codes
  }

  /// Makes `count` random codes.
  ///
  /// - Parameters:
  ///   - count: How many codes, 1...``maximumCount``.
  ///   - generator: The source of randomness; pass a seeded one only for demos and tests.
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
    return ScratchCodes(checked: codes)
  }

  /// Makes `count` random codes from the system's secure random number generator.
  ///
  /// - Parameter count: How many codes, 1...``maximumCount``.
  /// - Throws: ``PolicyError/scratchCodeCountOutOfRange(_:)`` outside 1...``maximumCount``.
  public static func generate(count: Int) throws(PolicyError) -> ScratchCodes {
    var generator = SystemRandomNumberGenerator()
    return try generate(count: count, using: &generator)
  }

  /// Whether a typed text has the form of a scratch code: 8 digits, not starting with 0.
  ///
  /// Spaces are ignored, as they are when a code is redeemed.
  public static func isScratchCodeShaped(_ text: String) -> Bool {
    isWellFormed(text.filter { $0 != " " })
  }

  private static func isWellFormed(_ code: String) -> Bool {
    let bytes = code.utf8
    return bytes.count == 8 && bytes.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
      && bytes.first != UInt8(ascii: "0")
  }

  /// Uses a code: returns whether it was valid, and removes it if so.
  ///
  /// Every stored code is compared, so the time taken does not reveal which one matched.
  ///
  /// - Parameter text: The code as typed; spaces are ignored.
  /// - Returns: `true` if the code was one of the unused codes (it is now used up).
  public mutating func redeem(_ text: String) -> Bool {
    let typed = Array(text.filter { $0 != " " }.utf8)
    var matched: Int?
    for (index, code) in codes.enumerated() {
      if Self.constantTimeEqual(Array(code.utf8), typed), matched == nil { matched = index }
    }
    guard let matched else { return false }
    codes.remove(at: matched)
    return true
  }

  /// Compares two byte strings in time that depends only on their lengths.
  static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
    guard lhs.count == rhs.count else { return false }
    var difference: UInt8 = 0
    for position in lhs.indices { difference |= lhs[position] ^ rhs[position] }
    return difference == 0
  }
}

extension ScratchCodes: Hashable {
  /// Whether two sets hold the same codes in the same order, compared in time that depends
  /// only on how many codes each holds, never on where they differ.
  public static func == (lhs: ScratchCodes, rhs: ScratchCodes) -> Bool {
    guard lhs.codes.count == rhs.codes.count else { return false }
    var equal = true
    for (left, right) in zip(lhs.codes, rhs.codes) {
      equal = constantTimeEqual(Array(left.utf8), Array(right.utf8)) && equal
    }
    return equal
  }

  /// Hashes the number of codes only, so that a hash reveals nothing of the codes.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(codes.count)
  }
}

extension ScratchCodes: CustomStringConvertible {
  /// How many codes are left, never the codes.
  public var description: String { "ScratchCodes(\(codes.count) left)" }
}

extension ScratchCodes: Codable {
  /// Reads a set of codes saved by ``encode(to:)``: a list of 8-digit strings, checked as
  /// ``init(_:)`` checks them.
  ///
  /// - Throws: `DecodingError.dataCorrupted` for a list ``init(_:)`` refuses.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let codes = try container.decode([String].self)
    do { try self.init(codes) } catch {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
    }
  }

  /// Writes the unused codes as a list of strings.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(codes)
  }
}
