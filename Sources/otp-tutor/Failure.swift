/// A command that could not do its work: one line, `Error: …`, and exit status 1, without the
/// usage text (which is for a command line written wrong).
struct Failure: Error, CustomStringConvertible {
  let description: String

  init(_ description: String) {
    self.description = description
  }
}

/// An input file that cannot be read: one line on standard error and exit status 66
/// (`EX_NOINPUT`, sysexits.h), as other tools do.
struct NoInput: Error {
  let message: String

  init(_ message: String) {
    self.message = message
  }
}
