import Foundation
import Testing
import _OTPTestSupport

/// What the security review found, through the binary: at a terminal and through pipes.
@Suite("Security through the binary", .serialized)
struct SecurityTests {
  let state: URL

  init() throws {
    state = try Repository.temporaryDirectory("otp-tutor-security")
  }

  var environment: [String: String] {
    ["XDG_STATE_HOME": state.path, "HOME": state.path, "TERM": "xterm-256color", "LC_ALL": "C.UTF-8", "NO_COLOR": ""]
  }

  @Test("the history is never written through a temporary file of a predictable name")
  func historySymlink() async throws {
    let folder = state.appendingPathComponent("otp-tutor")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let victim = state.appendingPathComponent("victim.txt")
    try "untouched\n".write(to: victim, atomically: true, encoding: .utf8)
    try await Tmux.session(Binary.url.path, environment: environment) { tmux in
      try await tmux.waitForLastRow("otp>")
      let pid = try await tmux.processID()
      // The old writer opened history.<pid>.tmp with O_CREAT|O_TRUNC, following a symlink there.
      let trap = folder.appendingPathComponent("history.\(pid).tmp").path
      #expect(symlink(victim.path, trap) == 0)
      try await tmux.enter("secret set --text 12345678901234567890")
      try await tmux.waitFor("share this secret")
      try await tmux.enter("hotp 9")
      try await tmux.waitFor("520489")
      try await tmux.waitForLastRow("otp>")
      try await tmux.enter("quit")
      try await tmux.waitFor { _ in (try? await tmux.hasExited()) ?? false }
    }
    #expect(try String(contentsOf: victim, encoding: .utf8) == "untouched\n")
    let history = try String(contentsOf: folder.appendingPathComponent("history"), encoding: .utf8)
    #expect(history.replacingOccurrences(of: "\\040", with: " ").contains("hotp 9"))
    let mode = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("history").path)[
      .posixPermissions] as? Int
    #expect(mode == 0o600)
  }

  /// The core file size limit of the shell's process, as /proc says.
  func coreLimit(environment extra: [String: String]) async throws -> String {
    let command = "sh -c 'ulimit -c unlimited; exec \(Binary.url.path)'"
    return try await Tmux.session(command, environment: environment.merging(extra) { $1 }) { tmux in
      try await tmux.waitForLastRow("otp>")
      let pid = try await tmux.processID()
      let limits = try String(contentsOfFile: "/proc/\(pid)/limits", encoding: .utf8)
      return limits.split(separator: "\n").first { $0.hasPrefix("Max core file size") }.map(String.init) ?? ""
    }
  }

  @Test("no core dumps (they would hold the secret) unless OTP_TUTOR_CORE_DUMPS=1 asks")
  func coreDumps() async throws {
    let off = try await coreLimit(environment: [:])
    #expect(off.contains(" 0 ") && off.split(separator: " ").contains("0"), "\(off)")
    let on = try await coreLimit(environment: ["OTP_TUTOR_CORE_DUMPS": "1"])
    #expect(on.contains("unlimited"), "\(on)")
  }

  @Test("Ctrl-C stops a long attack guess within a second or two, and the shell goes on")
  func interruptAttack() async throws {
    try await Tmux.session(Binary.url.path, environment: environment) { tmux in
      try await tmux.waitForLastRow("otp>")
      try await tmux.enter("enroll --digits 10")
      try await tmux.waitForLastRow("otp>")
      // 2^31 codes at a million a second: the simulation would run to its ceiling of 10^8 guesses.
      try await tmux.enter("attack guess --rate 1000000")
      try await tmux.waitFor("expected time to get in")
      try await tmux.press("C-c")
      try await tmux.waitFor("attack stopped (Ctrl-C)", timeout: .seconds(10))
      try await tmux.waitForLastRow("otp>")
      try await tmux.enter("hotp 0")
      try await tmux.waitForLastRow("otp>")
      #expect(try await !tmux.hasExited())
    }
  }

  @Test("play and check show a hostile transcript's bytes made visible, never raw")
  func hostileTranscript() async throws {
    let folder = try Repository.temporaryDirectory("hostile-transcript")
    let file = folder.appendingPathComponent("evil.transcript")
    let text = "otp> secret set --text \u{1B}]0;owned\u{07}x\nsecret set: 72 bits\n\u{1B}]52;c;aGk=\u{07}\u{202E}\n"
    try text.write(to: file, atomically: true, encoding: .utf8)
    for arguments in [["check", file.path], ["play", file.path, "--pace", "0"]] {
      let result = try await Binary.run(arguments, environment: environment)
      let output = result.standardOutput + result.standardError
      #expect(!output.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" || $0 == "\u{202E}" }, "\(arguments)")
      #expect(output.contains("^[") || output.contains("\\u{"), "\(arguments): \(output)")
    }
  }
}
