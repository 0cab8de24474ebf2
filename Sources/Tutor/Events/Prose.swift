/// Lesson prose as a terminal shows it: Markdown's inline `code`, *emphasis* and **strong**
/// rendered instead of shown raw, paragraphs and list items reflowed to the terminal's width
/// (never cutting a word), blank lines kept.
enum Prose {
  /// The lines to print for Markdown `source` lines, each at most `width` columns when a width
  /// is given (a single word longer than that gets a line of its own).
  static func render(_ source: [String], width: Int?, style: Style) -> [String] {
    var output: [String] = []
    for block in blocks(source) {
      switch block {
      case .blank:
        output.append("")
      case .paragraph(let text, let bullet):
        output += wrap(words(text, style: style), width: width, first: bullet ?? "", rest: String(repeating: " ", count: bullet?.count ?? 0))
      case .verbatim(let line):
        output.append(Escaping.visible(line))
      }
    }
    return output
  }

  enum Block {
    case blank
    /// A paragraph or a list item (with its bullet, such as `- ` or `2. `).
    case paragraph(String, bullet: String?)
    /// A line kept as written: indented code, a table row, a heading.
    case verbatim(String)
  }

  /// Groups lines into paragraphs and list items. Without a width, a renderer still keeps the
  /// source's lines (see ``render(_:width:style:)``), so grouping is only for reflowing.
  static func blocks(_ lines: [String]) -> [Block] {
    var blocks: [Block] = []
    var current: (text: String, bullet: String?)?
    func close() {
      if let current { blocks.append(.paragraph(current.text, bullet: current.bullet)) }
      current = nil
    }
    for line in lines {
      let trimmed = line.trimmingSpaces()
      if trimmed.isEmpty {
        close()
        blocks.append(.blank)
      } else if line.hasPrefix("    ") || line.hasPrefix("\t") || trimmed.hasPrefix("|") || trimmed.hasPrefix("#") {
        close()
        blocks.append(.verbatim(line))
      } else if let bullet = bullet(of: trimmed) {
        close()
        current = (String(trimmed.dropFirst(bullet.count)), bullet)
      } else if let open = current {
        current = (open.text + " " + trimmed, open.bullet)
      } else {
        current = (trimmed, nil)
      }
    }
    close()
    return blocks
  }

  /// `- `, `* `, `+ ` or `12. ` at the start of a list item.
  static func bullet(of line: String) -> String? {
    for marker in ["- ", "* ", "+ "] where line.hasPrefix(marker) { return marker }
    let digits = line.prefix { $0.isASCII && $0.isNumber }
    if !digits.isEmpty, digits.count <= 3, line.dropFirst(digits.count).hasPrefix(". ") { return digits + ". " }
    return nil
  }

  /// A word as printed, and how many columns it takes.
  struct Word {
    var text: String
    var width: Int
  }

  /// The paragraph's words, inline Markdown rendered: `code`, *emphasis*, _emphasis_, **strong**.
  /// A marker with no partner later in the paragraph is kept as text. Linear in the text.
  static func words(_ text: String, style: Style) -> [Word] {
    let characters = Array(text)
    // Where each marker last appears, so "is there a partner later?" costs nothing.
    let lastBacktick = characters.lastIndex(of: "`") ?? -1
    let lastStar = characters.lastIndex(of: "*") ?? -1
    let lastUnderscore = characters.lastIndex(of: "_") ?? -1
    var words: [Word] = []
    // The word being read, as runs of text with one look each: 0 plain, 1 code, 2 emphasis, 3 strong.
    var runs: [(text: String, look: Int)] = []
    var width = 0
    var inCode = false
    var inStrong = false
    var emphasis: Character?
    func flush() {
      if width > 0 {
        var shownWidth = width
        let text = runs.map { run in
          switch run.look {
          case 1 where style.usesColor: return style.code(run.text)
          case 1:
            // Without colour, code is quoted, as the shell's own messages quote commands.
            shownWidth += 2
            return "'" + run.text + "'"
          case 2: return style.italic(run.text)
          case 3: return style.code(run.text)
          default: return run.text
          }
        }.joined()
        words.append(Word(text: text, width: shownWidth))
      }
      runs = []
      width = 0
    }
    var index = 0
    while index < characters.count {
      let character = characters[index]
      let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
      let previous: Character? = index > 0 ? characters[index - 1] : nil
      if character == "`" {
        if inCode || lastBacktick > index {
          inCode.toggle()
          index += 1
          continue
        }
      } else if !inCode, character == "*", next == "*", inStrong || lastStar > index + 1 {
        inStrong.toggle()
        index += 2
        continue
      } else if !inCode, character == "*" || character == "_" {
        if emphasis == character {
          emphasis = nil
          index += 1
          continue
        }
        let last = character == "*" ? lastStar : lastUnderscore
        let opens =
          emphasis == nil && last > index && next.map { !$0.isWhitespace } == true
          && !(previous.map { $0.isLetter || $0.isNumber } ?? false)
        if opens {
          emphasis = character
          index += 1
          continue
        }
      }
      if character == " " && !inCode {
        flush()
      } else {
        let shown = Escaping.visible(String(character))
        let look = inCode ? 1 : inStrong ? 3 : emphasis != nil ? 2 : 0
        if let last = runs.last, last.look == look {
          runs[runs.count - 1].text += shown
        } else {
          runs.append((shown, look))
        }
        width += shown.count
      }
      index += 1
    }
    flush()
    return words
  }

  /// Fills lines with words up to `width` columns; the first line starts with `first`, later
  /// ones with `rest`.
  static func wrap(_ words: [Word], width: Int?, first: String, rest: String) -> [String] {
    var lines: [String] = []
    var line = first
    var used = first.count
    var empty = true
    for word in words {
      if !empty, let width, used + 1 + word.width > width {
        lines.append(line)
        line = rest
        used = rest.count
        empty = true
      }
      if !empty {
        line += " "
        used += 1
      }
      line += word.text
      used += word.width
      empty = false
    }
    lines.append(line)
    return lines
  }
}
