import CPNG
import CZBar

/// Reads QR codes back from PNG images: libpng decodes the image, libzbar finds the codes.
///
/// libpng and libzbar are opened (`dlopen`) the first time an image is read, not when the
/// program starts: a program that never reads an image never loads them or the libraries they
/// bring (``QRLibrary``).
public enum QRReader {
  /// The largest image read, in pixels (width × height), to bound memory use.
  public static let maximumPixels = 64 * 1024 * 1024

  /// Decodes every QR code in a PNG image.
  ///
  /// The PNG, of any colour type and bit depth, is read with libpng and converted to 8-bit
  /// gray ("Y800"), transparent parts shown on white; then libzbar scans it for QR codes
  /// only (other barcode kinds are ignored). If nothing is found zbar also tries the image
  /// with light and dark swapped, so light-on-dark codes are read too.
  ///
  /// Each code's bytes are taken as UTF-8; a code whose bytes are not valid UTF-8 is taken as
  /// ISO-8859-1, the QR specification's default character set.
  ///
  /// - Parameter bytes: The PNG file's bytes.
  /// - Returns: The decoded texts, one per QR code found, in the order zbar reports them.
  /// - Throws: ``QRError/notPNG`` when the bytes lack the PNG signature,
  ///   ``QRError/unreadableImage(_:)`` when libpng cannot read them (damaged, cut short, or more
  ///   than ``maximumPixels``), ``QRError/noQRCode`` when no QR code is found, and
  ///   ``QRError/libraryUnavailable(_:reason:)`` when libpng or libzbar is not installed, and
  ///   ``QRError/decodingFailed(_:)`` if libzbar fails.
  public static func decode(png bytes: [UInt8]) throws(QRError) -> [String] {
    let png = try LoadedLibrary.png.get()
    let hasSignature = bytes.withUnsafeBufferPointer { cpng_has_signature(png, $0.baseAddress, $0.count) != 0 }
    guard hasSignature else { throw .notPNG }
    let (pixels, width, height) = try grayPixels(png: bytes, with: png)
    let texts = try scan(gray: pixels, width: width, height: height)
    guard !texts.isEmpty else { throw .noQRCode }
    return texts
  }

  /// Reads a PNG into 8-bit gray pixels, row by row, with transparency composited on white.
  private static func grayPixels(png bytes: [UInt8], with png: cpng_api) throws(QRError) -> ([UInt8], Int, Int) {
    let result: Result<([UInt8], Int, Int), QRError> = bytes.withUnsafeBytes { memory in
      // libpng keeps a pointer to `memory` from begin to finish, so both happen in here.
      var image = cpng_image_new()
      defer { png.image_free!(&image) }
      guard png.image_begin_read_from_memory!(&image, memory.baseAddress, memory.count) != 0 else {
        return .failure(.unreadableImage(PNGRenderer.message(of: image)))
      }
      let width = Int(image.width), height = Int(image.height)
      guard width > 0, height > 0, width <= maximumPixels / height else {
        return .failure(.unreadableImage(
          "the image is \(width) × \(height) pixels, more than the \(maximumPixels) pixels this reader takes; scale it down"))
      }
      image.format = UInt32(PNG_FORMAT_GRAY)
      var pixels = [UInt8](repeating: 255, count: width * height)
      var white = png_color(red: 255, green: 255, blue: 255)
      let finished = pixels.withUnsafeMutableBytes { buffer in
        png.image_finish_read!(&image, &white, buffer.baseAddress, Int32(width), nil)
      }
      guard finished != 0 else { return .failure(.unreadableImage(PNGRenderer.message(of: image))) }
      return .success((pixels, width, height))
    }
    return try result.get()
  }

  /// Scans 8-bit gray pixels for QR codes and returns their texts.
  private static func scan(gray pixels: [UInt8], width: Int, height: Int) throws(QRError) -> [String] {
    let zbar = try LoadedLibrary.zbar.get()
    guard let scanner = zbar.image_scanner_create!() else { throw .decodingFailed("could not create a scanner") }
    defer { zbar.image_scanner_destroy!(scanner) }
    _ = zbar.image_scanner_set_config!(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0)
    _ = zbar.image_scanner_set_config!(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1)
    // Hand back the bytes as they are; they are decoded below.
    _ = zbar.image_scanner_set_config!(scanner, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1)
    _ = zbar.image_scanner_set_config!(scanner, ZBAR_NONE, ZBAR_CFG_TEST_INVERTED, 1)
    guard let image = zbar.image_create!() else { throw .decodingFailed("could not create an image") }
    defer { zbar.image_destroy!(image) }
    zbar.image_set_format!(image, czbar_format_y800())
    zbar.image_set_size!(image, UInt32(width), UInt32(height))
    let result: Result<[String], QRError> = pixels.withUnsafeBytes { buffer in
      // No cleanup handler: the pixels belong to Swift and outlive the scan.
      zbar.image_set_data!(image, buffer.baseAddress, UInt(buffer.count), nil)
      defer { zbar.image_set_data!(image, nil, 0, nil) }
      guard zbar.scan_image!(scanner, image) >= 0 else {
        return .failure(.decodingFailed("zbar_scan_image reported an error"))
      }
      var texts: [String] = []
      var symbol = zbar.image_first_symbol!(image)
      while let current = symbol {
        if zbar.symbol_get_type!(current) == ZBAR_QRCODE, let data = zbar.symbol_get_data!(current) {
          let length = Int(zbar.symbol_get_data_length!(current))
          let raw = UnsafeRawBufferPointer(start: UnsafeRawPointer(data), count: length)
          texts.append(text(of: Array(raw)))
        }
        symbol = zbar.symbol_next!(current)
      }
      return .success(texts)
    }
    return try result.get()
  }

  /// The text of a code's bytes: UTF-8 when valid, ISO-8859-1 otherwise.
  private static func text(of bytes: [UInt8]) -> String {
    if let utf8 = String(validating: bytes, as: UTF8.self) { return utf8 }
    return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
  }
}
