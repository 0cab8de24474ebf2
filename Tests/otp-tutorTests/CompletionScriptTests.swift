import Foundation
import Testing
import _OTPTestSupport

/// The completion script swift-argument-parser writes, loaded in a real bash: Tab completes
/// lesson ids and their steps from the lessons themselves.
@Suite("Shell completion scripts", .serialized)
struct CompletionScriptTests {
  @Test("bash: 'otp-tutor lesson to' Tab gives totp, '--step mo' Tab gives its step move-the-clock")
  func bash() async throws {
    let folder = try Repository.temporaryDirectory("completion")
    try FileManager.default.createSymbolicLink(
      at: folder.appendingPathComponent("otp-tutor"), withDestinationURL: Binary.url)
    let script = try await Binary.run(["--generate-completion-script", "bash"])
    #expect(script.status == 0)
    let file = folder.appendingPathComponent("otp-tutor.bash")
    try script.standardOutput.write(to: file, atomically: true, encoding: .utf8)
    let lessons = Repository.root.appendingPathComponent("Lessons").path
    try await Tmux.session(
      "env PATH=\(folder.path):/usr/bin:/bin OTP_TUTOR_LESSONS=\(lessons) bash --norc --noprofile",
      environment: ["TERM": "xterm-256color", "LC_ALL": "C.UTF-8"]
    ) { tmux in
      try await tmux.enter("PS1='$ '; source \(file.path)")
      try await tmux.type("otp-tutor lesson to")
      try await tmux.press("Tab")
      try await tmux.waitFor("$ otp-tutor lesson totp")
      // bash adds a space after a word it completed.
      try await tmux.type("--step mo")
      try await tmux.press("Tab")
      try await tmux.waitFor("$ otp-tutor lesson totp --step move-the-clock")
    }
  }
}
