/// Compares a demo's expected output with what the shell printed.
///
/// An expected line `...` stands for any number of lines (none included); a line written
/// `/regex/` matches one line the expression finds a match in; any other line must be equal.
enum TranscriptMatcher {
  static func matches(expected: [String], actual: [String]) -> Bool {
    // table[i][j]: expected[i...] matches actual[j...]
    var table = [[Bool]](repeating: [Bool](repeating: false, count: actual.count + 1), count: expected.count + 1)
    table[expected.count][actual.count] = true
    for i in stride(from: expected.count - 1, through: 0, by: -1) {
      for j in stride(from: actual.count, through: 0, by: -1) {
        if expected[i] == "..." {
          table[i][j] = table[i + 1][j] || (j < actual.count && table[i][j + 1])
        } else if j < actual.count {
          table[i][j] = matchesLine(expected[i], actual[j]) && table[i + 1][j + 1]
        }
      }
    }
    return table[0][0]
  }

  static func matchesLine(_ expected: String, _ actual: String) -> Bool {
    let pattern = Pattern(expected)
    if case .regex = pattern { return pattern.matches(actual) || expected == actual }
    return expected == actual
  }

  /// A readable difference: the lines that agree, then `-` expected and `+` printed from the
  /// first line that does not.
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
