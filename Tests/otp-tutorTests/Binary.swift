import Foundation
import _OTPTestSupport

/// The built `otp-tutor`: next to this test bundle, or the one `OTP_TUTOR_TEST_BINARY` names
/// (`make test` runs the terminal tests again on the optimized build that ships).
enum Binary {
  static let url: URL = {
    if let chosen = ProcessInfo.processInfo.environment["OTP_TUTOR_TEST_BINARY"], !chosen.isEmpty {
      return URL(fileURLWithPath: chosen)
    }
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

  /// A command line that runs the command after it in a mount namespace with /dev/null bound
  /// over the file of each library (a soname as `ldconfig -p` lists it, such as `libedit.so.2`):
  /// what a machine without those libraries sees. Binding needs root.
  static func withoutLibraries(_ libraries: String...) -> [String] {
    let script = #"for name in $1; do lib=$(readlink -f "$(ldconfig -p | awk -v name="$name" '$1 == name {print $NF; exit}')")"#
      + #" && [ -f "$lib" ] && mount --bind /dev/null "$lib" || exit 1; done; shift && exec "$@""#
    return ["unshare", "--mount", "sh", "-c", script, "sh", libraries.joined(separator: " ")]
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
