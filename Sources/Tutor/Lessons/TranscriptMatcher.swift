/// Compares a demo's expected output with what the shell printed.
///
/// An expected line `...` stands for any number of lines (none included); a line written
/// `/regex/` matches one line the expression finds a match in; a line starting with `\` must
/// equal the rest of it (so output that looks like this syntax, or like a command, can be
/// written); any other line must be equal.
///
/// ## Cost
///
/// `...` works over lines as `*` does over characters in a glob, so the expected lines
/// between `...` lines (the *segments*) are matched left to right: the first segment at the
/// start of the output, the last at its end, and each one between at its leftmost occurrence
/// after the one before. Taking the leftmost occurrence never loses a match, since any match
/// of what follows after a later occurrence also follows the leftmost one.
///
/// For n expected lines and m printed lines, memory is O(n + m). A segment of exact lines is
/// found with Knuth–Morris–Pratt over lines numbered by equality (each printed line is hashed
/// once, and compared in full only when hashes agree), so a transcript of exact lines takes
/// O(n + m) line comparisons. A segment with a `/regex/` line is searched by trying each start
/// in turn, testing at most its r lines at each; each search starts where the previous
/// segment's match ended, so all the searches together try at most m + n starts and make at
/// most O((m + n) · r) line tests, r being the longest segment that has a `/regex/` line.
enum TranscriptMatcher {
  /// Whether the printed lines are what the expected lines describe.
  ///
  /// - Parameters:
  ///   - expected: A demo's expected output, with `...`, `/regex/` and `\` lines.
  ///   - actual: The lines the shell printed.
  static func matches(expected: [String], actual: [String]) -> Bool {
    // Each expected line becomes a test once, not once per comparison, and a line written
    // many times (a `/regex/` above all, slow to compile) once in all.
    var made: [String: LineTest] = [:]
    let tests = expected.map { line in
      if let test = made[line] { return test }
      let test = LineTest(line)
      made[line] = test
      return test
    }
    var segments: [Range<Int>] = []
    var start = 0
    for (index, test) in tests.enumerated() where test.isAnyLines {
      segments.append(start..<index)
      start = index + 1
    }
    segments.append(start..<tests.count)

    let first = segments[0]
    guard segments.count > 1 else {
      return tests.count == actual.count && matches(tests[first], at: 0, in: actual)
    }
    let last = segments[segments.count - 1]
    // The first and last segments are anchored, and must not overlap.
    guard first.count + last.count <= actual.count, matches(tests[first], at: 0, in: actual),
      matches(tests[last], at: actual.count - last.count, in: actual)
    else { return false }

    var search = Search(actual: actual)
    var position = first.count
    let end = actual.count - last.count
    for segment in segments[1..<(segments.count - 1)] where !segment.isEmpty {
      guard let found = search.leftmost(tests[segment], in: position..<end) else { return false }
      position = found + segment.count
    }
    return true
  }

  /// Whether each test matches the printed line at its place, starting at `start`.
  private static func matches(_ tests: ArraySlice<LineTest>, at start: Int, in actual: [String]) -> Bool {
    zip(tests, actual[start..<(start + tests.count)]).allSatisfy { $0.matches($1) }
  }

  /// Finds segments in the printed lines, numbering the lines by equality the first time a
  /// segment of exact lines needs them.
  private struct Search {
    let actual: [String]
    /// Each distinct printed line's number, once a segment of exact lines needs them.
    private var numbers: [String: Int]?
    /// The number of each printed line, likewise.
    private var lineNumbers: [Int] = []

    init(actual: [String]) { self.actual = actual }

    /// The first place at or after `window.lowerBound` where the segment matches, with all of
    /// it inside the window.
    mutating func leftmost(_ segment: ArraySlice<LineTest>, in window: Range<Int>) -> Int? {
      guard segment.count <= window.count else { return nil }
      var pattern: [Int] = []
      pattern.reserveCapacity(segment.count)
      for test in segment {
        guard case .exact(let text) = test else { return naiveLeftmost(segment, in: window) }
        // A line never printed cannot be found.
        guard let number = numberedLines[text] else { return nil }
        pattern.append(number)
      }
      return Self.knuthMorrisPratt(pattern, in: lineNumbers[window]).map { window.lowerBound + $0 }
    }

    /// Tries each start in turn: at most `segment.count` line tests per start, the exact lines
    /// first, as they are cheap to test and rule out most starts before an expression runs.
    private func naiveLeftmost(_ segment: ArraySlice<LineTest>, in window: Range<Int>) -> Int? {
      let exactFirst =
        segment.indices.filter { segment[$0].isExact } + segment.indices.filter { !segment[$0].isExact }
      starts: for start in window.lowerBound...(window.upperBound - segment.count) {
        for index in exactFirst where !segment[index].matches(actual[start + index - segment.startIndex]) {
          continue starts
        }
        return start
      }
      return nil
    }

    /// The printed lines' numbers, made on first use: equal lines get the same number.
    private var numberedLines: [String: Int] {
      mutating get {
        if let numbers { return numbers }
        var numbers: [String: Int] = [:]
        lineNumbers.reserveCapacity(actual.count)
        for line in actual {
          if let number = numbers[line] {
            lineNumbers.append(number)
          } else {
            lineNumbers.append(numbers.count)
            numbers[line] = numbers.count
          }
        }
        self.numbers = numbers
        return numbers
      }
    }

    /// The offset in `text` of the first occurrence of `pattern` (not empty): O(pattern + text).
    static func knuthMorrisPratt(_ pattern: [Int], in text: ArraySlice<Int>) -> Int? {
      // border[i]: the length of the longest proper prefix of pattern[...i] that is also its suffix.
      var border = [Int](repeating: 0, count: pattern.count)
      var length = 0
      for index in pattern.indices.dropFirst() {
        while length > 0, pattern[index] != pattern[length] { length = border[length - 1] }
        if pattern[index] == pattern[length] { length += 1 }
        border[index] = length
      }
      length = 0
      for (offset, number) in text.enumerated() {
        while length > 0, number != pattern[length] { length = border[length - 1] }
        if number == pattern[length] { length += 1 }
        if length == pattern.count { return offset - length + 1 }
      }
      return nil
    }
  }

  /// What one expected line accepts.
  enum LineTest {
    case anyLines
    case exact(String)
    case regex(Regex<AnyRegexOutput>, source: String)

    init(_ expected: String) {
      if expected.hasPrefix("\\") {
        self = .exact(String(expected.dropFirst()))
      } else if expected == "..." {
        self = .anyLines
      } else if case .regex(let source) = Pattern(expected), let regex = try? Regex(source) {
        self = .regex(regex, source: expected)
      } else {
        self = .exact(expected)
      }
    }

    var isAnyLines: Bool {
      if case .anyLines = self { true } else { false }
    }

    var isExact: Bool {
      if case .exact = self { true } else { false }
    }

    func matches(_ actual: String) -> Bool {
      switch self {
      case .anyLines: true
      case .exact(let text): text == actual
      case .regex(let regex, let source): actual == source || (try? regex.firstMatch(in: actual)) != nil
      }
    }
  }

  /// A line of output as a transcript writes it: escaped with `\` when it would otherwise be
  /// read as a command (`otp> `), an answer (`> `), `...`, a `/regex/`, or an escape.
  static func escaped(_ line: String) -> String {
    let needsEscape =
      line.hasPrefix("otp> ") || line.hasPrefix("> ") || line.hasPrefix("\\") || line == "..."
      || (line.count >= 2 && line.hasPrefix("/") && line.hasSuffix("/"))
    return needsEscape ? "\\" + line : line
  }

  static func matchesLine(_ expected: String, _ actual: String) -> Bool {
    LineTest(expected).matches(actual)
  }

  /// A readable difference: the lines that agree, then `-` expected and `+` printed from the
  /// first line that does not.
  ///
  /// One pass over each list: O(n + m) lines.
  static func difference(expected: [String], actual: [String]) -> [String] {
    var index = 0
    while index < expected.count, index < actual.count, expected[index] != "...",
      matchesLine(expected[index], actual[index])
    {
      index += 1
    }
    var lines = expected[..<index].map { "  " + $0 }
    lines += expected[index...].map { "- " + $0 }
    lines += actual[index...].map { "+ " + $0 }
    return lines
  }
}
