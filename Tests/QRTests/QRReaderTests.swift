import Foundation
import QR
import Testing
import _OTPTestSupport

@Suite struct QRReaderTests {
  /// A code's modules, `true` dark, row by row.
  static func modules(_ code: QRCode) -> [[Bool]] {
    (0..<code.size).map { y in (0..<code.size).map { x in code.isDark(x: x, y: y) } }
  }

  static func samplePNG(_ text: String = Samples.otpauth) throws -> [UInt8] {
    try PNGRenderer(scale: 4).render(try QRCode(encoding: text))
  }

  @Test("bytes that are not a PNG are notPNG", arguments: [[], Array("hello".utf8), [0x89, 0x50, 0x4E], Array("GIF89a....".utf8)])
  func notPNG(bytes: [UInt8]) {
    #expect(throws: QRError.notPNG) { try QRReader.decode(png: bytes) }
  }

  @Test("a PGM is notPNG")
  func pgm() throws {
    let bitmap = Bitmap(modules: Self.modules(try QRCode(encoding: "x")), pixelsPerModule: 4, margin: 4)
    #expect(throws: QRError.notPNG) { try QRReader.decode(png: Array(bitmap.pgm)) }
  }

  @Test("a PNG cut short is unreadableImage, never a crash", arguments: [8, 12, 16, 30, 33, 40, 100, 200, 0.5, 0.9] as [Double])
  func truncated(cut: Double) throws {
    let png = try Self.samplePNG()
    let count = cut < 1 ? Int(Double(png.count) * cut) : Int(cut)
    let error = try #require(throws: QRError.self) { try QRReader.decode(png: Array(png.prefix(count))) }
    guard case .unreadableImage(let reason) = error else {
      Issue.record("expected unreadableImage, got \(error)")
      return
    }
    #expect(!reason.isEmpty)
  }

  /// libpng 1.6's simplified reader stops after the image data, so it does not miss IEND; another
  /// version might, and then the error must be unreadableImage.
  @Test("a PNG missing only its IEND chunk still reads, or fails cleanly")
  func missingEnd() throws {
    let png = try Self.samplePNG()
    do {
      #expect(try QRReader.decode(png: Array(png.dropLast(12))) == [Samples.otpauth])
    } catch {
      guard case .unreadableImage = error else { Issue.record("\(error)"); return }
    }
  }

  @Test("a damaged PNG (bytes flipped inside the image data) is unreadableImage")
  func damaged() throws {
    var png = try Self.samplePNG()
    for index in stride(from: 60, to: png.count - 20, by: 7) { png[index] ^= 0x5A }
    #expect {
      try QRReader.decode(png: png)
    } throws: { error in
      guard case QRError.unreadableImage = error else { return false }
      return true
    }
  }

  @Test("a PNG that claims 70,000 × 70,000 pixels is refused before any memory is taken for it")
  func tooLarge() async throws {
    let program = """
      import struct, sys, zlib
      def chunk(name, body):
          return struct.pack(">I", len(body)) + name + body + struct.pack(">I", zlib.crc32(name + body) & 0xFFFFFFFF)
      open(sys.argv[1], "wb").write(b"\\x89PNG\\r\\n\\x1a\\n"
          + chunk(b"IHDR", struct.pack(">IIBBBBB", 70000, 70000, 8, 0, 0, 0, 0))
          + chunk(b"IDAT", zlib.compress(b"\\0" * 70001)) + chunk(b"IEND", b""))
      """
    let folder = try Repository.temporaryDirectory("qr-large-png")
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("large.png")
    let output = try await Peer.run("python3", ["-c", program, file.path])
    try #require(output.status == 0, "\(output.standardError)")
    let error = try #require(throws: QRError.self) { try QRReader.decode(png: Array(try Data(contentsOf: file))) }
    guard case .unreadableImage(let reason) = error else {
      Issue.record("expected unreadableImage, got \(error)")
      return
    }
    #expect(reason.contains("70000 × 70000 pixels"))
  }

  @Test("a white PNG, written by Python, holds no QR code")
  func blank() async throws {
    let png = try await PythonPNG.write(width: 64, height: 48, colourType: .gray, samples: [UInt8](repeating: 255, count: 64 * 48))
    #expect(throws: QRError.noQRCode) { try QRReader.decode(png: png) }
  }

  @Test("a QR PNG with the code painted over holds no QR code")
  func paintedOver() async throws {
    let code = try QRCode(encoding: Samples.url)
    var bitmap = Bitmap(modules: Self.modules(code), pixelsPerModule: 4, margin: 4)
    bitmap.fillRectangle(x: 16, y: 16, width: code.size * 4, height: code.size * 4, value: 255)
    let png = try await PythonPNG.write(width: bitmap.width, height: bitmap.height, colourType: .gray, samples: bitmap.pixels)
    #expect(throws: QRError.noQRCode) { try QRReader.decode(png: png) }
  }

  @Test("a gray PNG written by Python is read", arguments: Samples.all)
  func pythonGray(text: String) async throws {
    let bitmap = Bitmap(modules: Self.modules(try QRCode(encoding: text)), pixelsPerModule: 3, margin: 4)
    let png = try await PythonPNG.write(width: bitmap.width, height: bitmap.height, colourType: .gray, samples: bitmap.pixels)
    #expect(try QRReader.decode(png: png) == [text])
    #expect(try await ZBarImg.scan(png: png).standardOutput == text + "\n")
  }

  @Test("colour PNGs are turned to gray: navy on yellow RGB, and black on transparent RGBA")
  func colour() async throws {
    let bitmap = Bitmap(modules: Self.modules(try QRCode(encoding: Samples.otpauth)), pixelsPerModule: 4, margin: 4)
    let rgb = bitmap.pixels.flatMap { $0 == 0 ? [0x10, 0x20, 0x60] : [0xFF, 0xE8, 0x40] as [UInt8] }
    let rgbPNG = try await PythonPNG.write(width: bitmap.width, height: bitmap.height, colourType: .rgb, samples: rgb)
    #expect(try QRReader.decode(png: rgbPNG) == [Samples.otpauth])
    // Light modules are fully transparent black: read on white they are white, on black the code would vanish.
    let rgba = bitmap.pixels.flatMap { $0 == 0 ? [0, 0, 0, 255] : [0, 0, 0, 0] as [UInt8] }
    let rgbaPNG = try await PythonPNG.write(width: bitmap.width, height: bitmap.height, colourType: .rgba, samples: rgba)
    #expect(try QRReader.decode(png: rgbaPNG) == [Samples.otpauth])
  }

  @Test("two codes in one image give both texts, as zbarimg finds them")
  func twoCodes() async throws {
    let first = Bitmap(modules: Self.modules(try QRCode(encoding: Samples.url)), pixelsPerModule: 4, margin: 4)
    let second = Bitmap(modules: Self.modules(try QRCode(encoding: Samples.otpauth)), pixelsPerModule: 4, margin: 4)
    var both = Bitmap(width: first.width + second.width, height: max(first.height, second.height), fill: 255)
    both.draw(first, x: 0, y: 0)
    both.draw(second, x: first.width, y: 0)
    let png = try await PythonPNG.write(width: both.width, height: both.height, colourType: .gray, samples: both.pixels)
    let texts = try QRReader.decode(png: png)
    #expect(texts.sorted() == [Samples.url, Samples.otpauth].sorted())
    let peer = try await ZBarImg.scan(png: png)
    #expect(Set(peer.lines) == Set(texts))
  }

  @Test("a light-on-dark (inverted) PNG is read too", arguments: ErrorCorrection.allCases)
  func inverted(level: ErrorCorrection) throws {
    let png = try PNGRenderer().render(try QRCode(encoding: Samples.escaped, errorCorrection: level), inverted: true)
    #expect(try QRReader.decode(png: png) == [Samples.escaped])
  }
}
