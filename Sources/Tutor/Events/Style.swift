/// How output is decorated: ANSI colour on a terminal, nothing anywhere else.
public struct Style: Sendable {
  /// Whether escape codes are written at all.
  public let usesColor: Bool

  public init(usesColor: Bool) {
    self.usesColor = usesColor
  }

  /// No decoration: for pipes, files, CI and `NO_COLOR`.
  public static let plain = Style(usesColor: false)

  func paint(_ text: String, _ code: String) -> String {
    usesColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  func error(_ text: String) -> String { paint(text, "1;31") }
  func warning(_ text: String) -> String { paint(text, "33") }
  func accepted(_ text: String) -> String { paint(text, "32") }
  func rejected(_ text: String) -> String { paint(text, "31") }
  func code(_ text: String) -> String { paint(text, "1") }
  /// Emphasis: italic where colour is used.
  func italic(_ text: String) -> String { paint(text, "3") }
  /// Faint text, for asides.
  public func dim(_ text: String) -> String { paint(text, "2") }

  /// The prompt: `otp> `, in colour on a terminal. The colour is reset before the trailing
  /// space: libedit drops invisible sequences at the very end of a prompt, which would leave
  /// what is typed after it (and the output) in the prompt's colour.
  public func prompt(_ text: String = "otp> ") -> String {
    let body = text.hasSuffix(" ") ? String(text.dropLast()) : text
    return paint(body, "1;36") + (text.hasSuffix(" ") ? " " : "")
  }
}
