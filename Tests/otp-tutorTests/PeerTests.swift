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

  @Test(
    "a child still running at the time limit is killed, and the call throws",
    arguments: [0, 1 << 20])
  func timeLimit(inputBytes: Int) async throws {
    // With a megabyte of input the writer is stuck on a full pipe too; the limit still holds.
    // The sleep's length marks this child, so that it can be looked for afterwards.
    let arguments = ["60.\(UInt32.random(in: 1...UInt32.max))"]
    await #expect(throws: Peer.Failure.self) {
      try await Peer.run(
        "sleep", arguments, input: String(repeating: "x", count: inputBytes), timeLimit: .seconds(1))
    }
    let stillThere = try await Peer.run("pgrep", ["-x", "-f", (["sleep"] + arguments).joined(separator: " ")])
    #expect(stillThere.status == 1, "the child outlived the time limit: \(stillThere.standardOutput)")
  }

  @Test("a child that exits without reading its input: the call returns its status, the suite lives on")
  func unreadInput() async throws {
    // More than a pipe holds, to a child that never reads it: the writer meets a closed pipe
    // (SIGPIPE, then EPIPE). Left to the default, SIGPIPE would end the whole test process.
    let input = String(repeating: "x", count: 1 << 20)
    let result = try await Peer.run("sh", ["-c", "echo bye; exit 4"], input: input)
    #expect(result.status == 4)
    #expect(result.standardOutput == "bye\n")
  }

  @Test("status, both outputs and standard input, as the child saw them")
  func roundTrip() async throws {
    let result = try await Peer.run("sh", ["-c", "cat; echo oops >&2; exit 3"], input: "hello\n")
    #expect(result.status == 3)
    #expect(result.standardOutput == "hello\n")
    #expect(result.standardError == "oops\n")
  }
}
