import Foundation

/// The command a learner named after `--`: found as a shell finds it, and checked to read its
/// time through libc, so that libfaketime can set its clock.
struct LabProgram: Sendable {
  /// The words as typed: the program's name, then its arguments.
  let words: [String]
  /// The executable's path.
  let executable: String

  /// The command as the learner typed it, for messages.
  var typed: String {
    words.map { word in
      word.isEmpty || word.contains(where: { " \t'\"\\".contains($0) })
        ? "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" : word
    }.joined(separator: " ")
  }

  /// Finds `words[0]` as a path (relative to `directory`) or on `PATH`, and checks it.
  init(_ words: [String], directory: String?, environment: [String: String]) throws(TutorError) {
    guard let name = words.first, !name.isEmpty else {
      throw TutorError("no program was named after --", remedy: "type lab run -- python3 totp.py")
    }
    self.words = words
    if name.contains("/") {
      let path = FileStore.resolve(name, in: directory)
      guard FileManager.default.fileExists(atPath: path) else {
        throw TutorError("there is no program '\(name.quotedForMessage)'", remedy: "check the path; Tab completes file names")
      }
      guard FileManager.default.isExecutableFile(atPath: path) else {
        throw TutorError(
          "'\(name.quotedForMessage)' is not executable",
          remedy: "run it through its interpreter, like lab run -- python3 \(name), or chmod +x it")
      }
      executable = path
    } else {
      let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
      guard
        let found = folders.lazy.map({ ($0 as NSString).appendingPathComponent(name) }).first(where: {
          var isDirectory: ObjCBool = false
          return FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && !isDirectory.boolValue
            && FileManager.default.isExecutableFile(atPath: $0)
        })
      else {
        throw TutorError(
          "there is no command '\(name.quotedForMessage)' on the PATH",
          remedy: "check its spelling, or give its path, like lab run -- ./totp")
      }
      executable = found
    }
    try Self.checkReadsTimeThroughLibc(executable, name: name)
  }

  /// Refuses executables whose clock libfaketime cannot set: statically linked ones (nothing
  /// is preloaded into them) and Go programs (Go reads the clock from the kernel's vDSO, not
  /// through libc). Scripts are judged by their interpreter, when it is run.
  static func checkReadsTimeThroughLibc(_ path: String, name: String) throws(TutorError) {
    guard let handle = FileHandle(forReadingAtPath: path) else { return }
    defer { try? handle.close() }
    let head = [UInt8](handle.readData(ofLength: 64 << 10))
    guard head.count >= 64, head[0] == 0x7F, head[1] == UInt8(ascii: "E"), head[2] == UInt8(ascii: "L"),
      head[3] == UInt8(ascii: "F")
    else { return }
    if Self.contains(head, Self.goBuildInfo) || Self.fileContains(handle, Self.goBuildInfo) {
      throw TutorError(
        "'\(name.quotedForMessage)' is a Go program: Go reads the clock from the kernel, not through libc, so libfaketime cannot set it",
        remedy: "run a Python, Node, Ruby, Java or C version, or give your Go program the time as an argument")
    }
    if head[4] == 2, head[5] == 1, !Self.hasInterpreter(head) {
      throw TutorError(
        "'\(name.quotedForMessage)' is statically linked, so libfaketime cannot be preloaded into it to set its clock",
        remedy: "link it dynamically (a C program: cc without -static), or run it through an interpreter")
    }
  }

  /// The marker of Go's build information section.
  private static let goBuildInfo = Array("\u{FF} Go buildinf:".utf8)

  /// Whether a 64-bit little-endian ELF header's program headers name an interpreter (PT_INTERP).
  private static func hasInterpreter(_ head: [UInt8]) -> Bool {
    func value(_ offset: Int, _ size: Int) -> Int {
      (0..<size).reduce(0) { $0 | Int(head[offset + $1]) << (8 * $1) }
    }
    let start = value(0x20, 8)
    let entrySize = value(0x36, 2)
    let count = value(0x38, 2)
    for index in 0..<count {
      let offset = start + index * entrySize
      guard offset + 4 <= head.count else { return true }  // cannot tell: let it run
      if value(offset, 4) == 3 { return true }
    }
    return false
  }

  private static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
    guard bytes.count >= needle.count else { return false }
    return (0...(bytes.count - needle.count)).contains { start in
      bytes[start] == needle[0] && Array(bytes[start..<(start + needle.count)]) == needle
    }
  }

  /// Looks for `needle` in the first 64 MB of the file, 1 MB at a time.
  private static func fileContains(_ handle: FileHandle, _ needle: [UInt8]) -> Bool {
    var carried: [UInt8] = []
    for _ in 0..<64 {
      let chunk = [UInt8](handle.readData(ofLength: 1 << 20))
      if chunk.isEmpty { return false }
      if contains(carried + chunk, needle) { return true }
      carried = Array(chunk.suffix(needle.count))
    }
    return false
  }
}
