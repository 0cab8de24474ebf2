import Foundation
import Testing
import _OTPTestSupport

/// Every input in Fuzz/corpus (seeds and anything `make fuzz` once found) replayed through the
/// fuzz targets' properties, so a fixed crash stays fixed.
@Suite("Fuzz corpus replay")
struct FuzzCorpusTests {
  static let targets = ["base32", "secret", "uri", "time", "command", "lesson", "progress", "keyfile"]

  @Test("each target's corpus replays with its properties holding", arguments: targets)
  func replay(_ target: String) async throws {
    let binary = Binary.url.deletingLastPathComponent().appendingPathComponent("otp-fuzz")
    let corpus = Repository.root.appendingPathComponent("Fuzz/corpus/\(target)")
    let result = try await Peer.run(binary.path, [target, corpus.path])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.contains("all properties held"))
    let replayed = Int(result.standardOutput.split(separator: " ").dropFirst(2).first ?? "") ?? 0
    #expect(replayed >= 2)
  }
}
