import Foundation
import Testing
@testable import Tutor

/// Files the shell writes: atomic, 0600, never over a special file, no secret left behind.
@Suite("File store")
struct FileStoreTests {
  let folder: URL

  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("files-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  func type(of path: String) -> mode_t {
    var status = stat()
    return lstat(path, &status) == 0 ? status.st_mode & S_IFMT : 0
  }

  @Test("a FIFO is never replaced: the write is refused and the FIFO stays")
  func fifo() throws {
    let path = folder.appendingPathComponent("fifo").path
    #expect(mkfifo(path, 0o600) == 0)
    #expect(throws: TutorError.self) { try FileStore.write(Array("secret".utf8), to: path) }
    #expect(type(of: path) == S_IFIFO)
    do {
      try FileStore.write(Array("x".utf8), to: path)
    } catch {
      #expect(error.description.contains("is a FIFO, which the shell never replaces"))
    }
  }

  @Test(
    "a command writes over an empty file or one of its own kind, never over anything else",
    arguments: [
      // (the kind, files it may replace, files it must leave)
      (FileStore.Replaceable.pngImage, [[UInt8]("".utf8), [137, 80, 78, 71, 13, 10, 26, 10, 0]], [[UInt8]("hello\n".utf8)]),
      (.svgImage, [[UInt8]("<svg xmlns=\"x\"/>".utf8), [UInt8]("<?xml version=\"1.0\"?>\n<svg/>".utf8)],
        [[UInt8]("notes".utf8), [UInt8]("<?xml version=\"1.0\"?><project/>".utf8)]),
      // `key save` of a 3-byte secret writes MFRGG.
      (.keyFile, [[UInt8]("MUHAMMAD".utf8), [UInt8]("JBSWY3DPEHPK3PXP\n".utf8), [UInt8]("MFRGG".utf8)],
        [[UInt8]("hello\n".utf8), [UInt8]("TODO LIST".utf8), [UInt8]("JBSWY3DP\nEHPK3PXP".utf8), [137, 80, 78, 71]]),
    ])
  func replacing(kind: FileStore.Replaceable, replaces: [[UInt8]], leaves: [[UInt8]]) throws {
    let path = folder.appendingPathComponent("target").path
    try FileStore.write(Array("new".utf8), to: folder.appendingPathComponent("absent").path, replacing: kind)
    for old in replaces {
      #expect(FileManager.default.createFile(atPath: path, contents: Data(old)))
      try FileStore.write(Array("new".utf8), to: path, replacing: kind)
      #expect(FileManager.default.contents(atPath: path) == Data("new".utf8))
    }
    for old in leaves {
      #expect(FileManager.default.createFile(atPath: path, contents: Data(old)))
      #expect(throws: TutorError.self) { try FileStore.write(Array("new".utf8), to: path, replacing: kind) }
      #expect(FileManager.default.contents(atPath: path) == Data(old), "\(old) was replaced")
    }
  }

  @Test("a symlink is replaced, not followed, whatever its target holds")
  func replacingSymlink() throws {
    let notes = folder.appendingPathComponent("notes.txt").path
    #expect(FileManager.default.createFile(atPath: notes, contents: Data("my notes".utf8)))
    let link = folder.appendingPathComponent("link.png").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: notes)
    try FileStore.write([137, 80, 78, 71, 13, 10, 26, 10], to: link, replacing: .pngImage)
    #expect(type(of: link) == S_IFREG)
    #expect(FileManager.default.contents(atPath: notes) == Data("my notes".utf8))
  }

  @Test("a symlink is replaced, not followed")
  func symlink() throws {
    let target = folder.appendingPathComponent("target").path
    #expect(FileManager.default.createFile(atPath: target, contents: Data("keep".utf8)))
    let link = folder.appendingPathComponent("link").path
    #expect(Foundation.symlink(target, link) == 0)
    try FileStore.write(Array("new".utf8), to: link)
    #expect(type(of: link) == S_IFREG)
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep")
  }

  @Test("leftover temporary files of dead processes (which may hold a secret) are removed by the next write")
  func staleTemporaryFiles() throws {
    func make(_ name: String, age: TimeInterval = 0) -> String {
      let path = folder.appendingPathComponent(name).path
      #expect(FileManager.default.createFile(atPath: path, contents: Data("JBSWY3DPEHPK3PXP".utf8)))
      if age > 0 {
        try? FileManager.default.setAttributes([.modificationDate: Date() - age], ofItemAtPath: path)
      }
      return path
    }
    let dead = make(".2fa.txt.tmp-2147483647-AbCdEf")  // no such process
    let old = make(".2fa.txt.tmp-XyZ123", age: 120)  // older naming, two minutes old
    let alive = make(".2fa.txt.tmp-1-QwErTy")  // pid 1 is always running
    let fresh = make(".2fa.txt.tmp-Fresh1")  // older naming, just made: may be in use
    let unrelated = make(".notes.tmp")
    try FileStore.write(Array("JBSWY3DPEHPK3PXP".utf8), to: folder.appendingPathComponent("2fa.txt").path)
    #expect(!FileManager.default.fileExists(atPath: dead))
    #expect(!FileManager.default.fileExists(atPath: old))
    #expect(FileManager.default.fileExists(atPath: alive))
    #expect(FileManager.default.fileExists(atPath: fresh))
    #expect(FileManager.default.fileExists(atPath: unrelated))
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(!names.contains { $0.hasPrefix(".2fa.txt.tmp-\(getpid())") }, "its own temporary file is gone")
  }
}
