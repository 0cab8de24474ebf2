import OTP
import QR

/// `qr`: the enrollment QR code, drawn in characters or saved as PNG or SVG.
struct QRCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "qr", summary: "show the enrollment QR code, or save it as PNG or SVG",
    usage: ["qr [--png FILE] [--svg FILE] [--scale N] [--margin N] [--invert] [--ecc L|M|Q|H]"],
    examples: ["qr", "qr --png totp_qr.png", "qr --invert"],
    options: ["--png", "--svg", "--scale", "--margin", "--invert", "--ecc"], takesFile: true)

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    let arguments = try Arguments(
      words, command: "qr", options: ["--png", "--svg", "--scale", "--margin", "--ecc"], flags: ["--invert"])
    try arguments.expectPositionals(
      0, usage: "qr [--png FILE] [--svg FILE] [--scale N] [--margin N] [--invert] [--ecc L|M|Q|H]")
    let uri = try context.requireURI()
    var correction = ErrorCorrection.medium
    if let letter = arguments.value("--ecc") {
      guard let parsed = ErrorCorrection(letter: letter) else {
        throw TutorError("'\(letter.quotedForMessage)' is not an error-correction level", remedy: "use L, M, Q or H")
      }
      correction = parsed
    }
    let scale = try arguments.integer("--scale", in: 1...64, meaning: "scale in pixels per module") ?? 8
    let margin = try arguments.integer("--margin", in: 0...32, meaning: "margin in modules") ?? 4
    let code: QRCode
    do { code = try QRCode(encoding: uri.string, errorCorrection: correction) } catch { throw TutorError(error) }
    let inverted = arguments.has("--invert")
    let folder = context.world.workingDirectory
    var wroteFile = false
    if let path = arguments.value("--png") {
      let bytes: [UInt8]
      do { bytes = try PNGRenderer(scale: scale, margin: margin).render(code, inverted: inverted) } catch {
        throw TutorError(error)
      }
      // The image carries the secret: only its owner may read it.
      try FileStore.write(bytes, to: path, in: folder, replacing: .pngImage)
      context.say(
        "saved the QR code to \(path) (\(code.size)×\(code.size) modules, error correction \(correction.rawValue), mode 0600)")
      context.noteWhereSaved(path)
      wroteFile = true
    }
    if let path = arguments.value("--svg") {
      let svg: String
      do { svg = try SVGRenderer(scale: scale, margin: margin).render(code, inverted: inverted) } catch {
        throw TutorError(error)
      }
      try FileStore.write(Array(svg.utf8), to: path, in: folder, replacing: .svgImage)
      context.say("saved the QR code to \(path) (SVG, mode 0600)")
      context.noteWhereSaved(path)
      wroteFile = true
    }
    if !wroteFile {
      context.emit(.qrCode(code, text: uri.string, inverted: inverted, decorative: false))
    }
  }
}
