import CEditLine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads lines from a file descriptor without editing: for pipes, files and CI.
///
/// Lines end at `\n`; a `\r` before it is dropped. Bytes that are not valid
/// UTF-8 become U+FFFD replacement characters. The prompt is not shown (the
/// caller echoes what it needs to) unless the reader is made to show prompts.
///
/// A line longer than `maximumLineLength` bytes is returned cut to its first
/// `maximumLineLength + 1` bytes, so `line.utf8.count > maximumLineLength`
/// tells the caller it was too long (``lastLineWasTooLong`` says so exactly);
/// the rest of that line is read and thrown away, never stored.
public final class PlainLineReader: LineReader {
  private let fileDescriptor: Int32
  /// Whether the descriptor is a terminal, where input can go on after a Ctrl-D.
  private let isTerminal: Bool
  /// Whether each read shows its prompt first.
  private let showsPrompts: Bool
  private let maximumLineLength: Int

  /// Bytes read but not yet consumed: `chunk[chunkStart..<chunkEnd]`.
  private var chunk: [UInt8]
  private var chunkStart = 0
  private var chunkEnd = 0
  private var reachedEnd = false

  /// The line being assembled, at most `maximumLineLength + 1` bytes; kept
  /// across an interrupted call so no input is lost.
  private var pending: [UInt8] = []
  private var hasPending = false
  private var droppedBytes = false

  /// Whether the line last returned was longer than `maximumLineLength` bytes.
  public private(set) var lastLineWasTooLong = false

  /// Makes a reader of `fileDescriptor`, standard input by default.
  ///
  /// - Parameters:
  ///   - fileDescriptor: The descriptor to read; it stays open.
  ///   - maximumLineLength: The longest line, in bytes, returned whole.
  ///   - showsPrompts: Whether ``readLine(prompt:)`` shows its prompt first, where
  ///     ``EditLineReader`` would, and like it forgets a Ctrl-C pressed before: for a terminal
  ///     without libedit, where the terminal's own line editing does the rest.
  public init(fileDescriptor: Int32 = 0, maximumLineLength: Int = 1 << 20, showsPrompts: Bool = false) {
    self.fileDescriptor = fileDescriptor
    self.isTerminal = isatty(fileDescriptor) == 1
    self.showsPrompts = showsPrompts
    self.maximumLineLength = max(0, maximumLineLength)
    chunk = [UInt8](repeating: 0, count: 16 * 1024)
  }

  /// Reads the next line, showing `prompt` first if the reader shows prompts.
  ///
  /// - Returns: The next line; ``LineReadResult/interrupted`` if
  ///   ``Terminal/installInterruptHandler()`` is in place and Ctrl-C
  ///   interrupts the wait (the partial line is kept for the next call); or
  ///   ``LineReadResult/endOfInput`` at the end of input or on a read error.
  public func readLine(prompt: String) -> LineReadResult {
    if showsPrompts {
      let stream = Terminal.promptStream
      fputs(prompt, stream)
      fflush(stream)
      _ = Terminal.takeInterrupt()
    }
    lastLineWasTooLong = false
    while true {
      if chunkStart == chunkEnd {
        if reachedEnd {
          return hasPending ? finishLine() : .endOfInput
        }
        switch fill() {
        case .filled:
          break
        case .interrupted:
          return .interrupted
        case .ended:
          // A terminal's Ctrl-D ends this read only (it answers one question, say); a pipe or
          // file that ends stays ended.
          if isTerminal { return hasPending ? finishLine() : .endOfInput }
          reachedEnd = true
          continue
        }
      }
      let newline = chunk[chunkStart..<chunkEnd].firstIndex(of: UInt8(ascii: "\n"))
      let end = newline ?? chunkEnd
      let room = maximumLineLength + 1 - pending.count
      let taken = min(room, end - chunkStart)
      pending.append(contentsOf: chunk[chunkStart..<(chunkStart + taken)])
      if taken < end - chunkStart {
        droppedBytes = true
      }
      hasPending = true
      if let newline {
        chunkStart = newline + 1
        return finishLine()
      }
      chunkStart = chunkEnd
    }
  }

  private enum FillResult { case filled, interrupted, ended }

  /// Reads more bytes into the empty chunk.
  private func fill() -> FillResult {
    while true {
      let count = chunk.withUnsafeMutableBytes { buffer in
        read(fileDescriptor, buffer.baseAddress, buffer.count)
      }
      if count > 0 {
        chunkStart = 0
        chunkEnd = count
        return .filled
      }
      if count == 0 { return .ended }
      guard errno == EINTR else { return .ended }
      if Terminal.takeInterrupt() { return .interrupted }
    }
  }

  /// Returns the pending line and starts a new one.
  private func finishLine() -> LineReadResult {
    if !droppedBytes, pending.last == UInt8(ascii: "\r") {
      pending.removeLast()
    }
    let line = String(decoding: pending, as: UTF8.self)
    lastLineWasTooLong = pending.count > maximumLineLength
    pending.removeAll(keepingCapacity: pending.count <= 4096)
    hasPending = false
    droppedBytes = false
    return .line(line)
  }
}
