/// Why a QR code could not be made, drawn or read.
public enum QRError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The text is empty; a QR code needs at least one byte.
  case emptyText
  /// The text, as UTF-8, does not fit in the largest QR code (version 40) at this level.
  case tooLong(bytes: Int, errorCorrection: ErrorCorrection)
  /// libqrencode failed for another reason (for instance it ran out of memory).
  case encodingFailed(String)
  /// A renderer's scale (pixels per module) is outside 1...64.
  case invalidScale(Int)
  /// A renderer's margin (modules of quiet zone) is outside 0...32.
  case invalidMargin(Int)
  /// libpng could not write the image.
  case pngEncodingFailed(String)
  /// The bytes do not start with the PNG signature.
  case notPNG
  /// The bytes start like a PNG but libpng could not read the image (damaged, cut short, too large).
  case unreadableImage(String)
  /// The image was read, but libzbar found no QR code in it.
  case noQRCode
  /// libzbar failed while scanning the image.
  case decodingFailed(String)
  /// A library this needs could not be loaded (the loader's message says why): it is not
  /// installed, or not the version expected.
  case libraryUnavailable(QRLibrary, reason: String)

  /// A message that says what was wrong and what to do about it.
  /// One line in the house style: what was wrong; what to do instead.
  public var description: String {
    switch self {
    case .emptyText:
      "there is no text to encode; a QR code needs at least one character"
    case .tooLong(let bytes, let level):
      "the text is \(bytes) bytes, more than a QR code holds at error correction \(level.rawValue)"
        + " (\(level.maximumBytes) bytes); use a lower error correction level or a shorter text"
    case .encodingFailed(let reason):
      "libqrencode could not encode the text (\(reason)); try a shorter text"
    case .invalidScale(let scale):
      "a scale of \(scale) pixels per module is out of range; use 1 to 64 (8 is typical)"
    case .invalidMargin(let margin):
      "a margin of \(margin) modules is out of range; use 0 to 32 (the QR specification asks for at least 4)"
    case .pngEncodingFailed(let reason):
      "libpng could not write the image (\(reason)); try a smaller scale"
    case .notPNG:
      "this is not a PNG image (it lacks the PNG signature); give a PNG file, such as one made by 'qr --png'"
    case .unreadableImage(let reason):
      "the PNG image could not be read (\(reason)); check that the file is complete and not damaged"
    case .noQRCode:
      "no QR code was found in the image; use an image of the whole code with a light margin around it"
    case .decodingFailed(let reason):
      "libzbar failed while scanning the image (\(reason)); try a smaller or simpler image"
    case .libraryUnavailable(let library, let reason):
      "\(library.purpose) needs \(library.rawValue), which could not be loaded (\(reason)); install it (\(library.installation))"
    }
  }

}
