import CEditLine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads lines from a terminal with libedit: editing keys, history and Tab completion.
///
/// The editor uses emacs key bindings. Up and Down walk the history, which is
/// loaded from `historyFile` when the reader is made and saved there by
/// ``addToHistory(_:)``. Tab asks the completer for candidates.
///
/// Call ``Terminal/installInterruptHandler()`` first so that Ctrl-C makes
/// ``readLine(prompt:)`` return ``LineReadResult/interrupted`` instead of
/// ending the process. After any result the terminal is back in its normal
/// (cooked) mode, and the next call starts with an empty line.
///
/// The editor reads standard input and writes standard output; use it only
/// when ``Terminal/isInteractive`` is true, and keep one reader per process.
///
/// libedit is opened (`dlopen`) when the first reader is made, not when the
/// program starts, so a program that reads only pipes and files never loads
/// it. Without libedit the initializer throws ``LibraryUnavailable``: read
/// with ``PlainLineReader`` instead.
public final class EditLineReader: LineReader {
  private let libedit: UnsafePointer<le_api>
  private let editLine: OpaquePointer
  private let history: OpaquePointer
  private let state: UnsafeMutablePointer<le_state>
  private let historyFile: String?
  private let historyLimit: Int
  private let writeFile: ([UInt8], String) -> Void
  private let completer: (_ lineBeforeCursor: String) -> [String]
  /// The prompt being shown, with its invisible parts marked.
  private var markedPrompt = ""

  /// Whether a UTF-8 `LC_CTYPE` locale is in effect; set once, before the
  /// first editor is made, because libedit decodes input by the locale.
  private static let usesUTF8Locale: Bool = le_use_utf8_locale() != 0

  /// libedit's functions, looked up once, when the first reader is made; or why they could
  /// not be. The table lives as long as the process: the editor's callbacks point into it.
  /// It is filled before it is published and only read afterwards, so sharing it is safe.
  nonisolated(unsafe) private static let library: Result<UnsafePointer<le_api>, LibraryUnavailable> = {
    var firstFailure: String?
    for file in libraryFiles {
      var functions = le_api()
      guard let failure = le_load(&functions, file) else {
        let table = UnsafeMutablePointer<le_api>.allocate(capacity: 1)
        table.initialize(to: functions)
        return .success(UnsafePointer(table))
      }
      firstFailure = firstFailure ?? String(cString: failure)
    }
    return .failure(LibraryUnavailable(reason: firstFailure ?? "no file to load"))
  }()

  /// The files the loader is asked for, in turn: Debian's and Ubuntu's soname, then Fedora's
  /// and Arch's; on macOS, the system's libedit.
  private static var libraryFiles: [String] {
    #if canImport(Darwin)
      ["libedit.3.dylib"]
    #else
      ["libedit.so.2", "libedit.so.0"]
    #endif
  }

  /// libedit could not be loaded: it is not installed, or not the version expected.
  public struct LibraryUnavailable: Error, Sendable, CustomStringConvertible {
    /// The loader's message.
    public let reason: String

    /// One line in the house style: what was wrong; what to do.
    public var description: String {
      "line editing needs libedit, which could not be loaded (\(reason)); lines are read without"
        + " editing or history until it is installed (Debian and Ubuntu: apt-get install libedit2)"
    }
  }

  /// Makes a line editor on standard input and standard output.
  ///
  /// - Parameters:
  ///   - programName: The name libedit knows the program by.
  ///   - historyFile: The file history is loaded from now and saved to by
  ///     ``addToHistory(_:)``, or `nil` to keep history in memory only. A
  ///     missing file is fine; its folders are made when it is first saved.
  ///     The path is used as given (`~` is not expanded).
  ///   - historyLimit: The most lines the history keeps; 0 keeps none.
  ///   - writeFile: Writes the history file: given its bytes and path, writes them as the
  ///     program writes every file (atomically, through a temporary file of its own, mode 0600).
  ///   - completer: Given the text before the cursor, returns the full words
  ///     that could complete its last word (for `"clock ad"`, `["advance"]`;
  ///     for `""`, every command). A word ending in `/` is a folder and gets
  ///     no space after it.
  /// - Throws: ``LibraryUnavailable`` when libedit cannot be loaded.
  public init(
    programName: String,
    historyFile: String?,
    historyLimit: Int = 1000,
    writeFile: @escaping (_ bytes: [UInt8], _ path: String) -> Void,
    completer: @escaping (_ lineBeforeCursor: String) -> [String]
  ) throws(LibraryUnavailable) {
    let libedit = try Self.library.get()
    _ = Self.usesUTF8Locale
    self.libedit = libedit
    self.historyFile = historyFile
    self.writeFile = writeFile
    self.historyLimit = max(0, historyLimit)
    self.completer = completer

    state = .allocate(capacity: 1)
    state.initialize(to: le_state())
    state.pointee.pending_byte = -1
    state.pointee.interrupt_flag = Terminal.interruptFlag
    guard le_state_set_prompt(state, "") == 0,
      let editLine = le_editline_create(libedit, programName, le_stdin(), Terminal.promptStream, le_stderr(), state),
      let history = libedit.pointee.history_init!()
    else {
      fatalError("libedit could not make a line editor (out of memory)")
    }
    self.editLine = editLine
    self.history = history

    _ = le_history_set_size(libedit, history, Int32(clamping: self.historyLimit))
    _ = le_history_set_unique(libedit, history, 1)
    if self.historyLimit > 0, let historyFile {
      _ = le_history_load(libedit, history, historyFile)
    }
    le_editline_set_history(libedit, editLine, history)

    state.pointee.context = Unmanaged.passUnretained(self).toOpaque()
    state.pointee.complete = { editLine, context in
      guard let editLine, let context else { return UInt8(CC_REFRESH_BEEP) }
      return Unmanaged<EditLineReader>.fromOpaque(context).takeUnretainedValue()
        .complete(in: editLine)
    }
  }

  deinit {
    libedit.pointee.el_end!(editLine)
    libedit.pointee.history_end!(history)
    free(state.pointee.prompt)
    state.deinitialize(count: 1)
    state.deallocate()
  }

  /// Shows `prompt` and lets the user edit a line until Enter, Ctrl-C or Ctrl-D.
  ///
  /// Colour sequences (`ESC [ ... m`) in the prompt are marked as taking no
  /// room, so the cursor lands right after the visible prompt. A prompt that
  /// already contains libedit's marker character (U+0001) is used as it is.
  ///
  /// On Ctrl-C the cursor is left at the end of the abandoned text and
  /// nothing is printed: print `"^C\n"` yourself. On Ctrl-D libedit echoes
  /// `^D` and the cursor stays on the prompt's line. An interrupt that
  /// arrived before this call is discarded.
  ///
  /// - Returns: The line without its newline, ``LineReadResult/interrupted``
  ///   on Ctrl-C, or ``LineReadResult/endOfInput`` on Ctrl-D on an empty
  ///   line or when input ends.
  public func readLine(prompt: String) -> LineReadResult {
    markedPrompt = PromptMarkup.markingEscapes(in: prompt)
    _ = le_state_set_prompt(state, markedPrompt)
    state.pointee.interrupted = 0
    _ = Terminal.takeInterrupt()

    var count: Int32 = 0
    let text = libedit.pointee.el_gets!(editLine, &count)
    if state.pointee.interrupted != 0 {
      state.pointee.interrupted = 0
      return .interrupted
    }
    guard let text, count > 0 else { return .endOfInput }
    var bytes = UnsafeRawBufferPointer(start: text, count: Int(count))
    if bytes.last == UInt8(ascii: "\n") {
      bytes = UnsafeRawBufferPointer(rebasing: bytes.dropLast())
    }
    return .line(String(decoding: bytes, as: UTF8.self))
  }

  /// Adds `line` to the history and saves the history file, if there is one.
  ///
  /// The caller decides which lines belong in the history: leave out
  /// secrets. Empty lines and a repeat of the previous line are not added.
  /// The file is rewritten with at most `historyLimit` lines, readable only
  /// by the user (mode 0600), and its folders are made as needed. Failing to
  /// save is not reported: history is a convenience.
  public func addToHistory(_ line: String) {
    guard historyLimit > 0, !line.isEmpty else { return }
    _ = le_history_enter(libedit, history, line)
    if let historyFile {
      saveHistory(to: historyFile)
    }
  }

  /// Writes the history to `path` through the program's own file writer, never through a
  /// temporary file of a predictable name.
  private func saveHistory(to path: String) {
    makeParentFolders(of: path)
    var length = 0
    guard let contents = le_history_save_to_memory(libedit, history, &length) else { return }
    defer { free(contents) }
    writeFile(Array(UnsafeRawBufferPointer(start: contents, count: length)), path)
  }

  /// Makes the folders above `path` that do not exist yet, private to the user.
  private func makeParentFolders(of path: String) {
    let components = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
    var folder = ""
    for (index, component) in components.enumerated() {
      folder += index == 0 ? String(component) : "/" + component
      if folder.isEmpty || component.isEmpty || component == "." || component == ".." {
        continue
      }
      _ = mkdir(folder, 0o700)
    }
  }

  /// Handles Tab: inserts a completion or lists the candidates.
  fileprivate func complete(in editLine: OpaquePointer) -> UInt8 {
    guard let info = libedit.pointee.el_line!(editLine), let buffer = info.pointee.buffer,
      let cursor = info.pointee.cursor, let lastCharacter = info.pointee.lastchar
    else {
      return UInt8(CC_REFRESH_BEEP)
    }
    let before = String(
      decoding: UnsafeRawBufferPointer(start: buffer, count: cursor - buffer), as: UTF8.self)

    switch Completion(lineBeforeCursor: before, candidates: completer(before)) {
    case .insert(let deleting, let text):
      if deleting > 0 {
        libedit.pointee.el_deletestr!(editLine, Int32(deleting))
      }
      if !text.isEmpty {
        _ = libedit.pointee.el_insertstr!(editLine, text)
      }
      return UInt8(CC_REFRESH)
    case .list(let candidates):
      let after = String(
        decoding: UnsafeRawBufferPointer(start: cursor, count: lastCharacter - cursor),
        as: UTF8.self)
      showList(candidates, below: before, after)
      return UInt8(CC_REDISPLAY)
    case .none:
      return UInt8(CC_REFRESH_BEEP)
    }
  }

  /// Writes `candidates` in columns below the line being edited, and leaves
  /// the cursor where libedit's `CC_REDISPLAY` expects it.
  ///
  /// libedit believes the cursor is still on the line and, to redisplay,
  /// moves up by the cursor's row within the line before drawing the prompt
  /// again. So the list starts below the line's last row, and is followed by
  /// enough blank rows that moving up lands on the row after the list.
  private func showList(_ candidates: [String], below before: String, _ after: String) {
    let columns = Terminal.columns
    let layout = LineLayout(
      prompt: markedPrompt, beforeCursor: before, afterCursor: after, columns: columns)
    var output = String(repeating: "\n", count: layout.lastRow - layout.cursorRow)
    output += "\n" + Completion.columns(candidates, width: columns).joined(separator: "\n") + "\n"
    output += String(repeating: "\n", count: layout.lastRow)
    if layout.lastRow > layout.cursorRow {
      output += "\u{1B}[\(layout.lastRow - layout.cursorRow)A"
    }
    let stream = Terminal.promptStream
    fputs(output, stream)
    fflush(stream)
  }
}
