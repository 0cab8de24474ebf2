import Foundation
import OTP

/// A recording in progress: what was typed and what it printed, in transcript form.
struct Recording {
  let path: String
  let keepsSecrets: Bool
  var lines: [String]
}

extension Session {
  func record(_ words: [String]) throws(TutorError) {
    let arguments = try Arguments(words, command: "record", flags: ["--keep-secrets"])
    try arguments.expectPositionals(1, usage: "record <file> [--keep-secrets], then record stop")
    let target = arguments.positionals[0]
    if target == "stop" {
      guard let recording else { throw TutorError("nothing is being recorded", remedy: "start with record <file>") }
      self.recording = nil
      try FileStore.write(Array((recording.lines.joined(separator: "\n") + "\n").utf8), to: recording.path, in: workingDirectory)
      let commands = recording.lines.filter { $0.hasPrefix("otp> ") }.count
      say("saved \(commands) command\(commands == 1 ? "" : "s") to \(recording.path); 'otp-tutor play \(recording.path)' replays it, 'otp-tutor check \(recording.path)' checks it")
      return
    }
    guard recording == nil else { throw TutorError("a recording is already running", remedy: "type record stop first") }
    var header = ["# Recorded by otp-tutor. Replay: otp-tutor play \(target); check: otp-tutor check \(target)", "# clock: \(clock.time)"]
    if case .seeded(_, let seed) = random { header.append("# seed: \(seed)") }
    if clock.mode == .running {
      header.append("otp> clock freeze")
      header.append("...")
    }
    // Write the start now, so a path that cannot be written is reported before anything is typed.
    try FileStore.write(Array((header.joined(separator: "\n") + "\n").utf8), to: target, in: workingDirectory)
    recording = Recording(path: target, keepsSecrets: arguments.has("--keep-secrets"), lines: header)
    if currentAccount != nil {
      note("the recording starts from a fresh session: the secret you have now is not in it")
    }
    if clock.mode == .running {
      note("the clock is running, so a replay shows other times; type 'clock freeze' for a transcript that checks clean")
    }
    say("recording to \(target)" + (arguments.has("--keep-secrets") ? " (secrets typed are kept)" : " (lines carrying secrets are left out; record --keep-secrets keeps them)") + "; 'record stop' saves it")
  }

  /// Adds a finished command to the recording.
  func recordCommand(_ line: String, answers: [String], output: String) {
    guard var current = recording else { return }
    if !current.keepsSecrets, Self.lineCarriesSecret(line) {
      current.lines.append("# (a line carrying a secret was left out; record --keep-secrets keeps such lines)")
    } else {
      current.lines.append("otp> " + line)
      current.lines += answers.map { "> " + $0 }
      current.lines += output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).trimmingBlankEnd()
    }
    recording = current
  }
}
