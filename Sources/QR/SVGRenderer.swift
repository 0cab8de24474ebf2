/// Draws a QR code as a standalone SVG document.
///
/// The document has a background rectangle and a single `<path>` whose subpaths are
/// the runs of ink-coloured modules in each row, merged so that a run of `n` adjacent
/// modules is one rectangle. `shape-rendering="crispEdges"` keeps viewers from
/// anti-aliasing the module edges. All lengths are in pixels.
public struct SVGRenderer: Sendable {
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
  ///     specification asks for at least 4; smaller margins are allowed but may not scan on their own.
  /// - Throws: ``QRError/invalidScale(_:)`` or ``QRError/invalidMargin(_:)`` when out of range.
  public init(scale: Int = 8, margin: Int = 4) throws(QRError) {
    self.geometry = try ImageGeometry(scale: scale, margin: margin)
  }

  /// Draws a QR code as an SVG document.
  ///
  /// Normally the background is white (`#fff`) and the path draws the dark modules in
  /// black (`#000`). Inverted, the background is black and the path draws the light
  /// modules in white, so every pixel, the margin included, is swapped.
  ///
  /// - Parameters:
  ///   - code: The QR code to draw.
  ///   - inverted: Whether to swap black and white everywhere, the margin included.
  /// - Returns: The document, starting with `<svg` and ending with `"</svg>\n"`.
  public func render(_ code: QRCode, inverted: Bool = false) -> String {
    let scale = geometry.scale, margin = geometry.margin
    let side = geometry.side(for: code.size)
    let paper = inverted ? "#000" : "#fff"
    let ink = inverted ? "#fff" : "#000"
    var path = ""
    for y in 0..<code.size {
      var x = 0
      while x < code.size {
        guard code.isDark(x: x, y: y) != inverted else { x += 1; continue }
        let start = x
        while x < code.size, code.isDark(x: x, y: y) != inverted { x += 1 }
        let width = (x - start) * scale
        if !path.isEmpty { path += " " }
        path += "M\((start + margin) * scale),\((y + margin) * scale)h\(width)v\(scale)h-\(width)z"
      }
    }
    return """
      <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(side)" height="\(side)" \
      viewBox="0 0 \(side) \(side)" shape-rendering="crispEdges">
      <rect x="0" y="0" width="\(side)" height="\(side)" fill="\(paper)"/>
      <path fill="\(ink)" d="\(path)"/>
      </svg>

      """
  }
}
