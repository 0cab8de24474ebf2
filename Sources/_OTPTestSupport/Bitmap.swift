public import Foundation

/// An 8-bit gray image built by the tests from a grid of modules, independent of the QR module's renderers.
public struct Bitmap {
  public let width: Int
  public let height: Int
  /// Row by row, 0 black to 255 white.
  public var pixels: [UInt8]

  public init(width: Int, height: Int, fill: UInt8) {
    self.width = width
    self.height = height
    self.pixels = [UInt8](repeating: fill, count: width * height)
  }

  /// Draws a grid of modules (`true` dark) at `pixelsPerModule`, surrounded by `margin` modules of `marginValue`.
  public init(modules: [[Bool]], pixelsPerModule: Int, margin: Int, marginValue: UInt8 = 255) {
    let columns = modules.map(\.count).max() ?? 0
    self.init(
      width: (columns + 2 * margin) * pixelsPerModule, height: (modules.count + 2 * margin) * pixelsPerModule,
      fill: marginValue)
    for (y, row) in modules.enumerated() {
      for x in 0..<columns {
        let dark = x < row.count ? row[x] : false
        fillRectangle(
          x: (x + margin) * pixelsPerModule, y: (y + margin) * pixelsPerModule,
          width: pixelsPerModule, height: pixelsPerModule, value: dark ? 0 : 255)
      }
    }
  }

  public mutating func fillRectangle(x: Int, y: Int, width: Int, height: Int, value: UInt8) {
    for row in y..<(y + height) {
      for column in x..<(x + width) { pixels[row * self.width + column] = value }
    }
  }

  /// Places another image with its top left corner at (x, y).
  public mutating func draw(_ other: Bitmap, x: Int, y: Int) {
    for row in 0..<other.height {
      for column in 0..<other.width {
        pixels[(y + row) * width + x + column] = other.pixels[row * other.width + column]
      }
    }
  }

  /// A binary PGM (P5) file.
  public var pgm: Data {
    Data("P5\n\(width) \(height)\n255\n".utf8) + Data(pixels)
  }
}

/// A QR code as a terminal shows it, read back from the text into an image, the way a
/// phone's camera would see the screen.
public enum TerminalPicture {
  /// Which cells carry the foreground glyph: Unicode "█" both halves, "▀" top, "▄" bottom,
  /// " " neither; ASCII "##" or two spaces per module. `nil` if the text has other characters.
  public static func ink(_ text: String, ascii: Bool) -> [[Bool]]? {
    var rows: [[Bool]] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
      if ascii {
        let cells = Array(line)
        guard cells.count % 2 == 0 else { return nil }
        var row: [Bool] = []
        for index in stride(from: 0, to: cells.count, by: 2) {
          switch String(cells[index...index + 1]) {
          case "##": row.append(true)
          case "  ": row.append(false)
          default: return nil
          }
        }
        rows.append(row)
      } else {
        var top: [Bool] = []
        var bottom: [Bool] = []
        for character in line {
          switch character {
          case "█": top.append(true); bottom.append(true)
          case "▀": top.append(true); bottom.append(false)
          case "▄": top.append(false); bottom.append(true)
          case " ": top.append(false); bottom.append(false)
          default: return nil
          }
        }
        rows += [top, bottom]
      }
    }
    return rows
  }

  /// The image a camera sees: dark where the glyph is drawn in dark ink, or, on a dark terminal
  /// (`inverted`), where it is not; the terminal's own background surrounds it.
  public static func photograph(_ text: String, inverted: Bool, ascii: Bool) -> Bitmap? {
    guard let cells = ink(text, ascii: ascii) else { return nil }
    let dark = cells.map { row in row.map { $0 != inverted } }
    return Bitmap(modules: dark, pixelsPerModule: 4, margin: 6, marginValue: inverted ? 0 : 255)
  }
}
