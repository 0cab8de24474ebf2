/// What one attempt to read a line produced.
public enum LineReadResult: Equatable, Sendable {
  /// A line of input, without its line terminator.
  case line(String)
  /// The user pressed Ctrl-C; the partly typed line was abandoned.
  ///
  /// The reader prints nothing for this: a caller that wants the usual
  /// `^C` and a fresh line prints them itself.
  case interrupted
  /// There is no more input: Ctrl-D on an empty line, or the end of a file
  /// or pipe, or an error reading it.
  case endOfInput
}
