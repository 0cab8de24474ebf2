extension Context {
  /// Says a long sentence of the shell's own as lines that fit an 80-column terminal (see
  /// ``Line/wrapped(width:first:rest:)``): the same lines at a terminal, in a pipe and in a
  /// transcript.
  func sayWrapped(_ line: Line, first: Line = "", rest: String = "") {
    for part in line.wrapped(first: first, rest: rest) { say(part) }
  }
}
