import QR
import Testing
import _OTPTestSupport

@Suite struct TerminalRendererTests {
  /// What a terminal shows, read back from the text by the test.
  static func ink(_ text: String, characters: TerminalRenderer.Characters) throws -> [[Bool]] {
    #expect(text.hasSuffix("\n"))
    let rows = try #require(TerminalPicture.ink(text, ascii: characters == .ascii), "unexpected characters")
    #expect(Set(rows.map(\.count)).count == 1, "lines of different widths")
    return rows
  }

  /// The image a camera sees.
  static func photograph(_ text: String, renderer: TerminalRenderer) throws -> Bitmap {
    _ = try ink(text, characters: renderer.characters)
    return try #require(
      TerminalPicture.photograph(text, inverted: renderer.inverted, ascii: renderer.characters == .ascii))
  }

  static let renderers: [TerminalRenderer] = [
    TerminalRenderer(),
    TerminalRenderer(inverted: true),
    TerminalRenderer(characters: .ascii),
    TerminalRenderer(inverted: true, characters: .ascii),
  ]

  @Test("zbarimg reads what the terminal shows: URIs of 20 to 300 characters, every form",
        arguments: Samples.uris, renderers)
  func zbarimgReadsIt(text: String, renderer: TerminalRenderer) async throws {
    let code = try QRCode(encoding: text)
    let rendered = renderer.render(code)
    let result = try await ZBarImg.scan(try Self.photograph(rendered, renderer: renderer))
    #expect(result.status == 0, "zbarimg: \(result.standardError)")
    #expect(result.standardOutput == text + "\n")
  }

  @Test("zbarimg reads non-ASCII text and every error correction level", arguments: ErrorCorrection.allCases)
  func zbarimgReadsLevels(level: ErrorCorrection) async throws {
    let renderer = TerminalRenderer()
    let rendered = renderer.render(try QRCode(encoding: Samples.unicode, errorCorrection: level))
    let result = try await ZBarImg.scan(try Self.photograph(rendered, renderer: renderer))
    #expect(result.standardOutput == Samples.unicode + "\n", "zbarimg: \(result.standardError)")
  }

  @Test("the drawing is the symbol inside a quiet zone, in every form", arguments: renderers)
  func layout(renderer: TerminalRenderer) throws {
    let code = try QRCode(encoding: Samples.otpauth)
    let cells = try Self.ink(renderer.render(code), characters: renderer.characters)
    let quiet = renderer.quietZone
    #expect(quiet == 2)
    let side = code.size + 2 * quiet
    // Unicode packs rows in pairs, so an odd total gets one more light row at the bottom.
    #expect(cells.count == (renderer.characters == .unicode ? side + 1 : side))
    #expect(cells[0].count == side)
    for (y, row) in cells.enumerated() {
      for (x, cell) in row.enumerated() {
        let dark = code.isDark(x: x - quiet, y: y - quiet)
        #expect(cell == (dark != renderer.inverted), "cell (\(x), \(y))")
      }
    }
  }

  @Test("Unicode: two module rows per line, and the quiet zone is spaces, or full blocks when inverted")
  func unicodeLines() throws {
    let code = try QRCode(encoding: Samples.url)
    let normal = TerminalRenderer().render(code)
    let lines = normal.split(separator: "\n").map(String.init)
    #expect(lines.count == (code.size + 4 + 1) / 2)
    #expect(lines.allSatisfy { $0.count == code.size + 4 })
    #expect(lines[0] == String(repeating: " ", count: code.size + 4))
    // The second line: a finder pattern's top edge over the sides of its light ring.
    #expect(lines[1].hasPrefix("  █▀▀▀▀▀█ "))
    let inverted = TerminalRenderer(inverted: true).render(code)
    let invertedLines = inverted.split(separator: "\n").map(String.init)
    #expect(invertedLines[0] == String(repeating: "█", count: code.size + 4))
    #expect(invertedLines[1].hasPrefix("██ ▄▄▄▄▄ █"))
    #expect(invertedLines.allSatisfy { $0.hasPrefix("██") && $0.hasSuffix("██") })
  }

  @Test("ASCII: one module row per line, two characters a module, nothing but # and space")
  func asciiLines() throws {
    let code = try QRCode(encoding: Samples.url)
    let text = TerminalRenderer(characters: .ascii).render(code)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines.count == code.size + 4)
    #expect(lines.allSatisfy { $0.count == 2 * (code.size + 4) })
    #expect(text.allSatisfy { $0 == "#" || $0 == " " || $0 == "\n" })
    #expect(lines[2].hasPrefix("    ##############  "))
    let inverted = TerminalRenderer(inverted: true, characters: .ascii).render(code)
    #expect(inverted.split(separator: "\n")[0] == Substring(String(repeating: "##", count: code.size + 4)))
  }

  @Test("no escape codes or other control characters, only the glyphs and newlines", arguments: renderers)
  func plainText(renderer: TerminalRenderer) throws {
    let text = renderer.render(try QRCode(encoding: Samples.escaped))
    #expect(text.unicodeScalars.allSatisfy { $0 == "\n" || !($0.properties.generalCategory == .control) })
    #expect(Set(text).isSubset(of: ["█", "▀", "▄", " ", "#", "\n"]))
  }

  @Test("the quiet zone is clamped to 2...16", arguments: [(-3, 2), (0, 2), (1, 2), (2, 2), (4, 4), (16, 16), (99, 16)])
  func quietZone(requested: Int, effective: Int) throws {
    let renderer = TerminalRenderer(quietZone: requested, characters: .ascii)
    #expect(renderer.quietZone == effective)
    let code = try QRCode(encoding: "x")
    let lines = renderer.render(code).split(separator: "\n")
    #expect(lines.count == code.size + 2 * effective)
  }
}
