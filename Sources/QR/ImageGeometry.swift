/// The pixel geometry shared by the image renderers: module size and margin.
struct ImageGeometry: Sendable, Equatable {
  /// The allowed pixels per module.
  static let scales = 1...64
  /// The allowed margins, in modules.
  static let margins = 0...32

  /// Pixels per module.
  let scale: Int
  /// Light modules around the symbol.
  let margin: Int

  /// Checks a scale and margin.
  ///
  /// - Throws: ``QRError/invalidScale(_:)`` or ``QRError/invalidMargin(_:)`` when out of range.
  init(scale: Int, margin: Int) throws(QRError) {
    guard Self.scales.contains(scale) else { throw .invalidScale(scale) }
    guard Self.margins.contains(margin) else { throw .invalidMargin(margin) }
    self.scale = scale
    self.margin = margin
  }

  /// The width and height, in pixels, of the image of a symbol with `size` modules a side.
  func side(for size: Int) -> Int { (size + 2 * margin) * scale }
}
