import Foundation
import OTP
import Testing
import _OTPTestSupport
@testable import Tutor

/// What an instructor writing lessons meets: safe updates, the lint, variables, question types,
/// packs and reports.
@Suite("Instructor tools")
struct InstructorToolsTests {
  /// A lesson header, then `body`.
  static func lesson(_ body: String, id: String = "sample", extraHeader: String = "") -> String {
    """
    ---
    id: \(id)
    title: A sample
    format: 1
    clock: 59
    secret: text:12345678901234567890
    \(extraHeader)---

    """ + body
  }

  func parseError(_ text: String) -> LessonError? {
    do {
      _ = try LessonParser.parse(text, file: "x.md")
      return nil
    } catch {
      return error
    }
  }

  func folder(_ name: String = "instructor") throws -> URL {
    try Repository.temporaryDirectory(name)
  }

  // MARK: Safety

  @Test("a demo whose closing fence is missing mid-file is an error at its opening line; --update changes nothing")
  func unclosedMidFile() throws {
    let text = Self.lesson(
      """
      ## First {#first}

      ```demo
      otp> hotp 0
      999999

      ## Second {#second}

      ```exercise
      ask: What is the code at counter 1?
      expect: answer 287082
      hint: Use hotp.
      solution: answer 287082
      ```
      """)
    let error = try #require(parseError(text))
    #expect(error.line == 10)
    #expect(error.problem == "this demo block is never closed")
    #expect(error.remedy.contains("before line 14"))
    let folder = try folder()
    let file = folder.appendingPathComponent("broken.md").path
    try text.write(toFile: file, atomically: true, encoding: .utf8)
    let run = try CheckRun.run(paths: [file], lessonFolders: [], update: true)
    #expect(!run.passed)
    #expect(run.results[0].rewrites.isEmpty)
    #expect(try String(contentsOfFile: file, encoding: .utf8) == text, "not a line removed")
  }

  @Test("a block still open at the end of the file is an error at its opening line")
  func unclosedAtEnd() throws {
    let error = try #require(parseError(Self.lesson("## First {#first}\n\n```demo\notp> hotp 0\n755224\n")))
    #expect(error.line == 10)
    #expect(error.problem == "this demo block is never closed")
  }

  @Test("--update keeps ..., /regex/ and {{…}} lines that still match, rewrites only the others, and says so per block even when another fails")
  func updateKeepsPatterns() throws {
    let text = Self.lesson(
      """
      ## First {#first}

      ```demo
      otp> hotp 0
      /^\\d{6}$/
      otp> hotp 1
      000000
      otp> login
      > {{hotp.0}}
      Enter Code: {{hotp.0}}
      ...
      ```

      ## Second {#second}

      ```exercise
      ask: Anything.
      expect: accepted
      solution: verify 000000
      ```
      """)
    let folder = try folder()
    let file = folder.appendingPathComponent("sample.md").path
    try text.write(toFile: file, atomically: true, encoding: .utf8)
    let result = LessonChecker.update(try LessonCatalog.load(file))
    // The exercise's solution fails; the demo that differed was still rewritten and said so.
    #expect(result.failures.contains { $0.message.contains("does not satisfy") })
    #expect(result.rewrites.map(\.line) == [13])
    #expect(result.rewrites[0].description == "\(file):13: rewrote the output of 'otp> hotp 1' (1 of 1 line new)")
    let updated = try String(contentsOfFile: file, encoding: .utf8)
    // RFC 4226 App. D: counter 1 is 287082.
    #expect(updated.contains("otp> hotp 0\n/^\\d{6}$/\notp> hotp 1\n287082\notp> login\n> {{hotp.0}}\nEnter Code: {{hotp.0}}\n...\n```"))
  }

  @Test("--update on a changed middle keeps the author's ... between the lines it rewrites")
  func updateMiddle() {
    let written = ["first", "...", "old last"]
    let merged = TranscriptMatcher.updated(written: written, expected: written, actual: ["first", "a", "b", "new last"])
    #expect(merged.lines == ["first", "...", "new last"])
    #expect(merged.changed == 1)
    let escaped = TranscriptMatcher.updated(written: ["x"], expected: ["x"], actual: ["otp> looks like a command"])
    #expect(escaped.lines == ["\\otp> looks like a command"])
  }

  // MARK: The lint

  @Test("the same lesson id in two files is an error naming both")
  func duplicateIDs() throws {
    let folder = try folder()
    let body = "## First {#first}\n\n```demo\notp> hotp 0\n755224\n```\n"
    try Self.lesson(body).write(to: folder.appendingPathComponent("a.md"), atomically: true, encoding: .utf8)
    try Self.lesson(body).write(to: folder.appendingPathComponent("b.md"), atomically: true, encoding: .utf8)
    let run = try CheckRun.run(paths: [folder.path], lessonFolders: [])
    #expect(run.results.map(\.passed) == [true, false])
    #expect(run.results[1].failures[0].message.contains("the lesson id 'sample' is also the id of \(folder.path)/a.md"))
    #expect(LessonCatalog(folder: folder.path).problems.count == 1)
  }

  @Test("narration and demos after an exercise come after it: shown once it is done, replayed after its solution")
  func orderAsWritten() throws {
    let text = Self.lesson(
      """
      ## First {#first}

      Before the question.

      ```exercise
      ask: Move the clock 30 seconds on.
      expect: clock past-step
      solution: advance 30s
      ```

      After the question.

      ```demo
      otp> clock
      server time: 1970-01-01T00:01:29Z  (unix 89, frozen)
      TOTP step:   2, 1 s left of 30
      ```
      """)
    let lesson = try LessonParser.parse(text, file: "x.md")
    #expect(LessonChecker.check(lesson).isEmpty, "the demo sees the clock the solution moved")
    let shell = Harness()
    shell.session.catalog = LessonCatalog(lessons: [lesson])
    let start = shell.text("lesson sample")
    #expect(start.contains("Before the question."))
    #expect(!start.contains("After the question."))
    let done = shell.text("advance 30s")
    #expect(done.contains("✓ Well done.\nAfter the question.\notp> clock\nserver time: 1970-01-01T00:01:29Z"))
  }

  @Test("a demo after an exercise runs once in check, as for the learner: a clock it moves moves once")
  func afterExerciseDemoRunsOnce() throws {
    let text = Self.lesson(
      """
      ## First {#first}

      ```exercise
      ask: Move the clock 30 seconds on.
      expect: clock past-step
      solution: advance 30s
      ```

      ```demo
      otp> advance 30s
      server time: 1970-01-01T00:01:59Z  (unix 119, frozen)
      TOTP step:   3, 1 s left of 30
      ```
      """)
    let lesson = try LessonParser.parse(text, file: "x.md")
    #expect(LessonChecker.check(lesson).isEmpty, "the demo moved the clock once, from 89 s to 119 s")
    let shell = Harness()
    shell.session.catalog = LessonCatalog(lessons: [lesson])
    _ = shell.text("lesson sample")
    #expect(shell.text("advance 30s").contains("otp> advance 30s\nserver time: 1970-01-01T00:01:59Z"))
  }

  @Test("invalid regular expressions in expect: and in a demo are errors at their line")
  func invalidRegex() throws {
    let demo = parseError(Self.lesson("## First {#first}\n\n```demo\notp> hotp 0\n/([a-z/\n```\n"))
    #expect(demo?.line == 12)
    #expect(demo?.problem == "'/([a-z/' is not a regular expression")
    let expect = parseError(
      Self.lesson("## First {#first}\n\n```exercise\nask: x\nexpect: output /([/\nsolution: hotp 0\n```\n"))
    #expect(expect?.line == 12)
    #expect(expect?.problem == "'([' is not a regular expression")
  }

  @Test("a solution line that fails, answers nothing asks for, and 'solution: > x' first are each reported")
  func solutionLint() throws {
    let failing = LessonChecker.check(
      try LessonParser.parse(
        Self.lesson("## First {#first}\n\n```exercise\nask: x\nexpect: ran hotp\nsolution: hotp banana\nsolution: hotp 0\n```\n"),
        file: "x.md"))
    #expect(failing.map(\.line) == [13])
    #expect(failing[0].message == "the solution's 'solution: hotp banana' in step 'first' fails")
    let unasked = LessonChecker.check(
      try LessonParser.parse(
        Self.lesson("## First {#first}\n\n```exercise\nask: x\nexpect: ran hotp\nsolution: hotp 0\nsolution: > 755224\n```\n"),
        file: "x.md"))
    #expect(unasked.map(\.line) == [13])
    #expect(unasked[0].message.hasPrefix("'hotp 0' asks for nothing, but a '> ' line answers it"))
    let demo = LessonChecker.check(
      try LessonParser.parse(Self.lesson("## First {#first}\n\n```demo\notp> hotp 0\n> 1\n755224\n```\n"), file: "x.md"))
    #expect(demo.map(\.line) == [11])
    let first = parseError(Self.lesson("## First {#first}\n\n```exercise\nask: x\nexpect: accepted\nsolution: > 755224\n```\n"))
    #expect(first?.line == 13)
    #expect(first?.problem.hasPrefix("'solution: > 755224' answers a prompt, but no command comes before it") == true)
  }

  @Test("look-alike blocks and step headings are refused; a longer fence nests lesson blocks as narration", arguments: [
    "```Demo", "~~~demo", "````demo", "```DEMO", "~~~~summary",
  ])
  func lookalikes(fence: String) throws {
    let error = try #require(parseError(Self.lesson("## First {#first}\n\n\(fence)\notp> hotp 0\n```\n")))
    #expect(error.line == 10)
    #expect(error.problem.contains("looks like a"))
  }

  @Test("a ### heading with an id is refused; a four-backtick fence around a demo is shown, not played")
  func headingsAndNesting() throws {
    #expect(parseError(Self.lesson("### First {#first}\n"))?.problem.contains("looks like a step") == true)
    let nested = try LessonParser.parse(
      Self.lesson("## First {#first}\n\n````\n```demo\notp> hotp 0\n```\n````\n\n```demo\notp> hotp 0\n755224\n```\n"),
      file: "x.md")
    let demos = nested.steps[0].blocks.filter { if case .demo = $0 { true } else { false } }
    #expect(demos.count == 1)
    guard case .narration(let lines) = nested.steps[0].blocks[0] else {
      Issue.record("the fenced example is narration")
      return
    }
    #expect(lines == ["````", "```demo", "otp> hotp 0", "```", "````"])
  }

  @Test("a multi-line ask: goes on until the next key; a CRLF lesson reads the same as LF")
  func multiLineAsk() throws {
    let text = Self.lesson(
      "## First {#first}\n\n```exercise\nask: What is the code\nat counter 1? Note this: it has six digits.\nexpect: answer 287082\nhint: Use\nhotp 1.\nsolution: answer 287082\n```\n")
    let exercise = try #require(try LessonParser.parse(text, file: "x.md").steps[0].exercise)
    #expect(exercise.ask == ["What is the code at counter 1? Note this: it has six digits."])
    #expect(exercise.hints == ["Use hotp 1."])
    let crlf = try LessonParser.parse(text.replacingOccurrences(of: "\n", with: "\r\n"), file: "x.md")
    #expect(crlf.steps[0].exercise?.ask == exercise.ask)
    #expect(parseError(Self.lesson("## First {#first}\n\n```exercise\nhnit: x\n```\n"))?.remedy.hasPrefix("did you mean 'hint'?") == true)
  }

  @Test("a transcript's unknown '# key:' header is an error; '# note:' and comments are not")
  func transcriptHeaders() throws {
    #expect(throws: LessonError.self) { try Transcript.parse("# clok: 59\notp> hotp 0\n755224\n", file: "t") }
    do {
      _ = try Transcript.parse("# clok: 59\notp> hotp 0\n", file: "t")
    } catch {
      #expect(error.line == 1)
      #expect(error.remedy.hasPrefix("did you mean '# clock:'?"))
    }
    let fine = try Transcript.parse("# note: a demo\n# This one shows: codes\n# clock: 59\notp> hotp 0\n755224\n", file: "t")
    #expect(fine.start == UnixTime(seconds: 59))
  }

  @Test("check descends into sub-folders, skips notes with a note, and fails on a folder with nothing to check")
  func folders() throws {
    let folder = try folder()
    let inner = folder.appendingPathComponent("course/week1")
    try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
    try Self.lesson("## First {#first}\n\n```demo\notp> hotp 0\n755224\n```\n")
      .write(to: inner.appendingPathComponent("a.md"), atomically: true, encoding: .utf8)
    try "# Notes\nNot a lesson.\n".write(to: inner.appendingPathComponent("NOTES.md"), atomically: true, encoding: .utf8)
    try "otp> secret set --text 12345678901234567890\n...\notp> hotp 1\n287082\n".write(to: inner.appendingPathComponent("b.transcript"), atomically: true, encoding: .utf8)
    let run = try CheckRun.run(paths: [folder.path], lessonFolders: [])
    #expect(run.results.map(\.file) == [inner.appendingPathComponent("a.md").path, inner.appendingPathComponent("b.transcript").path])
    #expect(run.passed)
    #expect(run.skipped == ["\(inner.path)/NOTES.md: not a lesson (it does not start with a --- header)"])
    #expect(CheckReport.render(run, as: .text).hasPrefix("note: skipped \(inner.path)/NOTES.md"))
    let empty = try self.folder("instructor-empty")
    #expect(throws: TutorError.self) { try CheckRun.run(paths: [empty.path], lessonFolders: []) }
  }

  @Test("a solution that does not satisfy shows what it printed")
  func showsPrinted() throws {
    let failures = LessonChecker.check(
      try LessonParser.parse(
        Self.lesson("## First {#first}\n\n```exercise\nask: x\nexpect: output 000000\nsolution: hotp 1\n```\n"), file: "x.md"))
    #expect(failures.count == 1)
    #expect(failures[0].diff == ["otp> hotp 1", "287082"])
  }

  // MARK: Variables and question types

  @Test("{{app.code}}, {{server.code}}, {{hotp.N}} and {{secret}} take the session's values where they are used")
  func variables() throws {
    // An unknown variable is refused, with the list.
    let unknown = parseError(Self.lesson("## First {#first}\n\n```demo\notp> verify {{app.cod}}\n```\n"))
    #expect(unknown?.problem == "'{{app.cod}}' is not a variable")
    #expect(unknown?.remedy.hasPrefix("did you mean {{app.code}}?") == true)
    let totp = Self.lesson(
      """
      ## First {#first}

      ```demo
      otp> secret show
      base32: {{secret}}
      ...
      otp> totp
      /^{{app.code}}  /
      ```

      ```exercise
      ask: Log in.
      expect: accepted
      solution: verify {{server.code}}
      ```

      ## Second {#second}

      ```exercise
      ask: What is the HOTP code at counter 1?
      expect: answer {{hotp.1}}
      solution: answer 287082
      ```
      """)
    let failures = LessonChecker.check(try LessonParser.parse(totp, file: "x.md"))
    #expect(failures.isEmpty, "\(failures)")
    // GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ is RFC 4226's secret in base32 (RFC 4648).
    let shell = Harness()
    shell.run("secret set --text 12345678901234567890")
    #expect(try shell.session.expandVariables("{{secret}} {{hotp.1}} {{hotp.9}}") == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ 287082 520489")
  }

  @Test("choice: questions: the marked choices, by number or letter; a wrong set shows the hint")
  func choices() throws {
    let text = Self.lesson(
      """
      ## First {#first}

      ```exercise
      ask: Which does a TOTP code stop?
      choice: [x] a password reused from another site
      choice: [ ] a phishing site that relays the code at once
      choice: [x] a guess of the password alone
      hint: Think of what the attacker must have.
      wrong: 2 => a relay passes the code on while it is valid
      solution: answer 1 3
      ```
      """)
    let lesson = try LessonParser.parse(text, file: "x.md")
    #expect(lesson.steps[0].exercise?.expectations.map(\.description) == ["the choices 1, 3"])
    #expect(LessonChecker.check(lesson).isEmpty)
    let shell = Harness()
    shell.session.catalog = LessonCatalog(lessons: [lesson])
    let shown = shell.text("lesson sample")
    #expect(shown.contains("  1. a password reused from another site\n  2. a phishing site"))
    let wrong = shell.text("answer 2")
    #expect(wrong.contains("not quite: a relay passes the code on while it is valid"))
    #expect(wrong.contains("hint 1 of 1: Think of what the attacker must have."))
    #expect(shell.text("answer 1").hasPrefix("not quite."))
    #expect(shell.text("answer 9").hasPrefix("error: '9' is not one of the choices 1 to 3"))
    #expect(shell.text("answer a, c").contains("✓ Well done."))
    #expect(parseError(Self.lesson("## First {#first}\n\n```exercise\nask: x\nchoice: [ ] a\nchoice: [ ] b\nsolution: answer 1\n```\n")) != nil)
  }

  @Test("several expect: lines must all hold, in the order written")
  func conditions() throws {
    let text = Self.lesson(
      """
      ## First {#first}

      ```exercise
      ask: Widen the window, then log in with a code from the step before.
      expect: ran server policy window
      expect: accepted
      solution: server policy window 1
      solution: advance 30s
      solution: verify 287082
      ```
      """)
    // The secret is RFC 4226's, and a TOTP step's code is its HOTP code at the step number
    // (RFC 6238 §4): at 89 s (step 2) the code is 359152, the step before's 287082.
    let lesson = try LessonParser.parse(text, file: "x.md")
    #expect(LessonChecker.check(lesson).isEmpty)
    let shell = Harness()
    shell.session.catalog = LessonCatalog(lessons: [lesson])
    #expect(shell.text("lesson sample").contains("(2 things to do, in this order)"))
    shell.run("advance 30s")
    #expect(shell.text("verify 359152").hasPrefix("accepted"))
    #expect(shell.session.run?.conditionsMet == 0, "accepted before the policy changed does not count")
    #expect(shell.text("server policy window 1").contains("That is 1 of 2"))
    #expect(shell.text("verify 287082").contains("✓ Well done."))
  }

  // MARK: Packs

  @Test("packs: a namespace keeps two 'totp' lessons apart; without one they clash; order: and notes")
  func packs() throws {
    let root = try folder("instructor-packs")
    let a = root.appendingPathComponent("a")
    let b = root.appendingPathComponent("b")
    for folder in [a, b] {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try Self.lesson("## First {#first}\n\n```demo\notp> hotp 0\n755224\n```\n", id: "totp")
        .write(to: folder.appendingPathComponent("totp.md"), atomically: true, encoding: .utf8)
    }
    #expect(LessonCatalog(folders: [a.path, b.path]).problems.count == 1, "two packs without namespaces clash")
    try "name: Basics\nnamespace: basics\n".write(to: a.appendingPathComponent("pack.conf"), atomically: true, encoding: .utf8)
    try "# A course\nname: Web security\nnamespace: websec\nversion: 1.2.0\norder: totp.md\n"
      .write(to: b.appendingPathComponent("pack.conf"), atomically: true, encoding: .utf8)
    try "# Notes\n".write(to: b.appendingPathComponent("NOTES.md"), atomically: true, encoding: .utf8)
    let catalog = LessonCatalog(folders: [a.path, b.path])
    #expect(catalog.problems.isEmpty)
    #expect(catalog.lessons.map(\.key) == ["basics/totp", "websec/totp"])
    #expect(catalog.packs.map(\.pack.name) == ["Basics", "Web security"])
    #expect(catalog.skipped == ["\(b.path)/NOTES.md: not in the order: of pack.conf"])
    let shell = Harness()
    shell.session.catalog = catalog
    let list = shell.text("lessons")
    #expect(list.contains("Web security 1.2.0\n  websec/totp"))
    #expect(shell.text("lesson totp").hasPrefix("error: 2 packs have a lesson 'totp'; say which: lesson basics/totp or lesson websec/totp"))
    #expect(shell.text("lesson websec/totp").hasPrefix("── totp · step 1 of 1: First ──"))
    #expect(shell.session.run?.lesson.key == "websec/totp")
    try "name: X\nnamspace: y\n".write(to: b.appendingPathComponent("pack.conf"), atomically: true, encoding: .utf8)
    let broken = try CheckRun.run(paths: [b.path], lessonFolders: [])
    #expect(broken.results.map(\.kind) == [.pack])
    #expect(broken.results[0].failures[0].message.hasPrefix("unknown manifest key 'namspace'; did you mean 'namespace'?"))
  }

  @Test("progress is kept per pack and lesson key; an export holds no secret and a report adds a class up")
  func progressExport() throws {
    var progress = Progress()
    progress.lessons["websec/totp"] = .init(step: "first", completed: ["first"], skipped: [], finished: true, hints: 2, seconds: 95)
    progress.lessons["totp"] = .init(step: "first", completed: [], finished: false, hints: 0, seconds: 30)
    let lesson = try LessonParser.parse(Self.lesson("## First {#first}\n\n```exercise\nask: x\nexpect: ran hotp\nsolution: hotp 0\n```\n", id: "totp"), file: "x.md")
    let catalog = LessonCatalog(lessons: [lesson])
    let alice = ProgressExport(learner: "alice", progress: progress, catalog: catalog)
    #expect(alice.lessons.map(\.lesson) == ["totp", "websec/totp"])
    #expect(alice.lessons[0].steps == 1)
    let json = String(decoding: alice.json, as: UTF8.self)
    #expect(!json.contains("GEZDGNBV") && !json.contains("12345678901234567890"))
    #expect(try ProgressExport.read(alice.json, file: "a.json") == alice)
    #expect(throws: TutorError.self) { try ProgressExport.read(Array("{}".utf8), file: "bad.json") }
    var bobProgress = Progress()
    bobProgress.lessons["totp"] = .init(step: "first", completed: ["first"], finished: true, hints: 1, seconds: 3700)
    let bob = ProgressExport(learner: "bob", progress: bobProgress, catalog: catalog)
    let table = ProgressReport.render([bob, alice], csv: false)
    #expect(table.contains("alice    totp         0/1"))
    #expect(table.contains("totp: 2 learners, 1 finished, 1 hint, 31m 05s on average"))
    let csv = ProgressReport.render([alice, bob], csv: true)
    #expect(csv.hasPrefix("learner,lesson,steps,solved,skipped,hints,seconds,finished\nalice,totp,0/1,0/1,0,0,30,no\n"))
    #expect(ProgressReport.csvField("=cmd()") == "'=cmd()")
    #expect(ProgressReport.csvField("a,\"b\"") == "\"a,\"\"b\"\"\"")
  }

  @Test("new lesson writes a template that checks clean and refuses to overwrite")
  func template() throws {
    let file = try folder().appendingPathComponent("phishing-basics.md").path
    try LessonTemplate.write(id: "phishing-basics", title: nil, to: file)
    let lesson = try LessonCatalog.load(file)
    #expect(lesson.title == "Phishing Basics")
    #expect(lesson.steps.count == 2)
    #expect(lesson.steps.contains { $0.exercise != nil })
    #expect(!lesson.summary.isEmpty)
    #expect(LessonChecker.check(lesson).isEmpty)
    #expect(throws: TutorError.self) { try LessonTemplate.write(id: "phishing-basics", title: nil, to: file) }
    #expect(throws: TutorError.self) { try LessonTemplate.write(id: "Bad Id", title: nil, to: file + "2") }
  }
}

@Suite("Check reports for CI")
struct CheckReportTests {
  func run() throws -> CheckRun {
    let folder = try Repository.temporaryDirectory("check-report")
    let good = InstructorToolsTests.lesson("## First {#first}\n\n```demo\notp> hotp 0\n755224\n```\n", id: "good")
    let bad = InstructorToolsTests.lesson("## First {#first}\n\n```demo\notp> hotp 0\n000000\n```\n\n## Second {#second}\n", id: "bad")
    try good.write(to: folder.appendingPathComponent("a.md"), atomically: true, encoding: .utf8)
    try bad.write(to: folder.appendingPathComponent("b.md"), atomically: true, encoding: .utf8)
    return try CheckRun.run(paths: [folder.path], lessonFolders: [])
  }

  @Test("TAP: a case per step, 'not ok' with the problem for the one that fails")
  func tap() throws {
    let lines = CheckReport.render(try run(), as: .tap).split(separator: "\n").map(String.init)
    #expect(lines[0] == "TAP version 13")
    #expect(lines[1] == "1..3")
    #expect(lines.filter { $0.hasPrefix("ok ") }.count == 2)
    let failed = try #require(lines.firstIndex { $0.hasPrefix("not ok 2 - ") })
    #expect(lines[failed].hasSuffix("b.md step first: First"))
    #expect(lines[failed + 1] == "  ---")
    #expect(lines.contains("        - 000000"))
  }

  @Test("JSON: the files, whether each passed, and each problem with its line and step")
  func json() throws {
    let text = CheckReport.render(try run(), as: .json)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(object["passed"] as? Bool == false)
    let files = try #require(object["files"] as? [[String: Any]])
    #expect(files.map { $0["passed"] as? Bool } == [true, false])
    let problem = try #require((files[1]["failures"] as? [[String: Any]])?.first)
    #expect(problem["line"] as? Int == 11)
    #expect(problem["step"] as? String == "first")
  }

  @Test("JUnit text is escaped: a hostile file name cannot break the XML or reach a terminal raw")
  func junitEscaping() {
    #expect(CheckReport.xml("a<b>&\"c'\u{1B}]0;x") == "a&lt;b&gt;&amp;&quot;c&apos;^[]0;x")
  }
}
