public import Foundation

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

  /// Runs a program found on `PATH` with arguments and optional standard input.
  public static func run(
    _ program: String,
    _ arguments: [String],
    input: String? = nil,
    inputData: Data? = nil,
    environment: [String: String]? = nil,
    currentDirectory: URL? = nil
  ) throws -> Output {
    // A child that exits before reading all its input must not kill the caller.
    signal(SIGPIPE, SIG_IGN)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [program] + arguments
    if let environment {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    if let currentDirectory { process.currentDirectoryURL = currentDirectory }
    let stdinPipe = Pipe()
    let stdoutPipe = Pipe()
    let stderrPipe = Pipe()
    process.standardInput = stdinPipe
    process.standardOutput = stdoutPipe
    process.standardError = stderrPipe
    try process.run()
    // Read both pipes while writing, so a chatty child never blocks on a full pipe.
    let group = DispatchGroup()
    nonisolated(unsafe) var out = Data()
    nonisolated(unsafe) var err = Data()
    DispatchQueue.global().async(group: group) { out = stdoutPipe.fileHandleForReading.readDataToEndOfFile() }
    DispatchQueue.global().async(group: group) { err = stderrPipe.fileHandleForReading.readDataToEndOfFile() }
    if let bytes = inputData ?? input.map({ Data($0.utf8) }) {
      try? stdinPipe.fileHandleForWriting.write(contentsOf: bytes)
    }
    try? stdinPipe.fileHandleForWriting.close()
    process.waitUntilExit()
    group.wait()
    return Output(
      status: process.terminationStatus,
      standardOutput: String(decoding: out, as: UTF8.self),
      standardError: String(decoding: err, as: UTF8.self))
  }

  /// Runs a program and returns its standard output, failing unless it exits 0.
  public static func output(_ program: String, _ arguments: [String], input: String? = nil) throws -> String {
    let result = try run(program, arguments, input: input)
    guard result.status == 0 else {
      throw Failure(description: "\(program) \(arguments.joined(separator: " ")) exited \(result.status): \(result.standardError)")
    }
    return result.standardOutput
  }

  /// Runs a Python program (with `pyotp` importable) that reads `input` on standard input.
  public static func python(_ program: String, input: String = "") throws -> String {
    try output("python3", ["-c", program], input: input)
  }

  /// Runs many shell commands in one `sh` process and returns each one's output line.
  ///
  /// Far cheaper than a `Process` per command when checking a thousand cases.
  public static func shellLines(_ commands: [String]) throws -> [String] {
    let script = commands.joined(separator: "\n") + "\n"
    let lines = try run("sh", ["-s"], input: script)
    guard lines.status == 0 else {
      throw Failure(description: "sh exited \(lines.status): \(lines.standardError)")
    }
    return lines.lines
  }
}
