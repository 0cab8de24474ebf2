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

  /// The expected output `check --update` writes: the lines as the author wrote them where
  /// they still match (`...`, `/regex/` and `{{…}}` lines included), the printed lines
  /// (escaped) where they do not.
  ///
  /// The lines that agree are found by a diff (Myers', as the standard library's
  /// `difference(from:by:)`), after the common first and last lines are set aside in one pass;
  /// a middle part bigger than a million line pairs is replaced whole, so the cost stays
  /// bounded. A `...` between lines that differ stays, standing for the printed lines that no
  /// written line pairs with. The result always matches the printed lines: if the merge would
  /// not, the block is replaced by the printed lines.
  ///
  /// - Parameters:
  ///   - written: The expected lines as in the file.
  ///   - expected: The same lines with their variables filled in, as compared.
  ///   - actual: What the command printed.
  /// - Returns: The new lines, and how many of them are printed lines that replaced written ones.
  static func updated(written: [String], expected: [String], actual: [String]) -> (lines: [String], changed: Int) {
    precondition(written.count == expected.count)
    let whole = (actual.map(escaped), actual.count)
    func agrees(_ index: Int, _ line: Int) -> Bool { expected[index] != "..." && matchesLine(expected[index], actual[line]) }
    var prefix = 0
    while prefix < expected.count, prefix < actual.count, agrees(prefix, prefix) { prefix += 1 }
    var suffix = 0
    while suffix < expected.count - prefix, suffix < actual.count - prefix,
      agrees(expected.count - 1 - suffix, actual.count - 1 - suffix)
    {
      suffix += 1
    }
    let oldMiddle = prefix..<(expected.count - suffix)
    let newMiddle = prefix..<(actual.count - suffix)
    var lines = Array(written[..<prefix])
    var changed = 0
    if oldMiddle.count * newMiddle.count > 1_000_000 {
      lines += actual[newMiddle].map(escaped)
      changed += newMiddle.count
    } else {
      // Pairs of (written index, printed index) that agree, in order.
      let difference = Array(newMiddle).difference(from: Array(oldMiddle)) { agrees($0, $1) }
      let removed = Set(difference.removals.map { if case .remove(_, let index, _) = $0 { index } else { -1 } })
      let inserted = Set(difference.insertions.map { if case .insert(_, let index, _) = $0 { index } else { -1 } })
      let kept = zip(oldMiddle.filter { !removed.contains($0) }, newMiddle.filter { !inserted.contains($0) })
      var old = oldMiddle.lowerBound
      var new = newMiddle.lowerBound
      func gap(to oldEnd: Int, _ newEnd: Int) {
        let gone = old..<oldEnd
        let printed = actual[new..<newEnd]
        if let firstDots = gone.first(where: { expected[$0] == "..." }), let lastDots = gone.last(where: { expected[$0] == "..." }) {
          // The author's `...` stays; the written lines before and after it pair with the
          // printed lines at each end of the gap.
          let head = min(firstDots - gone.lowerBound, printed.count)
          let tail = min(gone.upperBound - 1 - lastDots, printed.count - head)
          lines += printed.prefix(head).map(escaped) + ["..."] + printed.suffix(tail).map(escaped)
          changed += head + tail
        } else {
          lines += printed.map(escaped)
          changed += printed.count
        }
      }
      for (oldIndex, newIndex) in kept {
        gap(to: oldIndex, newIndex)
        lines.append(written[oldIndex])
        old = oldIndex + 1
        new = newIndex + 1
      }
      gap(to: oldMiddle.upperBound, newMiddle.upperBound)
    }
    lines += written[(expected.count - suffix)...]
    // The written lines kept must still match once their variables are filled in.
    var filled: [String] = []
    var writtenToExpected: [String: String] = [:]
    for (line, value) in zip(written, expected) { writtenToExpected[line] = value }
    filled = lines.map { writtenToExpected[$0] ?? $0 }
    return matches(expected: filled, actual: actual) ? (lines, changed) : whole
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
