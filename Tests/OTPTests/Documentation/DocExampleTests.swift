import Foundation
import Testing
import _OTPTestSupport

/// Every ```swift example in the engine's DocC comments and articles type-checks against the
/// built `OTP` module, so that no example shows an API that does not exist.
///
/// Each example becomes the body of its own function, inside a block that may shadow the names
/// the examples take as given (a `secret`, a `totp`, a `server`, a `code`…), and the whole file
/// is type-checked with `swiftc -typecheck`; an error names the example's file and line.
@Suite("DocC examples")
struct DocExampleTests {
  struct Example {
    let file: String
    let line: Int
    let code: String
  }

  /// The ```swift blocks of a file: in `///` comments for Swift sources, plain for articles.
  static func examples(in url: URL) throws -> [Example] {
    let text = try String(contentsOf: url, encoding: .utf8)
    let isSource = url.pathExtension == "swift"
    var examples: [Example] = []
    var current: [String]?
    var start = 0
    for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      var line = String(rawLine)
      if isSource {
        let trimmed = line.drop { $0 == " " }
        guard trimmed.hasPrefix("///") else {
          current = nil
          continue
        }
        line = String(trimmed.dropFirst(3))
        if line.hasPrefix(" ") { line.removeFirst() }
      }
      let fence = line.trimmingCharacters(in: .whitespaces)
      if current == nil, fence == "```swift" {
        current = []
        start = index + 2
      } else if current != nil, fence == "```" {
        examples.append(Example(file: url.lastPathComponent, line: start, code: current!.joined(separator: "\n")))
        current = nil
      } else if current != nil {
        // The examples' own `import OTP` is the prelude's.
        current!.append(line.hasPrefix("import ") ? "" : line)
      }
    }
    return examples
  }

  /// The README's ```swift blocks.
  static func examples(inMarkdown url: URL) throws -> [Example] { try examples(in: url) }

  static let prelude = """
    import Foundation
    import OTP

    // What the examples take as given.
    let secret = try! Secret(text: "12345678901234567890")
    let totp = try! TOTP(secret: secret)
    let hotp = try! HOTP(secret: secret)
    let policy = TOTPVerifier.Policy()
    var server = TOTPVerifier(totp: totp)
    let code = "123456"
    let account = "alice"
    struct Store { func save(_ data: Data, for account: String) throws {} }
    let store = Store()
    let savedState = TOTPVerifier.State()
    let now = UnixTime.now()

    """

  @Test("every example in Sources/OTP and README type-checks")
  func examplesTypeCheck() async throws {
    let folder = Repository.root.appendingPathComponent("Sources/OTP")
    let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?
      .compactMap { $0 as? URL }.filter { ["swift", "md"].contains($0.pathExtension) }
      .sorted { $0.path < $1.path } ?? []
    let readme = try Self.examples(inMarkdown: Repository.root.appendingPathComponent("README.md"))
    let examples = try files.flatMap(Self.examples(in:)) + readme
    try #require(examples.count >= 20, "found only \(examples.count) examples")
    var source = Self.prelude
    for (index, example) in examples.enumerated() {
      source += "\n// \(example.file):\(example.line)\n@MainActor func example\(index)() throws {\n  do {\n"
      source += "#sourceLocation(file: \"\(example.file)\", line: \(example.line))\n"
      source += example.code + "\n#sourceLocation()\n  }\n}\n"
    }
    let directory = try Repository.temporaryDirectory("otp-doc-examples")
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("main.swift")
    try source.write(to: file, atomically: true, encoding: .utf8)
    let modules = Repository.root.appendingPathComponent(".build/debug/Modules")
    try #require(
      FileManager.default.fileExists(atPath: modules.appendingPathComponent("OTP.swiftmodule").path),
      "build the tests first: no OTP module in \(modules.path)")
    let result = try await Peer.run("swiftc", ["-typecheck", "-swift-version", "6", "-I", modules.path, file.path])
    let errors = result.standardError.split(separator: "\n").filter { $0.contains("error:") }
    #expect(result.status == 0, "\(errors.joined(separator: "\n"))")
  }
}
