import Foundation
import Testing
import _OTPTestSupport

@testable import Tutor

/// The pipe driver behind `lab`: prompts, ends, time limits, process groups. Judged on its
/// typed stops and bytes; no libfaketime here, so the programs sleep for real.
@Suite("Labs: the pipe driver", .serialized)
struct LabProcessTests {
  static func start(_ script: String, timeLimit: Duration = .seconds(10)) throws -> LabProcess {
    try LabProcess(
      executable: "/bin/sh", arguments: ["sh", "-c", script], environment: ProcessInfo.processInfo.environment,
      directory: nil, timeLimit: timeLimit)
  }

  @Test("a prompt is output stopped mid-line while the program reads its standard input")
  func prompt() throws {
    let process = try Self.start("printf 'Current OTP: 123456\\nEnter Code: '; read code; echo \"got $code\"")
    let first = process.readUntilStop()
    #expect(first.stop == .waitingForInput)
    #expect(String(decoding: first.bytes, as: UTF8.self) == "Current OTP: 123456\nEnter Code: ")
    #expect(process.send("654321"))
    let second = process.readUntilStop()
    #expect(second.stop == .exited(0))
    #expect(String(decoding: second.bytes, as: UTF8.self) == "got 654321\n")
  }

  @Test("output that pauses mid-line while the program sleeps is not a prompt")
  func pauseIsNotPrompt() throws {
    let process = try Self.start("printf 'Working'; sleep 0.5; echo ' done'")
    let chunk = process.readUntilStop()
    #expect(chunk.stop == .exited(0))
    #expect(String(decoding: chunk.bytes, as: UTF8.self) == "Working done\n")
  }

  @Test("the time limit kills the whole process group, a child it started included")
  func timeLimit() throws {
    let marker = try Repository.temporaryDirectory("lab-group").appendingPathComponent("child.pid")
    let started = ContinuousClock.now
    let process = try Self.start("sleep 30 & echo $! > '\(marker.path)'; wait", timeLimit: .seconds(1))
    let chunk = process.readUntilStop()
    #expect(chunk.stop == .timedOut)
    #expect(ContinuousClock.now - started < .seconds(5))
    let child = try #require(pid_t(try String(contentsOf: marker, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
    usleep(200_000)
    // Gone, or a zombie waiting for an init that does not reap (as in some containers).
    let state = (try? String(contentsOfFile: "/proc/\(child)/stat", encoding: .utf8))?
      .split(separator: ")").last?.split(separator: " ").first
    #expect(state == nil || state == "Z", "the program's child survived the time limit (state \(state ?? "?"))")
  }

  @Test("a program that ends its input early, and one whose status is not 0")
  func endings() throws {
    let reader = try Self.start("read line; echo \"[$line]\"; exit 3")
    #expect(reader.readUntilStop().stop == .waitingForInput)
    reader.closeInput()
    let ended = reader.readUntilStop()
    #expect(ended.stop == .exited(3))
    #expect(String(decoding: ended.bytes, as: UTF8.self) == "[]\n")
    let killed = try Self.start("kill -TERM $$")
    #expect(killed.readUntilStop().stop == .signaled(SIGTERM))
  }

  @Test("writing to a program that no longer reads fails quietly instead of ending the shell")
  func brokenPipe() throws {
    let process = try Self.start("exec 0<&-; echo closed; sleep 0.3")
    _ = process.readUntilStop()
    var sent = true
    for _ in 0..<4 { sent = process.send(String(repeating: "x", count: 100_000)) && sent }
    #expect(!sent)
  }
}
