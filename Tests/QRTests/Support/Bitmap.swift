import Foundation

/// An 8-bit gray image built by the tests from a grid of modules, independent of the QR module's renderers.
struct Bitmap {
  let width: Int
  let height: Int
  /// Row by row, 0 black to 255 white.
  var pixels: [UInt8]

  init(width: Int, height: Int, fill: UInt8) {
    self.width = width
    self.height = height
    self.pixels = [UInt8](repeating: fill, count: width * height)
  }

  /// Draws a grid of modules (`true` dark) at `pixelsPerModule`, surrounded by `margin` modules of `marginValue`.
  init(modules: [[Bool]], pixelsPerModule: Int, margin: Int, marginValue: UInt8 = 255) {
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

  mutating func fillRectangle(x: Int, y: Int, width: Int, height: Int, value: UInt8) {
    for row in y..<(y + height) {
      for column in x..<(x + width) { pixels[row * self.width + column] = value }
    }
  }

  /// Places another image with its top left corner at (x, y).
  mutating func draw(_ other: Bitmap, x: Int, y: Int) {
    for row in 0..<other.height {
      for column in 0..<other.width {
        pixels[(y + row) * width + x + column] = other.pixels[row * other.width + column]
      }
    }
  }

  /// A binary PGM (P5) file.
  var pgm: Data {
    Data("P5\n\(width) \(height)\n255\n".utf8) + Data(pixels)
  }
}
