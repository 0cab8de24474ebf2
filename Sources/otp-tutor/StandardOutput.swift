import Foundation
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
    var offset = 0
    buffer.withUnsafeBytes { bytes in
      guard let base = bytes.baseAddress else { return }
      while offset < bytes.count {
        let written = Foundation.write(1, base + offset, bytes.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return
        }
        offset += written
      }
    }
    buffer.removeAll(keepingCapacity: true)
  }
}
