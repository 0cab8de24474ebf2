import Foundation
import _OTPTestSupport

/// The built `otp-tutor`, next to this test bundle.
enum Binary {
  static let url: URL = {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("otp-tutor")
    if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
    return Repository.root.appendingPathComponent(".build/debug/otp-tutor")
  }()

  static func run(
    _ arguments: [String], input: String = "", environment: [String: String] = [:], in directory: URL? = nil
  ) async throws -> Peer.Output {
    try await run(arguments, inputData: Data(input.utf8), environment: environment, in: directory)
  }

  /// Runs the binary; it is killed, and the call throws, if it runs past `timeLimit`.
  static func run(
    _ arguments: [String], inputData: Data, environment: [String: String] = [:], in directory: URL? = nil,
    timeLimit: Duration = Peer.timeLimit
  ) async throws -> Peer.Output {
    var environment = environment
    environment["NO_COLOR"] = environment["NO_COLOR"] ?? ""
    // A UTF-8 locale unless a test asks for another: without one the shell writes ASCII symbols.
    environment["LC_ALL"] = environment["LC_ALL"] ?? "C.UTF-8"
    return try await Peer.run(
      url.path, arguments, inputData: inputData, environment: environment, currentDirectory: directory,
      timeLimit: timeLimit)
  }
}
