import Testing

@testable import Tutor

/// The matcher as it was first written, kept as the reference.
///
/// A table of every expected suffix against every actual suffix: quadratic in time and
/// memory, and plainly right, so it is what the segment algorithm is compared with.
enum ReferenceMatcher {
  static func matches(expected: [String], actual: [String]) -> Bool {
    let tests = expected.map(TranscriptMatcher.LineTest.init)
    // table[i][j]: expected[i...] matches actual[j...]
    var table = [[Bool]](
      repeating: [Bool](repeating: false, count: actual.count + 1), count: expected.count + 1)
    table[expected.count][actual.count] = true
    for i in stride(from: expected.count - 1, through: 0, by: -1) {
      for j in stride(from: actual.count, through: 0, by: -1) {
        if case .anyLines = tests[i] {
          table[i][j] = table[i + 1][j] || (j < actual.count && table[i][j + 1])
        } else if j < actual.count {
          table[i][j] = tests[i].matches(actual[j]) && table[i + 1][j + 1]
        }
      }
    }
    return table[0][0]
  }
}

/// SplitMix64: the same cases on every run.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

@Suite("Transcript matcher")
struct TranscriptMatcherTests {
  static let cases: [(expected: [String], actual: [String], matches: Bool)] = [
    ([], [], true),
    ([], ["a"], false),
    (["a"], [], false),
    (["..."], [], true),
    (["..."], ["a", "b"], true),
    (["...", "..."], [], true),
    (["...", "...", "..."], ["x"], true),
    (["a"], ["a"], true),
    (["a"], ["a", "b"], false),
    (["a", "b"], ["a"], false),
    // `...` at the start, the end, and in the middle.
    (["...", "c"], ["a", "b", "c"], true),
    (["...", "c"], ["a", "c", "b"], false),
    (["a", "..."], ["a", "b", "c"], true),
    (["a", "..."], ["b", "a"], false),
    (["a", "...", "d"], ["a", "b", "c", "d"], true),
    (["a", "...", "b"], ["a", "b"], true),
    (["a", "...", "a"], ["a"], false),
    (["a", "...", "a"], ["a", "a"], true),
    (["...", "a", "..."], ["b", "a", "b"], true),
    (["...", "a", "..."], ["b", "b"], false),
    (["...", "a", "...", "a", "..."], ["a"], false),
    (["...", "a", "...", "a", "..."], ["x", "a", "x", "a", "x"], true),
    (["...", "a", "b", "..."], ["a", "a", "b"], true),
    (["...", "a", "b", "..."], ["a", "x", "b"], false),
    // Consecutive `...` are one.
    (["a", "...", "...", "b"], ["a", "b"], true),
    (["a", "...", "...", "b"], ["a", "x", "y", "b"], true),
    // The leftmost occurrence leaves room for what follows; the last segment is at the end.
    (["...", "a", "b", "...", "b", "c"], ["a", "b", "c", "a", "b", "c"], true),
    (["...", "a", "b", "...", "b", "c"], ["a", "b", "c"], false),
    (["...", "a", "a", "b", "..."], ["a", "a", "a", "a", "b"], true),
    (["x", "...", "a", "a", "b", "...", "y"], ["x", "a", "a", "a", "b", "y"], true),
    (["x", "...", "a", "a", "b", "...", "y"], ["x", "a", "a", "b"], false),
    // Regular expressions match one line; the written line itself counts as a match.
    (["/^\\d{6}$/"], ["123456"], true),
    (["/^\\d{6}$/"], ["12345"], false),
    (["/^\\d{6}$/"], ["/^\\d{6}$/"], true),
    (["/b/"], [], false),
    (["...", "/b/", "..."], ["a", "abc", "c"], true),
    (["...", "/^b/", "c", "..."], ["b1", "x", "b2", "c"], true),
    (["...", "/^b/", "c", "..."], ["b1", "x", "b2", "d"], false),
    (["a", "...", "/z/"], ["a", "z", "y"], false),
    (["a", "...", "/z/"], ["a", "y", "xyz"], true),
    (["//"], ["anything"], true),
    (["/"], ["/"], true),
    (["/("], ["/("], true),
    // An invalid expression is an exact line.
    (["/(/"], ["/(/"], true),
    (["/(/"], ["("], false),
    // Escapes: the rest of the line, exactly.
    (["\\..."], ["..."], true),
    (["\\..."], ["a"], false),
    (["\\..."], [], false),
    (["\\/a/"], ["/a/"], true),
    (["\\/a/"], ["a"], false),
    (["\\\\x"], ["\\x"], true),
    (["\\otp> totp"], ["otp> totp"], true),
    (["\\"], [""], true),
    (["...", "\\...", "..."], ["a", "...", "b"], true),
    (["...", "\\...", "..."], ["a", "b"], false),
    // Blank lines are lines.
    ([""], [""], true),
    ([""], [], false),
    (["...", ""], ["a", ""], true),
    // Lines equal in Unicode are equal.
    (["caf\u{E9}"], ["cafe\u{301}"], true),
    (["...", "caf\u{E9}", "..."], ["x", "cafe\u{301}", "y"], true),
  ]

  @Test("fixed cases: ... at the start, the end and in a row, regexes, escapes, empty output")
  func fixedCases() {
    for (expected, actual, result) in Self.cases {
      #expect(TranscriptMatcher.matches(expected: expected, actual: actual) == result, "\(expected) vs \(actual)")
      #expect(
        ReferenceMatcher.matches(expected: expected, actual: actual) == result, "reference: \(expected) vs \(actual)")
    }
  }

  @Test("agrees with the table algorithm on 20,000 random small transcripts")
  func randomAgreement() {
    var generator = SeededGenerator(state: 12)
    let expectedAlphabet = ["a", "b", "c", "...", "...", "/a|b/", "/^c$/", "\\a", "\\...", "/a/", ""]
    let actualAlphabet = ["a", "b", "c", "...", "/a/", "ab", ""]
    for _ in 0..<20_000 {
      let expected = (0..<Int.random(in: 0...8, using: &generator)).map { _ in
        expectedAlphabet.randomElement(using: &generator)!
      }
      let actual = (0..<Int.random(in: 0...10, using: &generator)).map { _ in
        actualAlphabet.randomElement(using: &generator)!
      }
      let reference = ReferenceMatcher.matches(expected: expected, actual: actual)
      #expect(TranscriptMatcher.matches(expected: expected, actual: actual) == reference, "\(expected) vs \(actual)")
    }
  }

  @Test("agrees with the table algorithm on periodic output, where a naive search backtracks")
  func periodicAgreement() {
    var generator = SeededGenerator(state: 99)
    for _ in 0..<2_000 {
      let actual = (0..<Int.random(in: 0...24, using: &generator)).map { _ in
        Bool.random(using: &generator) ? "a" : "b"
      }
      var expected: [String] = []
      for _ in 0..<Int.random(in: 0...4, using: &generator) {
        if Bool.random(using: &generator) { expected.append("...") }
        let run = Int.random(in: 0...4, using: &generator)
        expected += (0..<run).map { _ in Int.random(in: 0..<5, using: &generator) == 0 ? "b" : "a" }
      }
      if Bool.random(using: &generator) { expected.append("...") }
      let reference = ReferenceMatcher.matches(expected: expected, actual: actual)
      #expect(TranscriptMatcher.matches(expected: expected, actual: actual) == reference, "\(expected) vs \(actual)")
    }
  }

  @Test("the difference shows agreeing lines, then - expected and + printed")
  func difference() {
    #expect(
      TranscriptMatcher.difference(expected: ["a", "b", "c"], actual: ["a", "x"]) == ["  a", "- b", "- c", "+ x"])
    #expect(
      TranscriptMatcher.difference(expected: ["a", "...", "c"], actual: ["a", "b"]) == ["  a", "- ...", "- c", "+ b"])
    #expect(
      TranscriptMatcher.difference(expected: ["/^\\d+$/", "b"], actual: ["12", "c"]) == ["  /^\\d+$/", "- b", "+ c"])
    #expect(TranscriptMatcher.difference(expected: [], actual: ["a"]) == ["+ a"])
  }

  /// 200,000 printed lines against an expectation with 50,000 `...` lines, in linear work.
  ///
  /// The table this replaced held 200,004 × 200,001 entries (40 GB) for it. Not timed: a
  /// return to quadratic work would run into the suite's time limit.
  @Test("200,000 printed lines against 50,000 ... lines: linear work")
  func scale() {
    // Output: blocks of "a a a a b" (periodic, so a naive search would backtrack at each a).
    var actual: [String] = []
    actual.reserveCapacity(200_000)
    for block in 0..<40_000 {
      actual += ["a", "a", "a", "a", block % 2 == 0 ? "b" : "c"]
    }
    // Expected: 50,000 segments "a a b" or "a a c", each after a `...`.
    var expected = ["a"]
    for block in 0..<50_000 {
      expected += ["...", "a", "a", block % 2 == 0 ? "b" : "c"]
    }
    expected += ["...", "c"]
    // 50,000 segments need 50,000 alternating blocks; there are 40,000: no match, found only
    // after searching to the end.
    #expect(!TranscriptMatcher.matches(expected: expected, actual: actual))
    // The last block's c is the expectation's last line, so 39,999 segments fit.
    let fits = Array(expected[..<(1 + 4 * 39_999)]) + ["...", "c"]
    #expect(TranscriptMatcher.matches(expected: fits, actual: actual))
    // The same with a regular expression in every segment: at most one line per start tried.
    let regexes = fits.map { $0 == "a" ? "/^a$/" : $0 }
    #expect(TranscriptMatcher.matches(expected: regexes, actual: actual))
    // The difference is linear too.
    #expect(TranscriptMatcher.difference(expected: expected, actual: actual).count == 200_000 + expected.count - 1)
  }
}
