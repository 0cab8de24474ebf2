import CPNG

/// Draws a QR code as an 8-bit grayscale PNG image, written in memory by libpng.
///
/// Dark modules are black (0) and light modules and the margin white (255). Nothing
/// is written to disk: the caller gets the file's bytes.
public struct PNGRenderer: Sendable {
  private let geometry: ImageGeometry

  /// Pixels per module, 1...64.
  public var scale: Int { geometry.scale }
  /// The light margin (quiet zone) around the symbol, in modules, 0...32.
  public var margin: Int { geometry.margin }

  /// Creates a renderer.
  ///
  /// - Parameters:
  ///   - scale: Pixels per module, 1...64; 8 by default.
  ///   - margin: The light margin around the symbol in modules, 0...32; 4 by default. The QR
  ///     specification asks for at least 4; smaller margins are allowed (for instance when the
  ///     image is placed on a light page that supplies the rest) but may not scan on their own.
  /// - Throws: ``QRError/invalidScale(_:)`` or ``QRError/invalidMargin(_:)`` when out of range.
  public init(scale: Int = 8, margin: Int = 4) throws(QRError) {
    self.geometry = try ImageGeometry(scale: scale, margin: margin)
  }

  /// Draws a QR code as a PNG image.
  ///
  /// The image is square, `(code.size + 2 × margin) × scale` pixels a side.
  ///
  /// - Parameters:
  ///   - code: The QR code to draw.
  ///   - inverted: Whether to swap black and white everywhere, the margin included (light
  ///     modules on a dark ground). Many scanners, zbar's default among them, do not read that.
  /// - Returns: The bytes of the PNG file.
  /// - Throws: ``QRError/pngEncodingFailed(_:)`` when libpng fails (for instance out of memory),
  ///   ``QRError/libraryUnavailable(_:reason:)`` when libpng is not installed.
  public func render(_ code: QRCode, inverted: Bool = false) throws(QRError) -> [UInt8] {
    let png = try LoadedLibrary.png.get()
    let pixels = raster(code, inverted: inverted)
    let side = geometry.side(for: code.size)
    var image = cpng_image_new()
    image.width = UInt32(side)
    image.height = UInt32(side)
    image.format = UInt32(PNG_FORMAT_GRAY)
    defer { png.image_free!(&image) }

    // Ask for the size first (libpng compresses without storing), then write.
    var byteCount: png_alloc_size_t = 0
    let measured = pixels.withUnsafeBytes { raw in
      png.image_write_to_memory!(&image, nil, &byteCount, 0, raw.baseAddress, 0, nil)
    }
    guard measured != 0, byteCount > 0 else { throw .pngEncodingFailed(Self.message(of: image)) }
    var file = [UInt8](repeating: 0, count: Int(byteCount))
    let written = file.withUnsafeMutableBytes { out in
      pixels.withUnsafeBytes { raw in
        png.image_write_to_memory!(&image, out.baseAddress, &byteCount, 0, raw.baseAddress, 0, nil)
      }
    }
    guard written != 0 else { throw .pngEncodingFailed(Self.message(of: image)) }
    file.removeLast(file.count - Int(byteCount))
    return file
  }

  /// The gray pixels of the image, row by row: 0 for ink, 255 for paper.
  private func raster(_ code: QRCode, inverted: Bool) -> [UInt8] {
    let scale = geometry.scale, margin = geometry.margin
    let side = geometry.side(for: code.size)
    let light: UInt8 = inverted ? 0 : 255
    let dark: UInt8 = inverted ? 255 : 0
    var pixels = [UInt8](repeating: light, count: side * side)
    var row = [UInt8](repeating: light, count: side)
    for y in 0..<code.size {
      for x in 0..<code.size {
        let value = code.isDark(x: x, y: y) ? dark : light
        let start = (x + margin) * scale
        for pixel in start..<(start + scale) { row[pixel] = value }
      }
      let top = (y + margin) * scale
      for line in top..<(top + scale) {
        pixels.replaceSubrange((line * side)..<((line + 1) * side), with: row)
      }
    }
    return pixels
  }

  /// libpng's message after a failed call, or a generic one.
  static func message(of image: png_image) -> String {
    var message = image.message
    let text = withUnsafeBytes(of: &message) { raw in
      String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
    }
    return text.isEmpty ? "libpng gave no reason" : text
  }
}
