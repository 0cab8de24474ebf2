/// A command that could not do its work: one line, `Error: …`, and exit status 1, without the
/// usage text (which is for a command line written wrong).
struct Failure: Error, CustomStringConvertible {
  let description: String

  init(_ description: String) {
    self.description = description
  }
}
