import QR

/// Turns events into text for one medium.
///
/// The plain rendering is what transcripts, recordings, `otp-tutor check` and exercises read;
/// a terminal rendering adds colour and decoration (countdown bars, a QR code beside the URI it
/// carries, tips about the terminal) but never different facts.
public struct Renderer: Sendable {
  /// Colour, or none.
  public let style: Style
  /// Whether decoration is drawn.
  public let decorates: Bool
  /// Whether a question's answer is written after it. The line editor has shown both already
  /// at a terminal; a script's output shows them as a transcript does.
  public let echoesAnswers: Bool
  /// Whether the terminal shows Unicode: if not, QR codes are drawn in ASCII and the shell's
  /// symbols (§ − → ÷ ─ ✓ …) are written in ASCII or words.
  public let usesUnicode: Bool
  /// Whether QR codes are drawn; if not (for screen readers and braille displays), a line says
  /// what the code carries and how to save it as an image.
  public let drawsQRCodes: Bool
  /// The terminal's width in columns, asked each time it matters (a window can be resized);
  /// `nil` for media without one (transcripts, pipes).
  public let columns: (@Sendable () -> Int)?

  public init(
    style: Style, decorates: Bool, echoesAnswers: Bool, usesUnicode: Bool, drawsQRCodes: Bool = true,
    columns: (@Sendable () -> Int)? = nil
  ) {
    self.style = style
    self.decorates = decorates
    self.echoesAnswers = echoesAnswers
    self.usesUnicode = usesUnicode
    self.drawsQRCodes = drawsQRCodes
    self.columns = columns
  }

  /// For screen readers and braille displays (`--plain`): no colour, no decoration, no QR
  /// drawing, no box drawing or symbols; every fact in words.
  public static func accessible(echoesAnswers: Bool) -> Renderer {
    Renderer(style: .plain, decorates: false, echoesAnswers: echoesAnswers, usesUnicode: false, drawsQRCodes: false)
  }

  /// The transcript medium: no colour, no decoration, answers echoed.
  public static func plain(usesUnicode: Bool = true) -> Renderer {
    Renderer(style: .plain, decorates: false, echoesAnswers: true, usesUnicode: usesUnicode)
  }

  /// A person at a terminal, typing answers into the line editor.
  public static func terminal(style: Style, usesUnicode: Bool, columns: (@Sendable () -> Int)? = nil) -> Renderer {
    Renderer(style: style, decorates: true, echoesAnswers: false, usesUnicode: usesUnicode, columns: columns)
  }

  /// The quiet zone around a QR code drawn in characters: the 4 modules the QR standard asks for.
  static let quietZone = 4

  /// The text of events, each line ending in a newline.
  public func render(_ events: [Event]) -> String {
    var text = ""
    for event in events { render(event, into: &text) }
    return usesUnicode ? text : Self.ascii(text)
  }

  /// The text of one event.
  public func render(_ event: Event) -> String {
    var text = ""
    render(event, into: &text)
    return usesUnicode ? text : Self.ascii(text)
  }

  /// The shell's own symbols in ASCII or words, for terminals without Unicode and for
  /// `--plain`. Other non-ASCII text (names, accents) is left as it is.
  static func ascii(_ text: String) -> String {
    guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "§": result += "section "
      case "−", "–", "─": result += "-"
      case "—": result += "--"
      case "→": result += "->"
      case "÷": result += "/"
      case "×": result += "x"
      case "±": result += "+/-"
      case "…": result += "..."
      case "·": result += "-"
      case "▸": result += ">"
      case "≈": result += "~"
      case "≥": result += ">="
      case "≤": result += "<="
      case "✓": result += "[done]"
      case "█": result += "#"
      case "░": result += "."
      default: result.append(character)
      }
    }
    return result
  }

  /// Renders one event; at a terminal, a line longer than the window is broken between words
  /// (continuing at the line's own indent) rather than where the terminal would cut a word.
  private func render(_ event: Event, into text: inout String) {
    switch event {
    case .line, .warning, .note, .tip, .error, .verdict, .login, .hint:
      guard let columns = columns?() else { fallthrough }
      var piece = ""
      renderUnwrapped(event, into: &piece)
      var hanging: Int?
      if case .line(let line) = event { hanging = line.hangingIndent }
      text += Self.wrap(piece, width: max(20, columns - 1), hangingIndent: hanging)
    default:
      renderUnwrapped(event, into: &text)
    }
  }

  /// Breaks each line of `text` wider than `width` columns at spaces. Escape sequences take no
  /// columns; a word wider than the line keeps a line of its own.
  ///
  /// - Parameter hangingIndent: Where broken lines go on; `nil` to read it off each line's layout.
  static func wrap(_ text: String, width: Int, hangingIndent: Int? = nil) -> String {
    var result = ""
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if line.offset > 0 { result += "\n" }
      result += wrapLine(line.element, width: width, hangingIndent: hangingIndent)
    }
    return result
  }

  private static func wrapLine(_ line: Substring, width: Int, hangingIndent: Int?) -> String {
    func columns(_ text: Substring) -> Int {
      var count = 0
      var inEscape = false
      for scalar in text.unicodeScalars {
        if inEscape {
          if (0x40...0x7E).contains(scalar.value) && scalar != "[" { inEscape = false }
        } else if scalar == "\u{1B}" {
          inEscape = true
        } else if scalar.properties.generalCategory != .nonspacingMark {
          count += 1
        }
      }
      return count
    }
    guard columns(line) > width else { return String(line) }
    let leading = min(line.prefix { $0 == " " }.count, width / 2)
    let indent = min(
      hangingIndent ?? Self.hangingIndent(of: line, leading: leading, columns: columns), max(leading, width - 20))
    var result = String(repeating: " ", count: leading)
    var column = leading
    var rest = line.dropFirst(leading)
    var pendingSpace: Substring = ""
    while !rest.isEmpty {
      let word = rest.prefix { $0 != " " }
      rest = rest.dropFirst(word.count)
      let spaces = rest.prefix { $0 == " " }
      rest = rest.dropFirst(spaces.count)
      let wordColumns = columns(word)
      if column > leading && column > indent && column + pendingSpace.count + wordColumns > width {
        result += "\n" + String(repeating: " ", count: indent)
        column = indent
      } else {
        result += pendingSpace
        column += pendingSpace.count
      }
      result += word
      column += wordColumns
      pendingSpace = spaces
    }
    return result
  }

  /// Where a broken line goes on: under the text after a list marker (`1. `, `- `), or after
  /// the last gap of two or more spaces in its first half (a table's last column, a command's
  /// summary in `help`), else at the line's own indent.
  private static func hangingIndent(of line: Substring, leading: Int, columns: (Substring) -> Int) -> Int {
    let body = line.dropFirst(leading)
    let digits = body.prefix { $0.isNumber }
    if !digits.isEmpty, body.dropFirst(digits.count).hasPrefix(". ") { return leading + digits.count + 2 }
    if body.hasPrefix("- ") { return leading + 2 }
    var indent = leading
    var index = body.startIndex
    var seenText = false
    while index < body.endIndex {
      if body[index] == " " {
        let gap = body[index...].prefix { $0 == " " }
        let end = body.index(index, offsetBy: gap.count)
        let column = leading + columns(body[..<end])
        if gap.count >= 2 && seenText && end < body.endIndex && column <= 40 { indent = column }
        index = end
      } else {
        seenText = true
        index = body.index(after: index)
      }
    }
    return indent
  }

  private func renderUnwrapped(_ event: Event, into text: inout String) {
    switch event {
    case .line(let line):
      text += render(line) + "\n"
    case .block(let block):
      text += block
    case .prose(let lines):
      // Reflowed to a terminal's width; elsewhere the lesson's own lines are kept.
      if let columns = columns?() {
        for line in Prose.render(lines, width: max(20, columns - 1), style: style) { text += line + "\n" }
      } else {
        for line in lines { text += Prose.render([line], width: nil, style: style).joined() + "\n" }
      }
    case .warning(let message):
      text += style.warning("warning:") + " " + Escaping.visible(message) + "\n"
    case .note(let message):
      text += style.dim("note:") + " " + Escaping.visible(message) + "\n"
    case .tip(let message):
      if decorates { text += style.dim("note:") + " " + Escaping.visible(message) + "\n" }
    case .error(let error):
      text += style.error("error:") + " " + Escaping.visible(error.description) + "\n"
    case .verdict(let verdict, let party):
      let prefix = party.map { ($0.name + ":").rightPadded(to: max(10, $0.name.count + 2)) } ?? ""
      // Coloured by whether it is good news: an attacker let in is red, an attacker refused green.
      let isGood = verdict.isAccepted != (party?.isAttacker ?? false)
      let word = verdict.isAccepted ? "accepted:" : "rejected:"
      let label = isGood ? style.accepted(word) : style.rejected(word)
      text += prefix + label + " " + Escaping.visible(verdict.reason) + "\n"
    case .login(let verdict):
      text +=
        (verdict.isAccepted
          ? style.accepted("Authentication successful!")
          : style.rejected("Authentication failed. Please try again with the right key.")) + "\n"
      text += "server: " + Escaping.visible(verdict.reason) + "\n"
    case .hint(let number, let count, let hint):
      text += style.warning("hint \(number) of \(count):") + " " + Escaping.visible(hint) + "\n"
    case .answer(let question, let answer):
      if echoesAnswers { text += Self.answered(question, answer) }
    case .qrCode(let code, let carried, let inverted, let decorative):
      guard decorates || !decorative else { return }
      guard drawsQRCodes else {
        text += "QR code not drawn in plain mode; it carries: " + Escaping.visible(carried) + "\n"
        text += "('qr --png totp_qr.png' saves it as an image to scan)\n"
        return
      }
      let characters: QR.TerminalRenderer.Characters = usesUnicode ? .unicode : .ascii
      let width = (code.size + 2 * Self.quietZone) * (characters == .ascii ? 2 : 1)
      if let columns = columns?(), width > columns {
        // Drawn cut off or wrapped, it would not scan: say so instead.
        text += "the QR code is \(width) columns wide and this terminal has \(columns): widen the window,"
          + " or 'qr --png totp_qr.png' saves it as an image to scan\n"
        return
      }
      text += QR.TerminalRenderer(quietZone: Self.quietZone, inverted: inverted, characters: characters).render(code)
      if decorates && !inverted {
        text += style.dim("note:") + " a dark terminal? 'qr --invert' draws it the other way round for phones to scan\n"
      }
    case .demo(let command, let events):
      text += style.prompt("otp> ") + Escaping.visible(command) + "\n"
      for event in events {
        // Nobody typed a demo's answers here, so they are shown, as in a transcript.
        if case .answer(let question, let answer) = event {
          text += Self.answered(question, answer)
        } else {
          render(event, into: &text)
        }
      }
    case .fact:
      break
    }
  }

  /// A question and the answer it got, as a transcript shows them: `Enter Code: 287082`.
  private static func answered(_ question: String, _ answer: String?) -> String {
    Escaping.visible(question) + (answer.map(Escaping.visible) ?? "") + "\n"
  }

  /// One line's spans, each made safe by ``Escaping`` and then painted by role.
  public func render(_ line: Line) -> String {
    var text = ""
    for span in line.spans {
      let safe = Escaping.visible(span.text)
      switch span.role {
      case .plain: text += safe
      case .code, .secret: text += style.code(safe)
      case .good: text += style.accepted(safe)
      case .bad: text += style.rejected(safe)
      case .heading: text += style.code(safe)
      case .dim: text += style.dim(safe)
      case .prompt: text += style.prompt(safe)
      case .bar(let filled, let ending):
        guard decorates else { continue }
        let cells = Array(span.text)
        let split = max(0, min(filled, cells.count))
        let full = String(cells[..<split]), empty = String(cells[split...])
        text += "  " + (ending ? style.warning(full) : style.accepted(full)) + style.dim(empty)
      }
    }
    return text
  }
}
