import Foundation
import QR
import Testing
import _OTPTestSupport

@Suite struct PNGRendererTests {
  static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

  /// A 4-byte big-endian number from a PNG chunk.
  static func number(_ bytes: ArraySlice<UInt8>) -> Int {
    bytes.reduce(0) { (value: Int, byte: UInt8) in value << 8 | Int(byte) }
  }

  @Test("zbarimg reads the PNG, and so does QRReader: texts of 1 to 300 characters at every level",
        arguments: Samples.all, ErrorCorrection.allCases)
  func zbarimgReadsIt(text: String, level: ErrorCorrection) async throws {
    let png = try PNGRenderer().render(try QRCode(encoding: text, errorCorrection: level))
    #expect(Array(png.prefix(8)) == Self.signature)
    let result = try await ZBarImg.scan(png: png)
    #expect(result.status == 0, "zbarimg: \(result.standardError)")
    #expect(result.standardOutput == text + "\n")
    #expect(try QRReader.decode(png: png) == [text])
  }

  @Test("an 8-bit gray PNG, black modules on white, scale × scale pixels each, as Python's zlib reads it",
        arguments: [(1, 0), (3, 4), (8, 4), (5, 1)])
  func pixels(scale: Int, margin: Int) async throws {
    let code = try QRCode(encoding: Samples.otpauth, errorCorrection: .quartile)
    let png = try PNGRenderer(scale: scale, margin: margin).render(code)
    let image = try await PythonPNG.inspect(png, scale: scale)
    let side = (code.size + 2 * margin) * scale
    #expect(image.width == side)
    #expect(image.height == side)
    let format: [Int] = [image.bitDepth, image.colourType, image.interlace]
    #expect(format == [8, 0, 0])
    #expect(image.values == [0, 255])
    #expect(image.blocksUniform)
    let expected = (-margin..<(code.size + margin)).map { y in
      String((-margin..<(code.size + margin)).map { x in code.isDark(x: x, y: y) ? "#" : "." })
    }
    #expect(image.modules == expected)
  }

  @Test("inverted swaps black and white everywhere, the margin included")
  func inverted() async throws {
    let code = try QRCode(encoding: Samples.url)
    let image = try await PythonPNG.inspect(try PNGRenderer(scale: 2, margin: 3).render(code, inverted: true), scale: 2)
    #expect(image.values == [0, 255])
    let expected = (-3..<(code.size + 3)).map { y in
      String((-3..<(code.size + 3)).map { x in code.isDark(x: x, y: y) ? "." : "#" })
    }
    #expect(image.modules == expected)
    #expect(image.modules[0] == String(repeating: "#", count: code.size + 6))
  }

  @Test("the IHDR chunk says width, height, 8 bits and gray")
  func header() throws {
    let code = try QRCode(encoding: Samples.single)
    #expect(code.size == 21)
    let png = try PNGRenderer().render(code)
    #expect(Array(png[8..<16]) == [0, 0, 0, 13] + Array("IHDR".utf8))
    let width = Self.number(png[16..<20])
    let height = Self.number(png[20..<24])
    #expect(width == (21 + 8) * 8)
    #expect(height == (21 + 8) * 8)
    #expect(png[24] == 8)
    #expect(png[25] == 0)
    #expect(Array(png.suffix(12)) == [0, 0, 0, 0] + Array("IEND".utf8) + [0xAE, 0x42, 0x60, 0x82])
  }

  @Test("scale must be 1...64", arguments: [-1, 0, 65, 1000])
  func badScale(scale: Int) {
    #expect(throws: QRError.invalidScale(scale)) { try PNGRenderer(scale: scale) }
  }

  @Test("margin must be 0...32", arguments: [-1, 33])
  func badMargin(margin: Int) {
    #expect(throws: QRError.invalidMargin(margin)) { try PNGRenderer(margin: margin) }
  }

  @Test("the extremes are accepted and keep the sizes")
  func extremes() async throws {
    let code = try QRCode(encoding: Samples.single)
    let small = try PNGRenderer(scale: 1, margin: 0)
    #expect((small.scale, small.margin) == (1, 0))
    #expect(try await PythonPNG.inspect(small.render(code), scale: 1).width == 21)
    let large = try PNGRenderer(scale: 64, margin: 32)
    let png = try large.render(code)
    #expect(Self.number(png[16..<20]) == (21 + 64) * 64)
    #expect(try QRReader.decode(png: png) == [Samples.single])
  }
}
