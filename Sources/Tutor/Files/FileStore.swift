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

/// Reading and writing the files a learner names: key files, QR images, recordings.
///
/// Writes are atomic: the bytes go to a temporary file in the same folder, are flushed to
/// disk, get their mode, and only then replace the target by `rename(2)`. An existing file
/// is therefore replaced only by a complete new one, and a failed write leaves nothing behind.
/// Paths are relative to the shell's working directory.
public enum FileStore {
  /// The largest file the shell reads.
  static let maximumReadSize = 16 << 20

  /// The path to use for a path as typed: relative ones are taken from `directory` if given.
  static func resolve(_ path: String, in directory: String?) -> String {
    guard let directory, !path.hasPrefix("/") else { return path }
    return Path.join(directory, path)
  }

  /// Checks that `typed` (relative to `base`, if given) names a file in a folder that exists,
  /// as ``write(_:to:in:)`` does first: for a caller that must know before it does the work
  /// whose result it will write.
  public static func checkWritable(_ typed: String, in base: String? = nil) throws(TutorError) {
    let path = resolve(typed, in: base)
    guard !typed.isEmpty else { throw TutorError("no file name was given", remedy: "name a file, like 2fa.txt") }
    if Path.isDirectory(path) {
      throw TutorError("'\(typed.quotedForMessage)' is a folder", remedy: "give a file name, like \(typed)/2fa.txt")
    }
    // Only a regular file, or a symlink (replaced, never followed), is replaced: renaming over
    // /dev/null, a FIFO or a socket would break the system, which root is allowed to do.
    var status = stat()
    if lstat(path, &status) == 0 {
      let type = status.st_mode & S_IFMT
      guard type == S_IFREG || type == S_IFLNK else {
        let kind =
          switch type {
          case S_IFCHR, S_IFBLK: "a device"
          case S_IFIFO: "a FIFO"
          case S_IFSOCK: "a socket"
          default: "not a regular file"
          }
        throw TutorError(
          "'\(typed.quotedForMessage)' is \(kind), which the shell never replaces", remedy: "choose a file name, like 2fa.txt")
      }
    }
    let folder = Path.folder(of: path)
    let typedFolder = Path.folder(of: typed)
    if !Path.isDirectory(folder.isEmpty ? "." : folder)
    {
      throw TutorError(
        "the folder '\((typedFolder.isEmpty ? "." : typedFolder).quotedForMessage)' does not exist",
        remedy: "create it first, or choose another path")
    }
  }

  /// Writes `bytes` to `typed` (relative to `base`, if given) atomically, readable and writable
  /// by its owner only (0600): every file the shell writes may carry a secret. Messages name the
  /// path as typed.
  public static func write(_ bytes: [UInt8], to typed: String, in base: String? = nil) throws(TutorError) {
    try write(bytes, to: typed, in: base, mode: 0o600)
  }

  /// Writes `bytes` to `typed` atomically with the given permissions: for files that are not
  /// the learner's, such as a lesson that `check --update` rewrites in place. With `replacing`,
  /// only over an empty file or one of that kind.
  static func write(
    _ bytes: [UInt8], to typed: String, in base: String? = nil, mode: mode_t, replacing: Replaceable? = nil
  ) throws(TutorError) {
    try checkWritable(typed, in: base)
    if let replacing { try checkReplaceable(typed, in: base, as: replacing) }
    let path = resolve(typed, in: base)
    let folder = Path.folder(of: path)
    let name = Path.name(of: path)
    let directory = folder.isEmpty ? "." : folder
    let typedFolder = Path.folder(of: typed)
    removeStaleTemporaryFiles(in: directory)
    // The name says whose it is: a leftover of a process that is gone is removed by the next write.
    var template = Array("\(directory)/.\(name)\(temporaryMarker)\(getpid())-XXXXXX".utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress.map { mkstemp($0) } ?? -1
    }
    guard descriptor >= 0 else {
      throw TutorError("cannot write in '\((typedFolder.isEmpty ? "." : typedFolder).quotedForMessage)': \(String(cString: strerror(errno)))", remedy: "choose a folder you can write to")
    }
    let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var failure: String?
    if fchmod(descriptor, mode) != 0 { failure = String(cString: strerror(errno)) }
    var offset = 0
    while failure == nil, offset < bytes.count {
      let written = bytes.withUnsafeBytes { buffer in
        buffer.baseAddress.map { Glibc.write(descriptor, $0 + offset, buffer.count - offset) } ?? 0
      }
      if written < 0 {
        if errno == EINTR { continue }
        failure = String(cString: strerror(errno))
      } else {
        offset += written
      }
    }
    if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
    close(descriptor)
    if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
    if let failure {
      unlink(temporary)
      throw TutorError("could not write '\(typed.quotedForMessage)': \(failure)", remedy: "check the disk and the folder's permissions")
    }
  }

  /// What the names of the temporary files the shell writes through hold, after the target's.
  static let temporaryMarker = ".tmp-"

  /// Removes temporary files of this shell's naming (`.NAME.tmp-<pid>-XXXXXX`) that a process
  /// killed mid-write left behind (they may hold a secret): those whose process is gone, and
  /// those of the older naming without a pid that are more than a minute old.
  static func removeStaleTemporaryFiles(in directory: String) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
    let now = time(nil)
    for name in names where name.hasPrefix(".") {
      guard let marker = name.ranges(of: temporaryMarker).last else { continue }
      let tail = name[marker.upperBound...]
      let path = Path.join(directory, name)
      var status = stat()
      guard lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { continue }
      let parts = tail.split(separator: "-")
      if parts.count == 2, let pid = pid_t(parts[0]), parts[1].count == 6 {
        if pid != getpid(), kill(pid, 0) != 0, errno == ESRCH { unlink(path) }
      } else if parts.count == 1, tail.count == 6, now - status.st_mtim.tv_sec > 60 {
        unlink(path)
      }
    }
  }

  /// Reads a whole regular file of at most `maximumReadSize` bytes; messages name the path as typed.
  public static func read(_ typed: String, in base: String? = nil, what: String) throws(TutorError) -> [UInt8] {
    let path = resolve(typed, in: base)
    guard !typed.isEmpty else { throw TutorError("no file name was given", remedy: "name the \(what)") }
    var status = stat()
    guard stat(path, &status) == 0 else {
      let reason = errno == ENOENT ? "there is no file '\(typed.quotedForMessage)'" : "cannot read '\(typed.quotedForMessage)': \(String(cString: strerror(errno)))"
      throw TutorError(reason, remedy: "check the name; Tab completes file names")
    }
    if (status.st_mode & S_IFMT) == S_IFDIR {
      throw TutorError("'\(typed.quotedForMessage)' is a folder, not a \(what)", remedy: "name the file inside it")
    }
    guard (status.st_mode & S_IFMT) == S_IFREG else {
      throw TutorError("'\(typed.quotedForMessage)' is not a regular file", remedy: "name a \(what) saved on disk")
    }
    guard status.st_size <= maximumReadSize else {
      throw TutorError("'\(typed.quotedForMessage)' is \(status.st_size) bytes, too large for a \(what)", remedy: "name the right file")
    }
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else {
      throw TutorError("cannot read '\(typed.quotedForMessage)': \(String(cString: strerror(errno)))", remedy: "check its permissions")
    }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while bytes.count <= maximumReadSize {
      let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw TutorError("cannot read '\(typed.quotedForMessage)': \(String(cString: strerror(errno)))", remedy: "check the file")
      }
      if count == 0 { break }
      bytes += buffer[0..<count]
    }
    return bytes
  }
}
