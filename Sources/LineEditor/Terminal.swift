import CEditLine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Facts about the process's terminal, and Ctrl-C handling that only sets a flag.
///
/// Call ``installInterruptHandler()`` once before the first
/// ``EditLineReader/readLine(prompt:)``; without it, Ctrl-C ends the process.
public enum Terminal {
  /// Whether both standard input and standard output are terminals.
  public static var isInteractive: Bool {
    isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
  }

  /// Whether standard input is a terminal, so a person is typing.
  public static var standardInputIsTerminal: Bool {
    isatty(STDIN_FILENO) == 1
  }

  /// Whether standard output is a terminal, so colour and cursor control apply.
  public static var standardOutputIsTerminal: Bool {
    isatty(STDOUT_FILENO) == 1
  }

  /// Where a prompt, the line being edited and its completions go: standard output, or
  /// standard error when the output goes to a pipe (`otp-tutor | tee log`), as a shell's
  /// prompt does.
  static var promptStream: UnsafeMutablePointer<FILE> {
    standardOutputIsTerminal ? le_stdout() : le_stderr()
  }

  /// The width of the terminal in columns, or 80 when it cannot be found.
  ///
  /// Asks standard output, then standard input and standard error, then reads
  /// the `COLUMNS` environment variable.
  public static var columns: Int {
    for descriptor in [STDOUT_FILENO, STDIN_FILENO, STDERR_FILENO] {
      let width = le_terminal_columns(descriptor)
      if width > 0 { return Int(width) }
    }
    if let value = getenv("COLUMNS"), let width = Int(String(cString: value)), width > 0 {
      return width
    }
    return 80
  }

  /// Installs a SIGINT handler that only records that Ctrl-C was pressed.
  ///
  /// The handler is installed without `SA_RESTART`, so a blocking read is
  /// interrupted and the line readers can return
  /// ``LineReadResult/interrupted``. Elsewhere, poll ``takeInterrupt()``.
  /// Calling this more than once is harmless.
  public static func installInterruptHandler() {
    _ = le_install_sigint_handler()
  }

  /// Returns whether Ctrl-C was pressed since the last call, and forgets it.
  public static func takeInterrupt() -> Bool {
    le_take_flag(le_sigint_flag_address()) != 0
  }

  /// The flag the SIGINT handler sets, for the editor's C read function.
  static var interruptFlag: UnsafeMutablePointer<sig_atomic_t> {
    le_sigint_flag_address()
  }
}
