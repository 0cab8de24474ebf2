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
  /// Whether QR codes may use Unicode half blocks; if not, ASCII.
  public let usesUnicode: Bool

  public init(style: Style, decorates: Bool, echoesAnswers: Bool, usesUnicode: Bool) {
    self.style = style
    self.decorates = decorates
    self.echoesAnswers = echoesAnswers
    self.usesUnicode = usesUnicode
  }

  /// The transcript medium: no colour, no decoration, answers echoed.
  public static func plain(usesUnicode: Bool = true) -> Renderer {
    Renderer(style: .plain, decorates: false, echoesAnswers: true, usesUnicode: usesUnicode)
  }

  /// A person at a terminal, typing answers into the line editor.
  public static func terminal(style: Style, usesUnicode: Bool) -> Renderer {
    Renderer(style: style, decorates: true, echoesAnswers: false, usesUnicode: usesUnicode)
  }

  /// The text of events, each line ending in a newline.
  public func render(_ events: [Event]) -> String {
    var text = ""
    for event in events { render(event, into: &text) }
    return text
  }

  /// The text of one event.
  public func render(_ event: Event) -> String {
    var text = ""
    render(event, into: &text)
    return text
  }

  private func render(_ event: Event, into text: inout String) {
    switch event {
    case .line(let line):
      text += render(line) + "\n"
    case .block(let block):
      text += block
    case .warning(let message):
      text += style.warning("warning:") + " " + Escaping.visible(message) + "\n"
    case .note(let message):
      text += style.dim("note:") + " " + Escaping.visible(message) + "\n"
    case .tip(let message):
      if decorates { text += style.dim("note:") + " " + Escaping.visible(message) + "\n" }
    case .error(let error):
      text += style.error("error:") + " " + Escaping.visible(error.description) + "\n"
    case .verdict(let verdict, let party):
      let prefix = party.map { ($0 + ":").rightPadded(to: 10) } ?? ""
      let label = verdict.isAccepted ? style.accepted("accepted:") : style.rejected("rejected:")
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
      if echoesAnswers { text += Escaping.visible(question) + (answer.map(Escaping.visible) ?? "") + "\n" }
    case .qrCode(let code, let inverted, let decorative):
      guard decorates || !decorative else { return }
      text += QR.TerminalRenderer(inverted: inverted, characters: usesUnicode ? .unicode : .ascii).render(code)
    case .demo(let command, let events):
      text += style.prompt("otp> ") + Escaping.visible(command) + "\n"
      for event in events { render(event, into: &text) }
    }
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
      case .bar(let filled):
        guard decorates else { continue }
        let cells = Array(span.text)
        let full = max(0, min(filled, cells.count))
        text += "  " + style.accepted(String(cells[..<full])) + style.dim(String(cells[full...]))
      }
    }
    return text
  }
}
