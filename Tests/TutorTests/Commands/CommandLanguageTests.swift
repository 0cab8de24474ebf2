import Foundation
import Testing
@testable import Tutor

@Suite("Command language")
struct CommandLanguageTests {
  @Test("words split like a shell's")
  func tokenizer() throws {
    #expect(try CommandTokenizer.words(in: "enroll --issuer 'ACME Co' --account \"a b\"") == [
      "enroll", "--issuer", "ACME Co", "--account", "a b",
    ])
    #expect(try CommandTokenizer.words(in: #"secret set --text a\ b"#) == ["secret", "set", "--text", "a b"])
    #expect(try CommandTokenizer.words(in: "  totp   ") == ["totp"])
    #expect(throws: TutorError.self) { try CommandTokenizer.words(in: "x 'open") }
  }

  @Test("durations as typed", arguments: [
    ("500ms", Duration.milliseconds(500)), ("30s", .seconds(30)), ("2m", .seconds(120)), ("1h30m", .seconds(5400)),
    ("1d", .seconds(86_400)), ("45", .seconds(45)), ("1m30s", .seconds(90)),
  ])
  func durations(_ text: String, _ duration: Duration) throws {
    #expect(try Duration.parse(text) == duration)
    #expect(try Duration.parse(duration.compact) == duration)
  }

  @Test("signed durations for drift")
  func signed() throws {
    #expect(try Duration.parse("-45s", signed: true) == .seconds(-45))
    #expect(try Duration.parse("+1m", signed: true) == .seconds(60))
    #expect(Duration.seconds(-45).compact == "-45s")
    #expect(throws: TutorError.self) { try Duration.parse("1s1s") }
    #expect(throws: TutorError.self) { try Duration.parse("999999999999999999d") }
  }

  @Test("lines that carry a secret stay out of history")
  func secretsInHistory() {
    #expect(Session.lineCarriesSecret("secret set JBSWY3DP"))
    #expect(Session.lineCarriesSecret("secret set --hex 3132"))
    #expect(Session.lineCarriesSecret("enroll --uri otpauth://totp/a?secret=X"))
    #expect(Session.lineCarriesSecret("enroll --uri=otpauth://totp/a?secret=X"))
    #expect(!Session.lineCarriesSecret("secret new"))
    #expect(!Session.lineCarriesSecret("totp"))
    #expect(!Session.lineCarriesSecret("enroll --account Muhammad"))
  }

  @Test("Tab completes commands, subcommands and options")
  func completion() {
    #expect(Completion.candidates(for: "ho") == ["hotp"])
    #expect(Completion.candidates(for: "clock ad") == ["advance"])
    #expect(Completion.candidates(for: "clock ") == ["set", "advance", "drift", "freeze", "run", "real"])
    #expect(Completion.candidates(for: "enroll --ac") == ["--account", "--algorithm"].filter { $0.hasPrefix("--ac") })
    #expect(Session(configuration: .init(), output: OutputBuffer()).completions(for: "help wa") == ["watch"])
    #expect(Completion.candidates(for: "").count == CommandSpec.all.count)
  }

  @Test("Tab completes file paths where an argument is a file")
  func pathCompletion() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("complete-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("keys"), withIntermediateDirectories: true)
    try "".write(to: folder.appendingPathComponent("2fa.txt"), atomically: true, encoding: .utf8)
    try "".write(to: folder.appendingPathComponent("keys/old.txt"), atomically: true, encoding: .utf8)
    #expect(Completion.candidates(for: "key load 2", workingDirectory: folder.path) == ["2fa.txt"])
    #expect(Completion.candidates(for: "key save k", workingDirectory: folder.path) == ["keys/"])
    #expect(Completion.candidates(for: "key load keys/o", workingDirectory: folder.path) == ["keys/old.txt"])
    #expect(Completion.candidates(for: "qr --png ", workingDirectory: folder.path) == ["2fa.txt", "keys/"])
    #expect(Completion.candidates(for: "totp ", workingDirectory: folder.path).isEmpty)
  }

  @Test("Tab completes lesson ids, step ids and account names from the session")
  func sessionCompletion() throws {
    let shell = Harness()
    shell.session.catalog = LessonCatalog(lessons: [try LessonParser.parse(LessonParserTests.valid, file: "sample.md")])
    #expect(shell.session.completions(for: "lesson sa") == ["sample"])
    shell.run("lesson sample")
    #expect(shell.session.completions(for: "goto ") == ["first", "second"])
    shell.run("enroll --account Muhammad")
    #expect(shell.session.completions(for: "login M") == ["Muhammad"])
    #expect(shell.session.completions(for: "app code ") == ["learner", "Muhammad"])
    #expect(shell.session.completions(for: "clock ad") == ["advance"])
  }

  @Test("every command has help with usage and an example")
  func help() {
    let shell = Harness()
    let list = shell.text("help")
    for spec in CommandSpec.all {
      #expect(list.contains("  \(spec.name)"))
      let page = shell.text("help \(spec.name)")
      #expect(page.contains("usage:"))
      #expect(page.contains("example"))
    }
  }
}
