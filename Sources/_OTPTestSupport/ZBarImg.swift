public import Foundation

/// The real peer: `zbarimg` from zbar-tools, run as a subprocess on an image file.
public enum ZBarImg {
  /// Writes `bytes` to a temporary file named `image.<fileExtension>` and runs `zbarimg --raw -q` on it.
  ///
  /// - Returns: zbarimg's output: status 0 and one line per symbol when it found some, 4 when it found none.
  public static func scan(_ bytes: Data, fileExtension: String) async throws -> Peer.Output {
    let folder = try Repository.temporaryDirectory("qr-zbarimg")
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("image.\(fileExtension)")
    try bytes.write(to: file)
    return try await Peer.run("zbarimg", ["--raw", "-q", file.path])
  }

  public static func scan(png bytes: [UInt8]) async throws -> Peer.Output {
    try await scan(Data(bytes), fileExtension: "png")
  }

  public static func scan(_ bitmap: Bitmap) async throws -> Peer.Output {
    try await scan(bitmap.pgm, fileExtension: "pgm")
  }
}
