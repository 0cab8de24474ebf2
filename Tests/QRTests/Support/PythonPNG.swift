import Foundation
import _OTPTestSupport

/// PNG files written and read by Python's zlib, independently of libpng and of the QR module.
enum PythonPNG {
  /// Pixel layouts the writer knows, as PNG colour types.
  enum ColourType: Int {
    case gray = 0, rgb = 2, grayAlpha = 4, rgba = 6
    var channels: Int { [0: 1, 2: 3, 4: 2, 6: 4][rawValue]! }
  }

  private static let writer = """
    import struct, sys, zlib
    width, height, kind = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[kind]
    data = sys.stdin.buffer.read()
    assert len(data) == width * height * channels, len(data)
    stride = width * channels
    raw = b"".join(b"\\0" + data[y * stride:(y + 1) * stride] for y in range(height))
    def chunk(name, body):
        return struct.pack(">I", len(body)) + name + body + struct.pack(">I", zlib.crc32(name + body) & 0xFFFFFFFF)
    open(sys.argv[4], "wb").write(b"\\x89PNG\\r\\n\\x1a\\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, kind, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    """

  /// Writes 8-bit samples, row by row, as a PNG file's bytes (filter 0, no ancillary chunks).
  static func write(width: Int, height: Int, colourType: ColourType, samples: [UInt8]) async throws -> [UInt8] {
    let folder = try Repository.temporaryDirectory("qr-python-png")
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("image.png")
    let result = try await Peer.run(
      "python3", ["-c", writer, "\(width)", "\(height)", "\(colourType.rawValue)", file.path], inputData: Data(samples))
    guard result.status == 0 else { throw Peer.Failure(description: "python3 PNG writer: \(result.standardError)") }
    return Array(try Data(contentsOf: file))
  }

  /// What the inspector found in a PNG file.
  struct Inspection: Equatable {
    var width, height, bitDepth, colourType, interlace: Int
    /// Every distinct sample value, ascending.
    var values: [Int]
    /// Whether every scale × scale block of pixels is one value.
    var blocksUniform: Bool
    /// One string per module row: "#" where the block's centre is darker than 128, "." elsewhere.
    var modules: [String]
  }

  private static let inspector = """
    import struct, sys, zlib
    data = open(sys.argv[1], "rb").read()
    scale = int(sys.argv[2])
    assert data[:8] == b"\\x89PNG\\r\\n\\x1a\\n", "signature"
    at, packed = 8, b""
    while True:
        size, name = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + size]
        (crc,) = struct.unpack(">I", data[at + 8 + size:at + 12 + size])
        assert crc == zlib.crc32(name + body) & 0xFFFFFFFF, "CRC of " + repr(name)
        at += size + 12
        if name == b"IHDR":
            width, height, depth, kind, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif name == b"IDAT":
            packed += body
        elif name == b"IEND":
            break
    print(width, height, depth, kind, interlace)
    assert (depth, kind, interlace) == (8, 0, 0), "only 8-bit gray, not interlaced"
    raw = zlib.decompress(packed)
    rows, prior = [], bytearray(width)
    for y in range(height):
        kind = raw[y * (width + 1)]
        row = bytearray(raw[y * (width + 1) + 1:(y + 1) * (width + 1)])
        for i in range(width):
            left = row[i - 1] if i else 0
            up, corner = prior[i], (prior[i - 1] if i else 0)
            if kind == 1: row[i] = (row[i] + left) & 255
            elif kind == 2: row[i] = (row[i] + up) & 255
            elif kind == 3: row[i] = (row[i] + ((left + up) >> 1)) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                row[i] = (row[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
            else: assert kind == 0, "filter"
        rows.append(row)
        prior = row
    print(" ".join(str(v) for v in sorted(set(v for row in rows for v in row))))
    uniform = all(rows[y][x] == rows[y - y % scale][x - x % scale] for y in range(height) for x in range(width))
    print(uniform)
    for y in range(height // scale):
        print("".join("#" if rows[y * scale + scale // 2][x * scale + scale // 2] < 128 else "." for x in range(width // scale)))
    """

  /// Decodes an 8-bit gray PNG with Python's zlib and samples it per module.
  static func inspect(_ png: [UInt8], scale: Int) async throws -> Inspection {
    let folder = try Repository.temporaryDirectory("qr-python-inspect")
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("image.png")
    try Data(png).write(to: file)
    let lines = try await Peer.run("python3", ["-c", inspector, file.path, "\(scale)"])
    guard lines.status == 0 else { throw Peer.Failure(description: "python3 PNG inspector: \(lines.standardError)") }
    let output = lines.lines
    let header = output[0].split(separator: " ").compactMap { Int($0) }
    return Inspection(
      width: header[0], height: header[1], bitDepth: header[2], colourType: header[3], interlace: header[4],
      values: output[1].split(separator: " ").compactMap { Int($0) },
      blocksUniform: output[2] == "True",
      modules: Array(output.dropFirst(3)))
  }
}
