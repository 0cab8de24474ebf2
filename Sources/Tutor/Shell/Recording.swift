/// A recording in progress: what was typed at the top level and the plain rendering of what
/// it printed, in transcript form.
struct Recording {
  let path: String
  let keepsSecrets: Bool
  var lines: [String]
  /// Whether output carrying a real secret was left out.
  var leftOutSecrets = false

  /// The transcript to save: the header, a note on what was left out and why, then the lines.
  var transcript: [String] {
    guard leftOutSecrets, let first = lines.first else { return lines }
    let note = [
      "# note: real secrets were left out (their lines are shown as ...), so a replay makes other secrets",
      "# and this transcript will not check clean. For a demo that checks, type 'seed <n>' before",
      "# making secrets (or start otp-tutor --seed N), or record --keep-secrets.",
    ]
    return [first] + note + lines.dropFirst()
  }
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
      let redacts = !current.keepsSecrets && world.holdsRealSecrets
      let (lines, leftOut) = Self.transcriptLines(of: context.events, redactingSecrets: redacts, renderer: .plain(usesUnicode: configuration.usesUnicode))
      current.lines += lines
      if leftOut { current.leftOutSecrets = true }
    }
    recording = current
  }

  /// The plain rendering of events as transcript lines (escaped where they would read as
  /// transcript syntax); with `redactingSecrets`, every line that shows a secret, and every QR
  /// code, becomes one `...` line.
  static func transcriptLines(of events: [Event], redactingSecrets: Bool, renderer: Renderer) -> (
    lines: [String], leftOut: Bool
  ) {
    var lines: [String] = []
    var leftOut = false
    func add(_ text: String) {
      lines += text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map {
        TranscriptMatcher.escaped(String($0))
      }
    }
    func redact() {
      leftOut = true
      if lines.last != "..." { lines.append("...") }
    }
    func walk(_ events: [Event]) {
      for event in events {
        switch event {
        case .line(let line) where redactingSecrets && line.holdsSecret: redact()
        case .qrCode where redactingSecrets: redact()
        case .demo(let command, let inner):
          add(renderer.render(.demo(command: command, events: [])))
          walk(inner)
        default: add(renderer.render(event))
        }
      }
    }
    walk(events)
    while let last = lines.last, last.trimmingSpaces().isEmpty { lines.removeLast() }
    return (lines, leftOut)
  }
}
