#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif
import OTP

extension FileStore {
  /// The files a command may write over: empty ones, and ones of the kind it writes itself, so
  /// that `qr --png notes.txt` or `key save notes.txt` cannot turn someone's notes into an image
  /// or a key.
  public struct Replaceable: Sendable {
    /// What the file must be, as the message says it: "a PNG image".
    let kind: String
    /// Whether a file starting with these bytes (at most its first 4 KiB) is of the kind.
    let matches: @Sendable (_ head: [UInt8]) -> Bool

    /// A PNG image: the 8-byte PNG signature.
    public static let pngImage = Replaceable(kind: "a PNG image") {
      $0.starts(with: [137, 80, 78, 71, 13, 10, 26, 10])
    }

    /// An SVG image: text that starts with `<svg` or `<?xml`.
    public static let svgImage = Replaceable(kind: "an SVG image") { head in
      let text = String(decoding: head.prefix(64), as: UTF8.self).trimmingSpaces()
      return text.hasPrefix("<svg") || text.hasPrefix("<?xml")
    }

    /// A key file, as `key save` writes it: one line of valid base32 in capitals, at least the
    /// 8 characters of the shortest key the lessons use (`MUHAMMAD`), so a note such as "hello"
    /// is not taken for one.
    public static let keyFile = Replaceable(kind: "a key file (one line of base32)") { head in
      guard head.count < 4096, let text = String(validating: head, as: UTF8.self) else { return false }
      let key = text.trimmingSpaces()
      return key.utf8.count >= 8 && key == key.uppercased() && !key.contains("\n") && (try? Base32.decode(key)) != nil
    }
  }

  /// Writes `bytes` as ``write(_:to:in:)`` does, but only over a file that is empty or of the
  /// kind `replacing` allows; any other file is left as it is, with a message that says so.
  public static func write(
    _ bytes: [UInt8], to typed: String, in base: String? = nil, replacing: Replaceable
  ) throws(TutorError) {
    if let head = firstBytes(of: resolve(typed, in: base)), !head.isEmpty, !replacing.matches(head) {
      throw TutorError(
        "'\(typed.quotedForMessage)' already exists and is not \(replacing.kind), so it was left as it is",
        remedy: "give another name, or remove that file first")
    }
    try write(bytes, to: typed, in: base)
  }

  /// The first 4 KiB of the regular file at `path`, or `nil` if there is none to read.
  private static func firstBytes(of path: String) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
    var head = [UInt8](repeating: 0, count: 4096)
    let count = head.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
    return count >= 0 ? Array(head.prefix(count)) : nil
  }
}
