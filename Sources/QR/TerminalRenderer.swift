/// Draws a QR code as plain text for a terminal: no escape codes, just characters.
///
/// The Unicode form packs two module rows into each line with the half blocks
/// `▀`, `▄` and `█`, so the modules come out roughly square in a terminal font.
/// The ASCII form, for terminals without UTF-8, prints one module row per line
/// and each module as two characters, `##` or two spaces.
///
/// A dark module is printed as the foreground glyph, which suits dark text on a
/// light background. For light text on a dark background set `inverted`: then
/// light modules, the quiet zone included, are printed as glyphs instead, so what
/// the eye (and a phone's camera) sees is still dark modules on a light ground.
public struct TerminalRenderer: Sendable {
  /// Which characters to draw with.
  public enum Characters: Sendable {
    /// Half blocks (`▀`, `▄`, `█`), two module rows per line; needs a UTF-8 terminal.
    case unicode
    /// `##` and two spaces per module, one module row per line; works anywhere.
    case ascii
  }

  /// The quiet zones this renderer draws, in modules; others are clamped into this range.
  public static let quietZoneRange = 2...16

  /// The light border around the symbol, in modules, after clamping to ``quietZoneRange``.
  public let quietZone: Int
  /// Whether light and dark are swapped, for light text on a dark background.
  public let inverted: Bool
  /// The characters drawn with.
  public let characters: Characters

  /// Creates a renderer.
  ///
  /// - Parameters:
  ///   - quietZone: The light border around the symbol, in modules. The QR specification
  ///     asks for 4; 2 is enough for phone cameras in practice and saves screen space.
  ///     Values outside ``quietZoneRange`` (2...16) are clamped into it rather than rejected,
  ///     since fewer than 2 modules makes the code hard to scan next to other text.
  ///   - inverted: Whether to swap light and dark everywhere, the quiet zone included,
  ///     for terminals with light text on a dark background.
  ///   - characters: Half blocks for UTF-8 terminals or `##` for the rest.
  public init(quietZone: Int = 2, inverted: Bool = false, characters: Characters = .unicode) {
    self.quietZone = min(max(quietZone, Self.quietZoneRange.lowerBound), Self.quietZoneRange.upperBound)
    self.inverted = inverted
    self.characters = characters
  }

  /// Draws a QR code with its quiet zone.
  ///
  /// In the Unicode form the symbol plus quiet zone has an odd number of rows, so the
  /// bottom half of the last line is one more row of quiet zone.
  ///
  /// - Parameter code: The QR code to draw.
  /// - Returns: The lines, each the same width, joined with `"\n"` and ending with `"\n"`.
  public func render(_ code: QRCode) -> String {
    let range = -quietZone..<(code.size + quietZone)
    // Whether the cell at (x, y) gets the foreground glyph: a dark module normally, a light one inverted.
    func ink(_ x: Int, _ y: Int) -> Bool { code.isDark(x: x, y: y) != inverted }
    var output = ""
    switch characters {
    case .unicode:
      for top in stride(from: range.lowerBound, to: range.upperBound, by: 2) {
        for x in range {
          switch (ink(x, top), ink(x, top + 1)) {
          case (true, true): output += "█"
          case (true, false): output += "▀"
          case (false, true): output += "▄"
          case (false, false): output += " "
          }
        }
        output += "\n"
      }
    case .ascii:
      for y in range {
        for x in range { output += ink(x, y) ? "##" : "  " }
        output += "\n"
      }
    }
    return output
  }
}
