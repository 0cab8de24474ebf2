import Foundation

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
    return (directory as NSString).appendingPathComponent(path)
  }

  /// Checks that `typed` (relative to `base`, if given) names a file in a folder that exists,
  /// as ``write(_:to:in:)`` does first: for a caller that must know before it does the work
  /// whose result it will write.
  public static func checkWritable(_ typed: String, in base: String? = nil) throws(TutorError) {
    let path = resolve(typed, in: base)
    guard !typed.isEmpty else { throw TutorError("no file name was given", remedy: "name a file, like 2fa.txt") }
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
      throw TutorError("'\(typed.quotedForMessage)' is a folder", remedy: "give a file name, like \(typed)/2fa.txt")
    }
    let folder = (path as NSString).deletingLastPathComponent
    let typedFolder = (typed as NSString).deletingLastPathComponent
    if !FileManager.default.fileExists(atPath: folder.isEmpty ? "." : folder, isDirectory: &isDirectory)
      || !isDirectory.boolValue
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
  /// the learner's, such as a lesson that `check --update` rewrites in place.
  static func write(_ bytes: [UInt8], to typed: String, in base: String? = nil, mode: mode_t) throws(TutorError) {
    try checkWritable(typed, in: base)
    let path = resolve(typed, in: base)
    let folder = (path as NSString).deletingLastPathComponent
    let name = (path as NSString).lastPathComponent
    let directory = folder.isEmpty ? "." : folder
    let typedFolder = (typed as NSString).deletingLastPathComponent
    var template = Array("\(directory)/.\(name).tmp-XXXXXX".utf8CString)
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
        buffer.baseAddress.map { Foundation.write(descriptor, $0 + offset, buffer.count - offset) } ?? 0
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

  /// Reads a whole regular file of at most `maximumReadSize` bytes; messages name the path as typed.
  static func read(_ typed: String, in base: String? = nil, what: String) throws(TutorError) -> [UInt8] {
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
      let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
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
