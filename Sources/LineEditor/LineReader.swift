/// A source of lines typed by a user or read from a file.
///
/// Use ``EditLineReader`` when ``Terminal/isInteractive`` is true and
/// ``PlainLineReader`` otherwise.
public protocol LineReader: AnyObject {
  /// Reads the next line, showing `prompt` first if the reader displays one.
  ///
  /// - Parameter prompt: The text shown before the line. It may contain ANSI
  ///   colour sequences (`ESC [ ... m`).
  /// - Returns: The line, or why there is none.
  func readLine(prompt: String) -> LineReadResult
}
