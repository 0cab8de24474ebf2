import CEditLine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where libedit puts a prompt and line on the screen, for writing below them.
struct LineLayout: Equatable {
  /// The screen row of the cursor, counting the prompt's first row as 0.
  var cursorRow: Int
  /// The last screen row the prompt and line occupy.
  var lastRow: Int

  /// Lays out a prompt and line as libedit's refresh does: a character that
  /// does not fit on the current row starts the next one, and a row that is
  /// filled exactly moves on to the next row.
  ///
  /// - Parameters:
  ///   - prompt: The prompt, with invisible parts between U+0001 markers.
  ///   - beforeCursor: The line's text before the cursor.
  ///   - afterCursor: The line's text from the cursor on.
  ///   - columns: The width of the terminal.
  init(prompt: String, beforeCursor: String, afterCursor: String, columns: Int) {
    let columns = max(1, columns)
    var row = 0
    var column = 0
    func place(_ scalar: Unicode.Scalar) {
      let width = Self.width(of: scalar)
      if column + width > columns {
        row += 1
        column = 0
      }
      column += width
      if column >= columns {
        row += 1
        column = 0
      }
    }
    var visible = true
    for scalar in prompt.unicodeScalars {
      if scalar == PromptMarkup.ignoreMarker {
        visible.toggle()
      } else if visible {
        place(scalar)
      }
    }
    beforeCursor.unicodeScalars.forEach(place)
    cursorRow = row
    afterCursor.unicodeScalars.forEach(place)
    lastRow = row
  }

  /// The columns libedit gives `scalar`: `^X` for control characters.
  private static func width(of scalar: Unicode.Scalar) -> Int {
    if scalar.value < 0x20 || scalar.value == 0x7F { return 2 }
    guard let character = wchar_t(exactly: scalar.value) else { return 1 }
    let width = Int(le_char_width(character))
    return width < 0 ? 1 : width
  }
}
