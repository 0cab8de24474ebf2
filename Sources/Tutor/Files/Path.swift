#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
import SystemPackage

/// Paths as strings, joined and split as `NSString`'s path methods did (FoundationEssentials
/// keeps those internal): swift-system's `FilePath` does the work.
package enum Path {
  /// `folder` and `name` joined by one slash: `Path.join("a/", "b")` is `a/b`, `Path.join("", "b")` is `b`.
  package static func join(_ folder: String, _ name: String) -> String {
    FilePath(folder).appending(name).string
  }

  /// The folder part of a path: `a/b` for `a/b/c`, `/` for `/c`, empty for `c`.
  package static func folder(of path: String) -> String {
    FilePath(path).removingLastComponent().string
  }

  /// The last part of a path: `c` for `a/b/c` and for `a/b/c/`.
  package static func name(of path: String) -> String {
    FilePath(path).lastComponent?.string ?? path
  }

  /// Whether `path` names a folder (following symlinks); false when nothing is there.
  package static func isDirectory(_ path: String) -> Bool {
    #if canImport(FoundationEssentials)
      var isDirectory = false
      return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory
    #else
      var isDirectory: ObjCBool = false
      return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    #endif
  }

  /// The first `count` bytes of a file (fewer if it is shorter); nil if it cannot be opened.
  package static func head(of path: String, count: Int) -> [UInt8]? {
    guard let file = try? FileDescriptor.open(FilePath(path), .readOnly) else { return nil }
    defer { try? file.close() }
    return file.bytes(at: 0, count: count)
  }

  /// The user's home folder, as `HOME` names it.
  package static var home: String {
    FileManager.default.homeDirectoryForCurrentUser.path
  }

  /// The folder for temporary files (`TMPDIR`, else `/tmp`).
  package static var temporaryDirectory: String {
    FileManager.default.temporaryDirectory.path
  }
}

extension FileDescriptor {
  /// Up to `count` bytes from `offset`: fewer at the end of the file or on a read error.
  package func bytes(at offset: Int, count: Int) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: count)
    var filled = 0
    while filled < count {
      let read = bytes.withUnsafeMutableBytes { buffer in
        try? self.read(fromAbsoluteOffset: Int64(offset + filled), into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
      }
      guard let read, read > 0 else { break }
      filled += read
    }
    return Array(bytes.prefix(filled))
  }
}
