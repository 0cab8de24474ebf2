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
  /// Faint text, for asides.
  public func dim(_ text: String) -> String { paint(text, "2") }

  /// The prompt: `otp> `, in colour on a terminal.
  public func prompt(_ text: String = "otp> ") -> String {
    paint(text, "1;36")
  }
}
