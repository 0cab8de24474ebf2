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
import Tutor

/// The session's output, buffered and written to standard output with write(2): flushed
/// once per command, or whenever 64 KiB have gathered (a long `hotp` range).
final class StandardOutput: OutputSink {
  private var buffer: [UInt8] = []

  init() {
    buffer.reserveCapacity(1 << 16)
  }

  func write(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 1 << 16 { flush() }
  }

  func flush() {
    Self.write(buffer, to: STDOUT_FILENO)
    buffer.removeAll(keepingCapacity: true)
  }

  /// Writes all of `bytes` straight to a descriptor (standard output or error), retrying
  /// when a signal interrupts; gives up silently if the descriptor is closed.
  static func write(_ bytes: [UInt8], to descriptor: Int32) {
    bytes.withUnsafeBytes { bytes in
      guard let base = bytes.baseAddress else { return }
      var offset = 0
      while offset < bytes.count {
        let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return
        }
        offset += written
      }
    }
  }

  /// Bytes straight to standard output, unbuffered (a whole file's worth, as JSON).
  static func standardOutput(_ bytes: [UInt8]) {
    write(bytes, to: STDOUT_FILENO)
  }

  /// One line on standard error.
  static func error(_ line: String) {
    write(Array((line + "\n").utf8), to: STDERR_FILENO)
  }
}
