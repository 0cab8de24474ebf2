/// Splits a command line into words, as a shell does: white space separates words,
/// single or double quotes keep spaces inside one, and a backslash escapes the next character.
enum CommandTokenizer {
  /// The longest line the shell reads; anything longer is refused.
  static let maximumLineLength = 4096

  static func words(in line: String) throws(TutorError) -> [String] {
    guard line.utf8.count <= maximumLineLength else {
      throw TutorError(
        "the line is \(line.utf8.count) bytes long, more than the \(maximumLineLength) a command may have",
        remedy: "type a shorter command")
    }
    if let control = line.unicodeScalars.first(where: { $0.properties.generalCategory == .control && $0 != "\t" }) {
      throw TutorError(
        "the line contains a control character (U+\(String(control.value, radix: 16, uppercase: true).leftPadded(to: 4)))",
        remedy: "type the command again without it")
    }
    var words: [String] = []
    var current = ""
    var inWord = false
    var quote: Character?
    var escaped = false
    for character in line {
      if escaped {
        current.append(character)
        escaped = false
        continue
      }
      if character == "\\" && quote != "'" {
        escaped = true
        inWord = true
        continue
      }
      if let open = quote {
        if character == open { quote = nil } else { current.append(character) }
        continue
      }
      switch character {
      case "'", "\"":
        quote = character
        inWord = true
      case " ", "\t":
        if inWord { words.append(current) }
        current = ""
        inWord = false
      default:
        current.append(character)
        inWord = true
      }
    }
    if let open = quote {
      throw TutorError("the line has an unbalanced \(open) quote", remedy: "close it with another \(open)")
    }
    if escaped { current.append("\\") }
    if inWord { words.append(current) }
    return words
  }
}

extension String {
  func leftPadded(to width: Int, with pad: Character = "0") -> String {
    String(repeating: pad, count: Swift.max(0, width - count)) + self
  }

  func rightPadded(to width: Int) -> String {
    self + String(repeating: " ", count: Swift.max(0, width - count))
  }

  /// The text shortened and with control characters escaped, safe to quote in a message.
  var quotedForMessage: String {
    let shown = count > 40 ? String(prefix(37)) + "…" : self
    return shown.unicodeScalars.map { scalar in
      scalar.properties.generalCategory == .control ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
    }.joined()
  }
}
