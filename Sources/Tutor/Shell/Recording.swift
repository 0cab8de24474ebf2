/// A recording in progress: what was typed at the top level and the plain rendering of what
/// it printed, in transcript form.
struct Recording {
  let path: String
  let keepsSecrets: Bool
  var lines: [String]
}

extension Session {
  /// Adds a line typed at the top level, with its answers and its plain output, to the
  /// recording, if there is one. Lines a lesson replays are never seen here.
  func record(_ line: String, _ context: Context) {
    guard var current = recording else { return }
    if !current.keepsSecrets, Self.lineCarriesSecret(line) {
      current.lines.append("# (a line carrying a secret was left out; record --keep-secrets keeps such lines)")
    } else {
      current.lines.append("otp> " + Escaping.visible(line))
      current.lines += context.answered.map { "> " + Escaping.visible($0) }
      current.lines += context.plainLines.map(TranscriptMatcher.escaped)
    }
    recording = current
  }
}
