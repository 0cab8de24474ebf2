import Foundation
import OTP
import Testing
@testable import Tutor

@Suite("Lesson runner and checker")
struct LessonRunnerTests {
  func lesson() throws -> Lesson {
    try LessonParser.parse(LessonParserTests.valid.replacingOccurrences(of: "...\n", with: "Authentication failed. Please try again with the right key.\nserver: wrong code\n"), file: "sample.md")
  }

  @Test("the checker passes a correct lesson, and reports an edited demo with file:line and a diff")
  func checker() throws {
    #expect(LessonChecker.check(try lesson()).isEmpty)
    let wrong = try LessonParser.parse(
      LessonParserTests.valid.replacingOccurrences(of: "755224", with: "755225"), file: "sample.md")
    let failures = LessonChecker.check(wrong)
    #expect(failures.count == 1)
    #expect(failures[0].description.hasPrefix("sample.md:15: the output of 'otp> hotp 0' in step 'first' differs"))
    #expect(failures[0].diff == ["- 755225", "+ 755224"])
  }

  @Test("a solution that does not solve is reported")
  func unsolved() throws {
    let text = LessonParserTests.valid.replacingOccurrences(of: "solution: answer 287082", with: "solution: answer 1")
    let failures = LessonChecker.check(try LessonParser.parse(text, file: "sample.md"))
    #expect(failures.contains { $0.description.hasPrefix("sample.md:25: the solution of the exercise in step 'second'") })
  }

  @Test("a CRLF transcript checks clean, and check --update keeps a CRLF lesson CRLF")
  func crlf() throws {
    let transcript = try Transcript.parse("# clock: 59\r\notp> hotp 0\r\n755224\r\n", file: "crlf.transcript")
    #expect(transcript.start == UnixTime(seconds: 59))
    #expect(transcript.demo.entries.map(\.command) == ["hotp 0"])
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crlf-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let file = folder.appendingPathComponent("sample.md").path
    let stale = LessonParserTests.valid.replacingOccurrences(of: "755224\n", with: "")
    try stale.replacingOccurrences(of: "\n", with: "\r\n").write(toFile: file, atomically: true, encoding: .utf8)
    #expect(!LessonChecker.update(try LessonCatalog.load(file)).rewrites.isEmpty)
    let updated = try String(contentsOfFile: file, encoding: .utf8)
    #expect(updated.contains("otp> hotp 0\r\n755224\r\n"))
    #expect(!updated.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line still ends in CRLF")
    #expect(LessonChecker.check(try LessonCatalog.load(file)).isEmpty)
  }

  @Test("check --update rewrites differing output, which then checks clean; the file keeps its permissions")
  func update() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let file = folder.appendingPathComponent("sample.md").path
    try LessonParserTests.valid.replacingOccurrences(of: "755224\n", with: "").write(toFile: file, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o664], ofItemAtPath: file)
    let stale = try LessonCatalog.load(file)
    #expect(!LessonChecker.check(stale).isEmpty)
    #expect(!LessonChecker.update(stale).rewrites.isEmpty)
    let updated = try String(contentsOfFile: file, encoding: .utf8)
    #expect(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int == 0o664)
    #expect(updated.contains("otp> hotp 0\n755224\notp> login"))
    #expect(LessonChecker.check(try LessonCatalog.load(file)).isEmpty)
  }

  @Test("hints come one at a time; a wrong answer shows the next; skip obeys the lesson")
  func runner() throws {
    let shell = Harness()
    shell.session.catalog = LessonCatalog(lessons: [try lesson()])
    #expect(shell.text("lesson sample").contains("── sample · step 1 of 2: First ──"))
    let second = shell.text("next")
    #expect(second.contains("Your turn: What is the code at counter 1?"))
    #expect(shell.text("answer 123").contains("hint 1 of 1: Use hotp."))
    #expect(shell.text("skip").hasPrefix("error: this lesson does not allow skipping"))
    #expect(shell.text("answer 287082").contains("✓ Well done."))
    #expect(shell.text("where").hasPrefix("lesson sample (A sample), step 2 of 2: Second ('lesson sample second' comes back here)\nexercise: done"))
    #expect(shell.text("next").contains("You finished A sample."))
    #expect(shell.text("goto nowhere").hasPrefix("error: lesson sample has no step 'nowhere'"))
  }

  @Test("going back rebuilds the session: the clock and secret are as the step began")
  func rebuild() throws {
    let shell = Harness()
    shell.session.catalog = LessonCatalog(lessons: [try lesson()])
    shell.run("lesson sample")
    shell.run("advance 1h")
    shell.run("secret set Muhammad")
    shell.run("next")
    shell.run("back")
    #expect(shell.session.clock.time == UnixTime(seconds: 59))
    #expect(shell.text("hotp 0") == "755224\n")
  }

  @Test("progress persists atomically; a damaged file is set aside with a warning")
  func progress() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("progress-\(UUID().uuidString)")
    let path = folder.appendingPathComponent("otp-tutor/progress.json").path
    let first = Harness()
    first.session.catalog = LessonCatalog(lessons: [try lesson()])
    first.session.progressStore = ProgressStore(path: path)
    first.session.loadProgress()
    first.run("lesson sample")
    first.run("next")
    let saved = try String(contentsOfFile: path, encoding: .utf8)
    #expect(saved.contains("\"step\" : \"second\""))
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o600)

    let second = Harness()
    second.session.catalog = LessonCatalog(lessons: [try lesson()])
    second.session.progressStore = ProgressStore(path: path)
    second.session.loadProgress()
    #expect(second.session.lessonToResume == "sample")
    #expect(second.text("lesson sample").contains("resuming sample at step 2 of 2"))

    try "{ not json".write(toFile: path, atomically: true, encoding: .utf8)
    let third = Harness()
    third.session.progressStore = ProgressStore(path: path)
    third.session.loadProgress()
    #expect(third.output.take().contains("warning: your progress file was damaged; it was set aside as \(path).damaged-"))
    let aside = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("otp-tutor").path)
    #expect(aside.contains { $0.hasPrefix("progress.json.damaged-") })
  }
}

@Suite("Where lessons are found")
struct LessonFolderTests {
  @Test("--lessons, then OTP_TUTOR_LESSONS, then the checkout, then PREFIX/share/otp-tutor/Lessons")
  func order() throws {
    let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("prefix-\(UUID().uuidString)")
    let installed = prefix.appendingPathComponent("share/otp-tutor/Lessons")
    try FileManager.default.createDirectory(at: installed, withIntermediateDirectories: true)
    let executable = prefix.appendingPathComponent("bin/otp-tutor").path
    #expect(LessonCatalog.findFolder(explicit: nil, environment: [:], executable: executable) == installed.path)
    #expect(LessonCatalog.findFolder(explicit: "/x", environment: [:], executable: executable) == "/x")
    let fromEnvironment = prefix.appendingPathComponent("mine")
    try FileManager.default.createDirectory(at: fromEnvironment, withIntermediateDirectories: true)
    #expect(
      LessonCatalog.findFolder(explicit: nil, environment: ["OTP_TUTOR_LESSONS": fromEnvironment.path], executable: executable)
        == fromEnvironment.path)
    // Run from a checkout: .build/debug/otp-tutor finds the checkout's Lessons/.
    let checkout = prefix.appendingPathComponent("checkout")
    try FileManager.default.createDirectory(at: checkout.appendingPathComponent("Lessons"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: checkout.appendingPathComponent(".build/debug"), withIntermediateDirectories: true)
    try "".write(to: checkout.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
    #expect(
      LessonCatalog.findFolder(explicit: nil, environment: [:], executable: checkout.appendingPathComponent(".build/debug/otp-tutor").path)
        == checkout.appendingPathComponent("Lessons").path)
  }
}
