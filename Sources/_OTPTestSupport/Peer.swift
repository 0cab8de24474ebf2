public import Foundation
import Subprocess

#if canImport(System)
  import System
#else
  import SystemPackage
#endif

/// Runs the real tools this project is checked against: `oathtool`, Python with `pyotp`,
/// `zbarimg`. Tests and benchmarks use them as subprocesses; none of their numbers are
/// ever computed with this project's own code.
public enum Peer {
  /// What a finished subprocess left behind.
  public struct Output: Sendable {
    public let status: Int32
    public let standardOutput: String
    public let standardError: String

    /// Standard output split into lines, without the final empty one.
    public var lines: [String] {
      standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
        .map(String.init).dropLast(standardOutput.hasSuffix("\n") ? 1 : 0)
    }
  }

  /// A peer that could not be run or failed.
  public struct Failure: Error, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
  }

  /// How long a peer may run before it is killed and the call fails: a hung child must fail
  /// its test, never hang the suite.
  public static let timeLimit: Duration = .seconds(180)

  /// Runs a program, by path or found on `PATH`, with arguments and optional standard input.
  ///
  /// The child's exit is watched through its own process descriptor (swift-subprocess), so a
  /// daemon it starts (tmux's server, say) cannot hold the call open; descriptors other than
  /// the three standard ones are not inherited. A child still running after `timeLimit` is
  /// killed and the call throws.
  public static func run(
    _ program: String,
    _ arguments: [String],
    input: String? = nil,
    inputData: Data? = nil,
    environment: [String: String]? = nil,
    currentDirectory: URL? = nil,
    timeLimit: Duration = Peer.timeLimit
  ) async throws -> Output {
    ignoreBrokenPipes
    let bytes = inputData ?? Data((input ?? "").utf8)
    let result = try await withThrowingTaskGroup(of: Output?.self) { group in
      group.addTask {
        var overrides: [Environment.Key: String?] = [:]
        for (key, value) in environment ?? [:] { overrides[Environment.Key(stringLiteral: key)] = value }
        let workingDirectory = currentDirectory.map { FilePath($0.path) }
        let limit = 1 << 30
        let executable: Executable = program.contains("/") ? .path(FilePath(program)) : .name(program)
        let result = try await Subprocess.run(
          executable, arguments: Arguments(arguments), environment: .inherit.updating(overrides),
          workingDirectory: workingDirectory, input: .inputWriter,
          output: .bytes(limit: limit), error: .bytes(limit: limit)
        ) { execution in
          try await writeIgnoringClosedPipe(bytes, to: execution.standardInputWriter)
          try await execution.standardInputWriter.finish()
        }
        let status: Int32 =
          switch result.terminationStatus {
          case .exited(let code): code
          case .signaled(let signal): 128 + signal
          }
        return Output(
          status: status,
          standardOutput: String(decoding: result.standardOutput, as: UTF8.self),
          standardError: String(decoding: result.standardError, as: UTF8.self))
      }
      group.addTask {
        try await Task.sleep(for: timeLimit)
        return nil
      }
      let first = try await group.next() ?? nil
      group.cancelAll()
      return first
    }
    guard let result else {
      throw Failure(
        description:
          "\(program) \(arguments.joined(separator: " ")) was still running after \(timeLimit) and was killed")
    }
    return result
  }

  /// Writing to a child that has exited raises SIGPIPE, whose default action ends the whole
  /// test process. Ignored once, so the write fails with EPIPE instead.
  private static let ignoreBrokenPipes: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

  /// Writes a child's standard input. A child may exit without reading all of it (a usage error,
  /// `--stop-on-error`); that is its business, shown by its status and output, not a failure here.
  private static func writeIgnoringClosedPipe(_ bytes: Data, to writer: StandardInputWriter) async throws {
    do {
      _ = try await writer.write(Array(bytes))
    } catch let error where error.underlyingError == .brokenPipe {
      return
    }
  }

  /// Runs a program and returns its standard output, failing unless it exits 0.
  public static func output(_ program: String, _ arguments: [String], input: String? = nil) async throws -> String {
    let result = try await run(program, arguments, input: input)
    guard result.status == 0 else {
      throw Failure(
        description: "\(program) \(arguments.joined(separator: " ")) exited \(result.status): \(result.standardError)")
    }
    return result.standardOutput
  }

  /// Runs a Python program (with `pyotp` importable) that reads `input` on standard input.
  public static func python(_ program: String, input: String = "") async throws -> String {
    try await output("python3", ["-c", program], input: input)
  }

  /// Runs many shell commands in one `sh` process and returns each one's output line.
  ///
  /// Far cheaper than a `Process` per command when checking a thousand cases.
  public static func shellLines(_ commands: [String]) async throws -> [String] {
    let script = commands.joined(separator: "\n") + "\n"
    let lines = try await run("sh", ["-s"], input: script)
    guard lines.status == 0 else {
      throw Failure(description: "sh exited \(lines.status): \(lines.standardError)")
    }
    return lines.lines
  }
}
