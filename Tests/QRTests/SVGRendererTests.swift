import Foundation
import QR
import Testing
import _OTPTestSupport

@Suite struct SVGRendererTests {
  /// The rectangles of a path made of `Mx,yhWvHh-Wz` subpaths, as the test reads them.
  static func rectangles(_ path: String) throws -> [(x: Int, y: Int, width: Int, height: Int)] {
    try path.split(separator: " ").map { subpath in
      try #require(subpath.hasPrefix("M") && subpath.hasSuffix("z"), "\(subpath)")
      let parts = subpath.dropFirst().dropLast().split(separator: "h")  // "x,y", "WvH", "-W"
      try #require(parts.count == 3, "\(subpath)")
      let corner = parts[0].split(separator: ",").compactMap { Int($0) }
      let size = parts[1].split(separator: "v").compactMap { Int($0) }
      try #require(corner.count == 2 && size.count == 2, "\(subpath)")
      #expect(Int(parts[2]) == -size[0], "the subpath does not return: \(subpath)")
      return (corner[0], corner[1], size[0], size[1])
    }
  }

  /// The value of an attribute of the first element named `element`.
  static func attribute(_ name: String, of element: String, in svg: String) -> String? {
    guard let start = svg.range(of: "<\(element) ") else { return nil }
    let tag = svg[start.upperBound...].prefix { $0 != ">" }
    guard let value = tag.range(of: " \(name)=\"") ?? (tag.hasPrefix("\(name)=\"") ? tag.range(of: "\(name)=\"") : nil)
    else { return nil }
    return String(tag[value.upperBound...].prefix { $0 != "\"" })
  }

  @Test("a standalone SVG: viewBox, width and height in pixels, white background, crisp edges",
        arguments: [(8, 4), (1, 0), (3, 2)])
  func document(scale: Int, margin: Int) throws {
    let code = try QRCode(encoding: Samples.otpauth)
    let svg = try SVGRenderer(scale: scale, margin: margin).render(code)
    let side = (code.size + 2 * margin) * scale
    #expect(svg.hasPrefix("<svg"))
    #expect(svg.hasSuffix("</svg>\n"))
    #expect(Self.attribute("viewBox", of: "svg", in: svg) == "0 0 \(side) \(side)")
    #expect(Self.attribute("width", of: "svg", in: svg) == "\(side)")
    #expect(Self.attribute("height", of: "svg", in: svg) == "\(side)")
    #expect(Self.attribute("shape-rendering", of: "svg", in: svg) == "crispEdges")
    #expect(Self.attribute("xmlns", of: "svg", in: svg) == "http://www.w3.org/2000/svg")
    #expect(Self.attribute("fill", of: "rect", in: svg) == "#fff")
    #expect(Self.attribute("width", of: "rect", in: svg) == "\(side)")
    #expect(Self.attribute("fill", of: "path", in: svg) == "#000")
    #expect(svg.components(separatedBy: "<path").count == 2, "exactly one path")
  }

  @Test("Python's XML parser reads it as one svg element holding a rect and a path")
  func wellFormed() async throws {
    let svg = try SVGRenderer().render(try QRCode(encoding: Samples.escaped))
    let program = """
      import sys, xml.etree.ElementTree as ET
      root = ET.fromstring(sys.stdin.read())
      print(root.tag, root.get("viewBox"), " ".join(child.tag.split("}")[1] for child in root))
      """
    let output = try await Peer.run("python3", ["-c", program], input: svg)
    #expect(output.status == 0, "\(output.standardError)")
    let side = (try QRCode(encoding: Samples.escaped).size + 8) * 8
    #expect(output.standardOutput == "{http://www.w3.org/2000/svg}svg 0 0 \(side) \(side) rect path\n")
  }

  @Test("the path covers exactly the dark modules, one rectangle per run in a row, and zbarimg reads it",
        arguments: Samples.all)
  func darkModules(text: String) async throws {
    let code = try QRCode(encoding: text)
    let scale = 3, margin = 4
    let svg = try SVGRenderer(scale: scale, margin: margin).render(code)
    let rectangles = try Self.rectangles(try #require(Self.attribute("d", of: "path", in: svg)))
    let dark = (0..<code.size).flatMap { y in (0..<code.size).map { x in (x, y) } }.filter { code.isDark(x: $0.0, y: $0.1) }
    #expect(rectangles.map(\.width).reduce(0, +) == dark.count * scale)
    #expect(rectangles.allSatisfy { $0.height == scale && $0.width % scale == 0 && $0.x % scale == 0 && $0.y % scale == 0 })
    // Runs are merged: no rectangle starts where another on its row ends.
    let ends = Set(rectangles.map { "\($0.x + $0.width),\($0.y)" })
    #expect(rectangles.allSatisfy { !ends.contains("\($0.x),\($0.y)") })
    // Paint the rectangles as a rasteriser would, and let zbarimg read the picture.
    let side = (code.size + 2 * margin) * scale
    var bitmap = Bitmap(width: side, height: side, fill: 255)
    for rectangle in rectangles {
      bitmap.fillRectangle(x: rectangle.x, y: rectangle.y, width: rectangle.width, height: rectangle.height, value: 0)
    }
    let result = try await ZBarImg.scan(bitmap)
    #expect(result.standardOutput == text + "\n", "zbarimg: \(result.standardError)")
  }

  @Test("inverted: a black background and white runs of the light modules")
  func inverted() throws {
    let code = try QRCode(encoding: Samples.url)
    let svg = try SVGRenderer(scale: 2, margin: 2).render(code, inverted: true)
    #expect(Self.attribute("fill", of: "rect", in: svg) == "#000")
    #expect(Self.attribute("fill", of: "path", in: svg) == "#fff")
    let rectangles = try Self.rectangles(try #require(Self.attribute("d", of: "path", in: svg)))
    let light = (0..<code.size).flatMap { y in (0..<code.size).map { x in !code.isDark(x: x, y: y) } }.filter { $0 }
    #expect(rectangles.map(\.width).reduce(0, +) == light.count * 2)
  }

  @Test("scale and margin are checked as for PNG")
  func settings() {
    #expect(throws: QRError.invalidScale(0)) { try SVGRenderer(scale: 0) }
    #expect(throws: QRError.invalidMargin(40)) { try SVGRenderer(margin: 40) }
  }
}
