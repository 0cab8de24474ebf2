extension Line {
  /// The width the shell's own long sentences are broken at: a line fits an 80-column
  /// terminal, and a pipe or transcript gets the same lines whatever the terminal.
  static let wrapWidth = 78

  /// The line's text, without roles.
  var text: String { spans.map(\.text).joined() }

  /// This line broken at spaces into lines of at most `width` characters.
  ///
  /// Each span keeps its role; a word longer than the width stays whole on a line of its own.
  /// Spaces at the line's start are kept; runs of spaces inside it become one.
  ///
  /// - Parameters:
  ///   - width: The most characters a line holds, its prefix included.
  ///   - first: What the first line starts with (a mark such as `"  FAIL  "`).
  ///   - rest: What every later line starts with (spaces to line up under the first's text).
  func wrapped(width: Int = Line.wrapWidth, first: Line = "", rest: String = "") -> [Line] {
    var words: [[Span]] = []
    var word: [Span] = []
    for span in spans {
      for character in span.text {
        if character == " " {
          if !word.isEmpty { words.append(word) }
          word = []
        } else if let last = word.last, last.role == span.role {
          word[word.count - 1] = Span(text: last.text + String(character), role: span.role)
        } else {
          word.append(Span(text: String(character), role: span.role))
        }
      }
    }
    if !word.isEmpty { words.append(word) }

    // Spaces the line starts with stay, after the first line's prefix.
    let indent = String(text.prefix { $0 == " " })
    var lines: [Line] = []
    var line = indent.isEmpty ? first : first + Line(indent)
    var length = first.text.count + indent.count
    var isEmpty = true
    for word in words {
      let count = word.reduce(0) { $0 + $1.text.count }
      if !isEmpty && length + 1 + count > width {
        lines.append(line)
        line = Line(rest)
        length = rest.count
        isEmpty = true
      }
      if !isEmpty {
        line = line + " "
        length += 1
      }
      line = line + Line(spans: word)
      length += count
      isEmpty = false
    }
    lines.append(line)
    return lines
  }
}
