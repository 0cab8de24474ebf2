import QR
import Testing

@Suite struct QRCodeTests {
  /// The format information's error correction bits, per ISO/IEC 18004 table 12: L 01, M 00, Q 11, H 10.
  static let formatBits: [ErrorCorrection: Int] = [.low: 0b01, .medium: 0b00, .quartile: 0b11, .high: 0b10]

  /// Reads the 15 format bits of both copies from the matrix, as the specification lays them out.
  static func formatInformation(_ code: QRCode) -> (first: Int, second: Int) {
    let n = code.size
    var first = 0, second = 0
    func bit(_ dark: Bool, _ index: Int) -> Int { dark ? 1 << index : 0 }
    for i in 0...5 { first |= bit(code.isDark(x: 8, y: i), i) }
    first |= bit(code.isDark(x: 8, y: 7), 6)
    first |= bit(code.isDark(x: 8, y: 8), 7)
    first |= bit(code.isDark(x: 7, y: 8), 8)
    for i in 9..<15 { first |= bit(code.isDark(x: 14 - i, y: 8), i) }
    for i in 0..<8 { second |= bit(code.isDark(x: n - 1 - i, y: 8), i) }
    for i in 8..<15 { second |= bit(code.isDark(x: 8, y: n - 15 + i), i) }
    return (first, second)
  }

  @Test("each level is written into the symbol's format information", arguments: ErrorCorrection.allCases)
  func levelRoundTrips(level: ErrorCorrection) throws {
    let code = try QRCode(encoding: Samples.otpauth, errorCorrection: level)
    #expect(code.errorCorrection == level)
    let (first, second) = Self.formatInformation(code)
    #expect(first == second, "the two copies of the format information differ")
    // The format string is XORed with 101010000010010; its top two bits are the level.
    #expect((first ^ 0b101010000010010) >> 13 == Self.formatBits[level])
    // The dark module beside the lower left finder pattern is always dark.
    #expect(code.isDark(x: 8, y: code.size - 8))
  }

  @Test("the default level is M")
  func defaultLevel() throws {
    #expect(try QRCode(encoding: "x").errorCorrection == .medium)
  }

  @Test("size is 17 + 4 × version, and finder patterns sit in three corners", arguments: Samples.all)
  func geometry(text: String) throws {
    let code = try QRCode(encoding: text)
    #expect((1...40).contains(code.version))
    #expect(code.size == 17 + 4 * code.version)
    // A finder pattern: a dark 7×7 ring, a light ring, a dark 3×3 centre.
    for (left, top) in [(0, 0), (code.size - 7, 0), (0, code.size - 7)] {
      for y in 0..<7 {
        for x in 0..<7 {
          let ring = max(abs(x - 3), abs(y - 3))
          #expect(code.isDark(x: left + x, y: top + y) == (ring != 2), "finder at (\(left), \(top))")
        }
      }
    }
  }

  @Test("isDark is false outside the symbol")
  func outside() throws {
    let code = try QRCode(encoding: Samples.url)
    for (x, y) in [(-1, 0), (0, -1), (code.size, 0), (0, code.size), (-5, -5), (Int.max, Int.min)] {
      #expect(!code.isDark(x: x, y: y))
    }
    #expect(code.isDark(x: 0, y: 0))
  }

  /// Version 1's byte-mode capacities (ISO/IEC 18004 table 7): L 17, M 14, Q 11, H 7.
  @Test(
    "the smallest version that fits is used: version 1 up to its capacity, then version 2",
    arguments: [(ErrorCorrection.low, 17), (.medium, 14), (.quartile, 11), (.high, 7)])
  func smallestVersion(level: ErrorCorrection, capacity: Int) throws {
    #expect(try QRCode(encoding: String(repeating: "a", count: capacity), errorCorrection: level).version == 1)
    #expect(try QRCode(encoding: String(repeating: "a", count: capacity + 1), errorCorrection: level).version == 2)
  }

  @Test(
    "version 40 holds exactly the specification's capacity; one more byte is tooLong",
    arguments: [(ErrorCorrection.low, 2953), (.medium, 2331), (.quartile, 1663), (.high, 1273)])
  func largestVersion(level: ErrorCorrection, capacity: Int) throws {
    let full = try QRCode(encoding: String(repeating: "z", count: capacity), errorCorrection: level)
    #expect(full.version == 40)
    #expect(full.size == 177)
    #expect(throws: QRError.tooLong(bytes: capacity + 1, errorCorrection: level)) {
      try QRCode(encoding: String(repeating: "z", count: capacity + 1), errorCorrection: level)
    }
  }

  @Test("8000 bytes are too long at every level", arguments: ErrorCorrection.allCases)
  func tooLong(level: ErrorCorrection) {
    #expect(throws: QRError.tooLong(bytes: 8000, errorCorrection: level)) {
      try QRCode(encoding: String(repeating: "é", count: 4000), errorCorrection: level)
    }
  }

  @Test("the empty text is refused")
  func empty() {
    #expect(throws: QRError.emptyText) { try QRCode(encoding: "") }
  }

  @Test("encoding is case-sensitive and deterministic")
  func caseSensitive() throws {
    #expect(try QRCode(encoding: "HELLO") != QRCode(encoding: "hello"))
    #expect(try QRCode(encoding: Samples.otpauth) == QRCode(encoding: Samples.otpauth))
    #expect(try QRCode(encoding: "x", errorCorrection: .low) != QRCode(encoding: "x", errorCorrection: .high))
  }
}
