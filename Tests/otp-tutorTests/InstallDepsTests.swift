import Foundation
import Testing
import _OTPTestSupport

/// `scripts/install-deps`, which `make build` and `make test` run first, on a machine without
/// apt (macOS with Homebrew, another Linux): it never blocks a build whose libraries are there,
/// and otherwise says what to install, for apt and for Homebrew.
@Suite("install-deps without apt")
struct InstallDepsTests {
  /// A folder of the few commands the script needs, and no apt-get: PATH for a machine without apt.
  private static func pathWithoutApt() throws -> URL {
    let bin = try Repository.temporaryDirectory("no-apt")
    for tool in ["pkg-config", "id"] {
      let found = ["/usr/bin/\(tool)", "/bin/\(tool)"].first { FileManager.default.isExecutableFile(atPath: $0) }
      try FileManager.default.createSymbolicLink(
        atPath: bin.appendingPathComponent(tool).path, withDestinationPath: try #require(found))
    }
    #expect(!FileManager.default.fileExists(atPath: bin.appendingPathComponent("apt-get").path))
    return bin
  }

  private static func installDeps(path: URL, environment: [String: String] = [:]) async throws -> Peer.Output {
    try await Peer.run(
      "/bin/sh", [Repository.root.appendingPathComponent("scripts/install-deps").path, "run"],
      environment: ["PATH": path.path].merging(environment) { $1 })
  }

  @Test("the libraries found by pkg-config: exit 0, nothing printed")
  func librariesPresent() async throws {
    let path = try Self.pathWithoutApt()
    defer { try? FileManager.default.removeItem(at: path) }
    let result = try await Self.installDeps(path: path)
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.isEmpty && result.standardError.isEmpty)
  }

  @Test("no libraries found: exit 1 and the commands for apt and for Homebrew, naming each library")
  func librariesMissing() async throws {
    let path = try Self.pathWithoutApt()
    defer { try? FileManager.default.removeItem(at: path) }
    let nowhere = try Repository.temporaryDirectory("no-pkgconfig")
    defer { try? FileManager.default.removeItem(at: nowhere) }
    let result = try await Self.installDeps(path: path, environment: ["PKG_CONFIG_LIBDIR": nowhere.path, "PKG_CONFIG_PATH": ""])
    #expect(result.status == 1)
    let lines = result.standardError.split(separator: "\n").map(String.init)
    #expect(lines.contains("  on Debian or Ubuntu: sudo apt-get install -y libedit-dev libqrencode-dev libpng-dev libzbar-dev"))
    #expect(lines.contains("  with Homebrew:       brew install libedit qrencode libpng zbar"))
  }
}
