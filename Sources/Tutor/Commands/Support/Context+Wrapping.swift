extension Context {
  /// Says a long sentence of the shell's own, `first` before it; a terminal narrower than the
  /// line breaks it between words and goes on at `rest`'s width (see ``Renderer``). Pipes and
  /// transcripts get it as one line, as every other line.
  func sayWrapped(_ line: Line, first: Line = "", rest: String = "") {
    var whole = first + line
    whole.hangingIndent = rest.count
    say(whole)
  }
}
