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

    /// An SVG image: text that starts with its `<svg` element, or with an XML declaration
    /// followed by one.
    public static let svgImage = Replaceable(kind: "an SVG image") { head in
      var text = Substring(String(decoding: head, as: UTF8.self).trimmingSpaces())
      if text.hasPrefix("<?xml"), let end = text.firstRange(of: "?>") {
        text = Substring(String(text[end.upperBound...]).trimmingSpaces())
      }
      return text.hasPrefix("<svg")
    }

    /// A key file, as `key save` writes it: one word of valid base32 in capitals (A–Z, 2–7,
    /// padding), so a note such as "hello" or "TODO LIST" is not taken for one.
    public static let keyFile = Replaceable(kind: "a key file (one word of base32 in capitals)") { head in
      guard head.count < 4096, let text = String(validating: head, as: UTF8.self) else { return false }
      let key = text.trimmingSpaces()
      let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567=")
      return !key.isEmpty && key.allSatisfy(alphabet.contains) && (try? Base32.decode(key)) != nil
    }
  }

  /// Writes `bytes` as ``write(_:to:in:)`` does, but only over a file that is empty or of the
  /// kind `replacing` allows; any other file is left as it is, with a message that says so.
  public static func write(
    _ bytes: [UInt8], to typed: String, in base: String? = nil, replacing: Replaceable
  ) throws(TutorError) {
    try write(bytes, to: typed, in: base, mode: 0o600, replacing: replacing)
  }

  /// Refuses, with a message that says so, a file at `typed` that is neither empty nor of the
  /// kind `replacing` allows (called after ``checkWritable(_:in:)``, so never on a FIFO or a
  /// device).
  static func checkReplaceable(_ typed: String, in base: String?, as replacing: Replaceable) throws(TutorError) {
    let head: [UInt8]?
    do { head = try firstBytes(of: resolve(typed, in: base)) } catch {
      throw TutorError(
        "cannot read '\(typed.quotedForMessage)' to see what it holds (\(error.reason)), so it was left as it is",
        remedy: "check its permissions, or give another name")
    }
    if let head, !head.isEmpty, !replacing.matches(head) {
      throw TutorError(
        "'\(typed.quotedForMessage)' already exists and is not \(replacing.kind), so it was left as it is",
        remedy: "give another name, or remove that file first")
    }
  }

  /// Why a file that is there could not be read.
  private struct Unreadable: Error {
    let reason: String
  }

  /// The first 4 KiB of the regular file at `path`; `nil` when there is no file, or a symlink
  /// (which a write replaces, never following it), or something other than a regular file
  /// (which the write itself refuses).
  private static func firstBytes(of path: String) throws(Unreadable) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
    guard descriptor >= 0 else {
      if errno == ENOENT || errno == ELOOP { return nil }
      throw Unreadable(reason: String(cString: strerror(errno)))
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
    var head = [UInt8](repeating: 0, count: 4096)
    let count = head.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
    guard count >= 0 else { throw Unreadable(reason: String(cString: strerror(errno))) }
    return Array(head.prefix(count))
  }
}
