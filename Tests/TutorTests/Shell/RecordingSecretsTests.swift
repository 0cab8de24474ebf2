import Foundation
import OTP
import Testing
@testable import Tutor

/// `record` without `--keep-secrets` keeps nothing from which a real secret can be recovered.
@Suite("Recording leaves secrets out")
struct RecordingSecretsTests {
  let folder: URL

  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("record-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  /// Runs lines in a session whose files go to the test's folder; returns the session.
  @discardableResult
  func run(_ lines: [String], seed: UInt64? = nil) -> Session {
    let session = Session(configuration: .init(seed: seed), output: OutputBuffer())
    session.workingDirectory = folder.path
    for line in lines { session.execute(line) }
    return session
  }

  func transcript(_ name: String) throws -> String {
    try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
  }

  static let showsSecrets = [
    "secret new", "secret show", "uri", "uri --all-parameters", "enroll --account Muhammad --issuer CodingFleet.com",
    "qr", "server scratch 3",
  ]

  @Test("a real secret, its URI, its QR code and scratch codes never reach the file")
  func realSecrets() throws {
    let session = run(["record real.transcript"] + Self.showsSecrets + ["totp", "record stop"])
    let secret = try #require(session.currentURI?.secret)
    let text = try transcript("real.transcript")
    #expect(!text.contains(secret.base32))
    #expect(!text.contains(secret.hex))
    #expect(!text.contains("▀") && !text.contains("█"), "the QR drawing encodes the secret")
    #expect(!text.contains("otpauth://"))
    // The first lines say why it will not check clean, and what to do.
    let head = text.split(separator: "\n").prefix(5).joined(separator: "\n")
    #expect(head.contains("real secrets were left out"))
    #expect(head.contains("seed"))
    #expect(head.contains("--keep-secrets"))
    // What is not secret stays: the commands and the codes.
    #expect(text.contains("otp> secret show"))
    #expect(text.contains("otp> totp"))
  }

  @Test("a seeded demo keeps its (demo) secrets, and checks clean")
  func seededDemo() throws {
    run(["record demo.transcript"] + Self.showsSecrets + ["totp", "record stop"], seed: 42)
    let file = folder.appendingPathComponent("demo.transcript").path
    let text = try transcript("demo.transcript")
    #expect(!text.contains("left out"))
    #expect(text.contains("secret: "))
    let failures = LessonChecker.check(try Transcript.load(file).lesson)
    #expect(failures.isEmpty, "\(failures)")
  }

  @Test("a demo secret made after a real one was replaced is kept; the real one's scratch codes are not")
  func replaced() throws {
    run(["secret new", "server scratch 2", "seed 7", "record mixed.transcript", "secret new", "uri", "record stop"])
    let text = try transcript("mixed.transcript")
    #expect(text.contains("otpauth://totp/learner?secret="), "the seeded secret replaced the real one")
    run(["secret new", "server scratch 2", "record scratch.transcript", "server show", "record stop"])
    #expect(!(try transcript("scratch.transcript")).contains("left out"), "no secret was shown")
  }

  @Test("with --keep-secrets everything is kept, and it checks clean with the secret typed")
  func kept() throws {
    run([
      "record kept.transcript --keep-secrets", "secret set --text 12345678901234567890", "uri", "totp", "record stop",
    ])
    let file = folder.appendingPathComponent("kept.transcript").path
    let text = try transcript("kept.transcript")
    #expect(text.contains("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"))
    #expect(LessonChecker.check(try Transcript.load(file).lesson).isEmpty)
  }

  @Test("a failed 'record stop' keeps the recording, which 'record stop FILE' saves elsewhere")
  func stopElsewhere() throws {
    let inner = folder.appendingPathComponent("gone")
    try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
    let session = Session(configuration: .init(seed: 1), output: OutputBuffer())
    session.workingDirectory = folder.path
    session.execute("record gone/demo.transcript")
    session.execute("hotp 0")
    try FileManager.default.removeItem(at: inner)
    #expect(session.execute("record stop") == .failed)
    session.execute("hotp 1")
    #expect(session.execute("record stop saved.transcript") == .succeeded)
    let text = try transcript("saved.transcript")
    #expect(text.contains("otp> hotp 0"))
    #expect(text.contains("otp> hotp 1"))
  }
}
