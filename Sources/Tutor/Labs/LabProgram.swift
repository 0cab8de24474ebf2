#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif
import SystemPackage

/// The command a learner named after `--`: found as a shell finds it, and checked to read its
/// time through libc, so that libfaketime can set its clock.
struct LabProgram: Sendable {
  /// The words as typed: the program's name, then its arguments.
  let words: [String]
  /// The executable's path.
  let executable: String

  /// The runtime that runs it: the executable's name, or a script's interpreter (`#!`), as
  /// `node`, `ruby`, `java`, `python3`.
  var runtime: String {
    var name = Path.name(of: executable)
    if let head = Path.head(of: executable, count: 256).map({ String(decoding: $0, as: UTF8.self) }) {
      if head.hasPrefix("#!"), let line = head.dropFirst(2).split(separator: "\n").first {
        let words = line.split(separator: " ").map(String.init)
        if let first = words.first {
          name = Path.name(of: first)
          if name == "env", let next = words.dropFirst().first(where: { !$0.hasPrefix("-") }) { name = next }
        }
      }
    }
    return String(name.prefix { $0.isLetter })
  }

  /// Whether its timers run on the monotonic clock (Node's event loop, Ruby's sleep), which
  /// must then stay real for them to fire.
  var timesOnMonotonicClock: Bool { ["node", "nodejs", "ruby"].contains(runtime) }

  /// The command as the learner typed it, for messages.
  var typed: String {
    words.map { word in
      word.isEmpty || word.contains(where: { " \t'\"\\".contains($0) })
        ? "'" + word.replacing("'", with: "'\\''") + "'" : word
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
        let found = folders.lazy.map({ Path.join($0, name) }).first(where: {
          FileManager.default.fileExists(atPath: $0) && !Path.isDirectory($0) && FileManager.default.isExecutableFile(atPath: $0)
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
    guard let file = try? FileDescriptor.open(FilePath(path), .readOnly) else { return }
    defer { try? file.close() }
    let head = file.bytes(at: 0, count: 64 << 10)
    guard head.count >= 64, head[0] == 0x7F, head[1] == UInt8(ascii: "E"), head[2] == UInt8(ascii: "L"),
      head[3] == UInt8(ascii: "F")
    else { return }
    if Self.sectionNames(file, head).contains(where: { $0.hasPrefix(".go.") || $0.hasPrefix(".note.go.") })
      || Self.contains(head, Self.goBuildInfo)
    {
      let what =
        Path.name(of: name) == "go"
        ? "'go' builds and runs Go programs, and Go" : "'\(name.quotedForMessage)' is a Go program: Go"
      throw TutorError(
        "\(what) reads the clock from the kernel, not through libc, so libfaketime cannot set it",
        remedy: "run a Python, Node, Ruby, Java or C version, or give your Go program the time as an argument")
    }
    if head[4] == 2, head[5] == 1, !Self.hasInterpreter(head) {
      throw TutorError(
        "'\(name.quotedForMessage)' is statically linked, so libfaketime cannot be preloaded into it to set its clock",
        remedy: "link it dynamically (a C program: cc without -static), or run it through an interpreter")
    }
  }

  /// The marker of Go's build information section.
  private static let goBuildInfo: [UInt8] = [0xFF] + Array(" Go buildinf:".utf8)

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

  /// The names of a 64-bit little-endian ELF file's sections (Go's linker writes
  /// `.go.buildinfo` and `.note.go.buildid`, kept by strip); none if it cannot tell.
  private static func sectionNames(_ file: FileDescriptor, _ head: [UInt8]) -> [String] {
    guard head[4] == 2, head[5] == 1 else { return [] }
    func value(_ bytes: [UInt8], _ offset: Int, _ size: Int) -> Int {
      guard offset >= 0, offset + size <= bytes.count else { return 0 }
      return (0..<size).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
    }
    func read(_ offset: Int, _ count: Int) -> [UInt8] {
      guard offset > 0, count > 0, count <= 16 << 20 else { return [] }
      return file.bytes(at: offset, count: count)
    }
    let tableOffset = value(head, 0x28, 8)
    let entrySize = value(head, 0x3A, 2)
    let count = value(head, 0x3C, 2)
    let namesIndex = value(head, 0x3E, 2)
    guard entrySize >= 64, count > 0, count < 1 << 12, namesIndex < count else { return [] }
    let table = read(tableOffset, entrySize * count)
    guard table.count == entrySize * count else { return [] }
    let names = read(value(table, namesIndex * entrySize + 0x18, 8), value(table, namesIndex * entrySize + 0x20, 8))
    return (0..<count).compactMap { index in
      let start = value(table, index * entrySize, 4)
      guard start < names.count else { return nil }
      return String(decoding: names[start...].prefix { $0 != 0 }, as: UTF8.self)
    }
  }
}
