/// Compares a demo's expected output with what the shell printed.
///
/// An expected line `...` stands for any number of lines (none included); a line written
/// `/regex/` matches one line the expression finds a match in; a line starting with `\` must
/// equal the rest of it (so output that looks like this syntax, or like a command, can be
/// written); any other line must be equal.
enum TranscriptMatcher {
  static func matches(expected: [String], actual: [String]) -> Bool {
    // Each expected line becomes a test once, not once per comparison.
    let tests = expected.map(LineTest.init)
    // table[i][j]: expected[i...] matches actual[j...]
    var table = [[Bool]](repeating: [Bool](repeating: false, count: actual.count + 1), count: expected.count + 1)
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
