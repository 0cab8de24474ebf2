import Testing
import _OTPTestSupport

/// The runner every end-to-end test stands on: it must return when its child exits, and a hung
/// child must fail the test instead of hanging the suite.
@Suite("Running peers")
struct PeerTests {
  @Test("a daemon that the child leaves behind does not hold the call open")
  func daemonLeftBehind() async throws {
    // As tmux's server does: the child starts a long-lived process and exits. The call returns
    // at once; were it to wait for the daemon's 600 s, the time limit would fail it.
    let result = try await Peer.run(
      "sh", ["-c", "sleep 600 </dev/null >/dev/null 2>&1 & echo $!"], timeLimit: .seconds(120))
    #expect(result.status == 0)
    let daemon = try #require(result.lines.first.flatMap { Int32($0) })
    _ = try await Peer.run("kill", [String(daemon)])
  }

  @Test("a child still running at the time limit is killed, and the call throws")
  func timeLimit() async throws {
    await #expect(throws: Peer.Failure.self) {
      try await Peer.run("sleep", ["60"], timeLimit: .seconds(1))
    }
  }

  @Test("status, both outputs and standard input, as the child saw them")
  func roundTrip() async throws {
    let result = try await Peer.run("sh", ["-c", "cat; echo oops >&2; exit 3"], input: "hello\n")
    #expect(result.status == 3)
    #expect(result.standardOutput == "hello\n")
    #expect(result.standardError == "oops\n")
  }
}
