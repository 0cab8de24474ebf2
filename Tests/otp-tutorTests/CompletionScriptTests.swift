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

  @Test("bash: file arguments complete files: 'play de', '--script no', 'check --lessons pa', 'progress report ex'")
  func bashFiles() async throws {
    let folder = try Repository.temporaryDirectory("completion")
    try FileManager.default.createSymbolicLink(
      at: folder.appendingPathComponent("otp-tutor"), withDestinationURL: Binary.url)
    let script = try await Binary.run(["--generate-completion-script", "bash"])
    #expect(script.status == 0)
    let file = folder.appendingPathComponent("otp-tutor.bash")
    try script.standardOutput.write(to: file, atomically: true, encoding: .utf8)
    let work = folder.appendingPathComponent("work")
    try FileManager.default.createDirectory(at: work.appendingPathComponent("pack"), withIntermediateDirectories: true)
    for name in ["demo.transcript", "notes.txt", "export.json"] {
      try "".write(to: work.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    try await Tmux.session(
      "env PATH=\(folder.path):/usr/bin:/bin bash --norc --noprofile",
      environment: ["TERM": "xterm-256color", "LC_ALL": "C.UTF-8"]
    ) { tmux in
      try await tmux.enter("PS1='$ '; source \(file.path); cd \(work.path)")
      for (typed, completed) in [
        ("otp-tutor play de", "otp-tutor play demo.transcript"),
        ("otp-tutor --script no", "otp-tutor --script notes.txt"),
        ("otp-tutor check --lessons pa", "otp-tutor check --lessons pack/"),
        ("otp-tutor progress report ex", "otp-tutor progress report export.json"),
      ] {
        try await tmux.type(typed)
        try await tmux.press("Tab")
        try await tmux.waitFor("$ " + completed)
        try await tmux.press("C-u")
      }
    }
  }

  @Test("fish: the shell's options before any subcommand: '--script no' gives notes.txt, '--lessons pa' gives pack/")
  func fishDefaultSubcommand() async throws {
    let work = try Repository.temporaryDirectory("completion-fish")
    defer { try? FileManager.default.removeItem(at: work) }
    try FileManager.default.createDirectory(at: work.appendingPathComponent("pack"), withIntermediateDirectories: true)
    try "".write(to: work.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
    let script = try await Binary.run(["--generate-completion-script", "fish"])
    let file = work.appendingPathComponent("otp-tutor.fish")
    try script.standardOutput.write(to: file, atomically: true, encoding: .utf8)
    let completed = try await Peer.run(
      "fish", ["--no-config", "-c", "source \(file.path); complete -C 'otp-tutor --script no'; complete -C 'otp-tutor --lessons pa'"],
      currentDirectory: work)
    #expect(completed.status == 0, "\(completed.standardError)")
    #expect(completed.lines.first == "notes.txt")
    #expect(completed.lines.dropFirst().first?.hasPrefix("pack/") == true, "\(completed.lines)")
  }

  @Test("zsh, through compinit: lesson ids, file arguments, and the shell's options before any subcommand")
  func zsh() async throws {
    let folder = try Repository.temporaryDirectory("completion-zsh")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createSymbolicLink(
      at: folder.appendingPathComponent("otp-tutor"), withDestinationURL: Binary.url)
    // zsh finds `_otp-tutor` on its fpath, as in share/zsh/site-functions.
    let functions = folder.appendingPathComponent("functions")
    try FileManager.default.createDirectory(at: functions, withIntermediateDirectories: true)
    let script = try await Binary.run(["--generate-completion-script", "zsh"])
    #expect(script.status == 0)
    try script.standardOutput.write(to: functions.appendingPathComponent("_otp-tutor"), atomically: true, encoding: .utf8)
    let work = folder.appendingPathComponent("work")
    try FileManager.default.createDirectory(at: work.appendingPathComponent("pack"), withIntermediateDirectories: true)
    try "".write(to: work.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
    let lessons = Repository.root.appendingPathComponent("Lessons").path
    try """
      fpath=(\(functions.path) $fpath)
      autoload -U compinit && compinit -u -D
      PS1='$ '
      cd \(work.path)

      """.write(to: folder.appendingPathComponent(".zshrc"), atomically: true, encoding: .utf8)
    try await Tmux.session(
      "env PATH=\(folder.path):/usr/bin:/bin ZDOTDIR=\(folder.path) OTP_TUTOR_LESSONS=\(lessons) zsh",
      environment: ["TERM": "xterm-256color", "LC_ALL": "C.UTF-8"]
    ) { tmux in
      try await tmux.waitForLastRow("$")
      for (typed, completed) in [
        // The first completion autoloads the script; the later ones call what it registered.
        ("otp-tutor --scr", "otp-tutor --script"),
        ("otp-tutor --script no", "otp-tutor --script notes.txt"),
        ("otp-tutor --seed 3 --lessons pa", "otp-tutor --seed 3 --lessons pack/"),
        ("otp-tutor lesson to", "otp-tutor lesson totp"),
        ("otp-tutor play no", "otp-tutor play notes.txt"),
      ] {
        try await tmux.type(typed)
        try await tmux.press("Tab")
        try await tmux.waitFor("$ " + completed)
        try await tmux.press("C-u")
      }
    }
  }
}
