/// `record`: keep what is typed at the prompt, and the plain text of what it printed, as a
/// transcript that `otp-tutor play` plays and `otp-tutor check` checks.
struct RecordCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "record", summary: "record what you type, and what it prints, as a transcript to play or check",
    usage: ["record <file> [--keep-secrets]", "record stop [file]"],
    examples: ["record demo.transcript", "record stop", "record stop elsewhere.transcript"],
    options: ["--keep-secrets"], takesFile: true)

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    let arguments = try Arguments(words, command: "record", flags: ["--keep-secrets"])
    let session = context.session
    let folder = context.world.workingDirectory
    if arguments.positionals.first == "stop" {
      guard arguments.positionals.count <= 2 else {
        throw TutorError("unexpected '\(arguments.positionals[2].quotedForMessage)'", remedy: "type record stop [file]")
      }
      guard let recording = session.recording else {
        throw TutorError("nothing is being recorded", remedy: "start with record <file>")
      }
      let path = arguments.positionals.count == 2 ? FileStore.resolve(arguments.positionals[1], in: folder) : recording.path
      do {
        try FileStore.write(Array((recording.transcript.joined(separator: "\n") + "\n").utf8), to: path)
      } catch {
        // Nothing typed is lost: the recording goes on until it is saved somewhere.
        throw TutorError(
          error.problem + "; the recording is still running", remedy: "type record stop <another file> to save it elsewhere")
      }
      session.recording = nil
      let commands = recording.lines.filter { $0.hasPrefix("otp> ") }.count
      context.say(
        "saved \(commands) command\(commands == 1 ? "" : "s") to \(path); 'otp-tutor play \(path)'"
          + " replays it, 'otp-tutor check \(path)' checks it")
      return
    }
    try arguments.expectPositionals(1, usage: "record <file> [--keep-secrets], then record stop")
    let typed = arguments.positionals[0]
    guard session.recording == nil else {
      throw TutorError("a recording is already running", remedy: "type record stop first")
    }
    // Where it was asked for: a lesson started later moves the working folder, not the recording.
    let target = FileStore.resolve(typed, in: folder)
    let clock = context.world.clock
    var header = [
      "# Recorded by otp-tutor. Replay: otp-tutor play \(typed); check: otp-tutor check \(typed)",
      "# clock: \(clock.time)",
    ]
    if let seed = context.world.seed { header.append("# seed: \(seed)") }
    if clock.mode == .running {
      header.append("otp> clock freeze")
      header.append("...")
    }
    // Write the start now, so a path that cannot be written is reported before anything is typed.
    try FileStore.write(Array((header.joined(separator: "\n") + "\n").utf8), to: target)
    let keepsSecrets = arguments.has("--keep-secrets")
    session.recording = Recording(path: target, keepsSecrets: keepsSecrets, lines: header)
    if context.world.currentAccount != nil {
      context.note("the recording starts from a fresh session: the secret you have now is not in it")
    }
    if clock.mode == .running {
      context.note("the clock is running, so a replay shows other times; type 'clock freeze' for a transcript that checks clean")
    }
    let secrets =
      keepsSecrets ? " (secrets typed are kept)" : " (lines carrying secrets are left out; record --keep-secrets keeps them)"
    context.say(Line("recording to \(typed)" + secrets + "; 'record stop' saves it"))
  }
}
