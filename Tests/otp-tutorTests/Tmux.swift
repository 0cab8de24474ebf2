import Foundation
import _OTPTestSupport

/// A real terminal for the shell: a tmux session driven with send-keys and read with capture-pane.
///
/// Every session has a tmux server of its own (`tmux -S <temporary folder>/otp-tutor-test-…`),
/// never the user's. A shared one would exit when its last session closed, under a test that
/// was just then starting a session on it ("server exited unexpectedly").
struct Tmux {
  let name: String
  private var socketPath: String { FileManager.default.temporaryDirectory.appendingPathComponent(name).path }
  private var socket: [String] { ["-S", socketPath] }

  /// Starts `command` in a new detached tmux session of the given size; see `session`.
  private init(_ command: String, environment: [String: String] = [:], width: Int = 120, height: Int = 40) async throws
  {
    name = "otp-tutor-test-\(UUID().uuidString.prefix(8))"
    let exports = environment.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
    // This starts the session's tmux server, which outlives this call. Peer.run watches the
    // client's own exit, so the server cannot hold the call open.
    try await tmux([
      "new-session", "-d", "-s", name, "-x", String(width), "-y", String(height), "env \(exports) \(command)",
      ";", "set-option", "-t", name, "remain-on-exit", "on",
    ])
  }

  /// Runs a tmux command on this session's server; fails unless tmux exits 0.
  @discardableResult
  private func tmux(_ arguments: [String]) async throws -> String {
    try await Peer.output("tmux", socket + arguments)
  }

  /// Runs `body` with a new session running `command`, and ends the session afterwards, also
  /// when `body` throws.
  static func session<Result>(
    _ command: String, environment: [String: String] = [:], width: Int = 120, height: Int = 40,
    _ body: (Tmux) async throws -> Result
  ) async throws -> Result {
    let tmux = try await Tmux(command, environment: environment, width: width, height: height)
    do {
      let result = try await body(tmux)
      await tmux.close()
      return result
    } catch {
      await tmux.close()
      throw error
    }
  }

  /// Ends the session and its server.
  private func close() async {
    _ = try? await tmux(["kill-server"])
    try? FileManager.default.removeItem(atPath: socketPath)  // tmux 3.3 leaves it behind
  }

  /// Types literal text.
  func type(_ text: String) async throws {
    // "--": text that starts with a dash is text, not a flag of send-keys.
    try await tmux(["send-keys", "-t", name, "-l", "--", text])
  }

  /// Types a line and presses Enter.
  func enter(_ line: String) async throws {
    try await type(line)
    try await press("Enter")
  }

  /// Presses keys by tmux name: Enter, Tab, Up, C-c, C-d.
  func press(_ keys: String...) async throws {
    try await tmux(["send-keys", "-t", name] + keys)
  }

  /// The visible screen, one string per row, trailing spaces trimmed.
  func screen() async throws -> [String] {
    try await tmux(["capture-pane", "-p", "-t", name]).split(
      separator: "\n", omittingEmptySubsequences: false
    )
    .map { String($0).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
  }

  /// The screen with colours, as escape sequences.
  func screenWithEscapes() async throws -> String {
    try await tmux(["capture-pane", "-e", "-p", "-t", name])
  }

  /// The cursor's column and row.
  func cursor() async throws -> (x: Int, y: Int) {
    let text = try await tmux(["display", "-p", "-t", name, "#{cursor_x} #{cursor_y}"])
    let parts = text.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    return (parts.first ?? -1, parts.last ?? -1)
  }

  /// The process id of the program in the pane.
  func processID() async throws -> Int32 {
    let text = try await tmux(["display", "-p", "-t", name, "#{pane_pid}"])
    return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
  }

  /// Whether the program in the pane has exited.
  func hasExited() async throws -> Bool {
    try await tmux(["display", "-p", "-t", name, "#{pane_dead}"]).hasPrefix("1")
  }

  /// Waits until the screen satisfies `condition`, up to `timeout`; returns the last screen.
  @discardableResult
  func waitFor(
    timeout: Duration = .seconds(30), _ condition: ([String]) async -> Bool
  ) async throws -> [String] {
    let deadline = ContinuousClock.now + timeout
    var lines = try await screen()
    while await !condition(lines) {
      guard ContinuousClock.now < deadline else {
        throw Peer.Failure(description: "timed out; the screen was:\n" + lines.joined(separator: "\n"))
      }
      try await Task.sleep(for: .milliseconds(50))
      lines = try await screen()
    }
    return lines
  }

  /// Waits until some row contains `text`.
  @discardableResult
  func waitFor(_ text: String, timeout: Duration = .seconds(30)) async throws -> [String] {
    try await waitFor(timeout: timeout) { $0.contains { $0.contains(text) } }
  }

  /// Waits until the last non-empty row is exactly `row`.
  @discardableResult
  func waitForLastRow(_ row: String, timeout: Duration = .seconds(30)) async throws -> [String] {
    try await waitFor(timeout: timeout) { ($0.last { !$0.isEmpty } ?? "") == row }
  }

  /// The rows below the last one that shows `command` typed at the prompt (`otp> command`).
  static func rows(after command: String, in screen: [String]) -> [String] {
    guard let index = screen.lastIndex(where: { $0.hasPrefix("otp> " + command) }) else { return [] }
    return Array(screen[(index + 1)...])
  }

  /// Waits until `command`, typed at the prompt, has finished: a new empty prompt below the
  /// command's own row. Unlike `waitForLastRow("otp>")`, never satisfied by the prompt the
  /// command was typed at, before its echo reached the screen.
  @discardableResult
  func waitForPrompt(after command: String, timeout: Duration = .seconds(30)) async throws -> [String] {
    try await waitFor(timeout: timeout) { screen in
      let below = Tmux.rows(after: command, in: screen)
      return !below.isEmpty && (screen.last { !$0.isEmpty } ?? "") == "otp>"
    }
  }
}
