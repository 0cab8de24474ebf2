import OTP
import Testing

@testable import Tutor

@Suite("Lesson format")
struct LessonParserTests {
  static let valid = """
    ---
    id: sample
    title: A sample
    format: 1
    clock: 59
    secret: text:12345678901234567890
    skip: no
    ---
    Introduction.

    ## First {#first}
    Some narration.

    ```demo
    otp> hotp 0
    755224
    otp> login
    > 012345
    Enter Code: 012345
    ...
    ```

    ## Second {#second}

    ```exercise
    ask: What is the code at counter 1?
    expect: answer 287082
    hint: Use hotp.
    solution: answer 287082
    ```
    """

  @Test("a lesson parses: header, steps, demos with answers, exercises; codes keep leading zeros")
  func parses() throws {
    let lesson = try LessonParser.parse(Self.valid, file: "sample.md")
    #expect(lesson.id == "sample")
    #expect(lesson.start == UnixTime(seconds: 59))
    #expect(lesson.allowsSkip == false)
    #expect(lesson.introduction == ["Introduction."])
    #expect(lesson.steps.map(\.id) == ["first", "second"])
    guard case .demo(let demo) = lesson.steps[0].blocks[1] else {
      Issue.record("no demo")
      return
    }
    #expect(demo.entries[0].expected == ["755224"])
    #expect(demo.entries[1].answers == ["012345"])
    #expect(demo.entries[1].expected == ["Enter Code: 012345", "..."])
    #expect(demo.entries[0].line == 15)
    let exercise = try #require(lesson.steps[1].exercise)
    #expect(exercise.hints == ["Use hotp."])
  }

  @Test(
    "errors name the file, the line and what to write instead",
    arguments: [
      ("id: x\n", "bad.md:1: a lesson starts with a header"),
      (
        "---\nid: x\ntitel: T\nformat: 1\n---\n## S {#s}\n",
        "bad.md:3: unknown header key 'titel'; did you mean 'title'?"
      ),
      (
        "---\nid: x\ntitle: T\nformat: 2\n---\n## S {#s}\n",
        "bad.md:4: format 2 is not one this otp-tutor reads; write format: 1"
      ),
      (
        "---\nid: x\ntitle: T\nformat: 1\n---\n## No id here\n",
        "bad.md:6: the step heading has no id; write it as ## No id here {#step-id}"
      ),
      ("---\nid: x\ntitle: T\nformat: 1\n---\n## A {#a}\n## B {#a}\n", "bad.md:7: two steps are called 'a'"),
      (
        "---\nid: x\ntitle: T\nformat: 1\n---\n## A {#a}\n```demo\notp> totp\n",
        "bad.md:7: this demo block is never closed"
      ),
      (
        "---\nid: x\ntitle: T\nformat: 1\n---\n## A {#a}\n```exercise\nask: Q\nexpect: accepted\n```\n",
        "bad.md:7: the exercise has no solution"
      ),
      (
        "---\nid: x\ntitle: T\nformat: 1\n---\n## A {#a}\n```exercise\nask: Q\nexpect: maybe\nsolution: x\n```\n",
        "bad.md:9: 'maybe' is not an expectation"
      ),
      ("---\nid: x\ntitle: T\nformat: 1\nclock: soon\n---\n## A {#a}\n", "bad.md:5: the clock is not a time"),
      ("---\nid: x\ntitle: T\nformat: 1\n---\n", "the lesson has no steps"),
      ("---\nid: X Y\ntitle: T\nformat: 1\n---\n## A {#a}\n", "bad.md:2: the id 'X Y' is not a short name"),
      (
        "---\nid: x\ntitle: T\nformat: 1\n---\n## A {#a}\n```demo\nhello\n```\n",
        "bad.md:8: a demo starts with a command"
      ),
    ])
  func errors(_ text: String, _ message: String) {
    do {
      _ = try LessonParser.parse(text, file: "bad.md")
      Issue.record("parsed without error")
    } catch {
      #expect(error.description.contains(message), "\(error)")
    }
  }

  @Test("the transcript matcher: exact lines, ... for any lines, /regex/ for one")
  func matcher() {
    #expect(TranscriptMatcher.matches(expected: ["a", "...", "d"], actual: ["a", "b", "c", "d"]))
    #expect(TranscriptMatcher.matches(expected: ["a", "...", "b"], actual: ["a", "b"]))
    #expect(TranscriptMatcher.matches(expected: [#"/^\d{6}  \(/"#], actual: ["123456  (20 s left)"]))
    #expect(!TranscriptMatcher.matches(expected: ["a"], actual: ["a", "b"]))
    #expect(!TranscriptMatcher.matches(expected: ["/^x/"], actual: ["y"]))
  }

  @Test("a lesson saved with CRLF line ends reads as the same lesson")
  func crlf() throws {
    let lesson = try LessonParser.parse(
      Self.valid.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n"), file: "sample.md")
    #expect(lesson.id == "sample")
    #expect(lesson.steps.map(\.id) == ["first", "second"])
    #expect(lesson.steps[0].demo?.entries[1].expected == ["Enter Code: 012345", "..."])
  }

  /// Long lessons and demos parse in linear time.
  ///
  /// Made big enough that checking each step id against every earlier step (1.25 × 10⁹
  /// string comparisons), or copying a command's answers at each new answer line (5 × 10⁹
  /// copies), would take minutes. Not timed: a return to quadratic work would run into the
  /// suite's time limit.
  @Test("a lesson of 50,000 steps and a demo of 100,000 answer lines parse in linear time")
  func scale() throws {
    let header = "---\nid: big\ntitle: Big\nformat: 1\n---\n"
    var text = header
    for step in 0..<50_000 { text += "## Step \(step) {#s\(step)}\n" }
    let lesson = try LessonParser.parse(text, file: "big.md")
    #expect(lesson.steps.count == 50_000)
    #expect(lesson.steps.last?.id == "s49999")

    // A repeated id is still found, at the line where it repeats.
    do {
      _ = try LessonParser.parse(text + "## Again {#s0}\n", file: "big.md")
      Issue.record("parsed a repeated step id")
    } catch {
      #expect(error.line == 50_006)
      #expect(error.problem == "two steps are called 's0'")
    }

    let answers = String(repeating: "> 123456\n", count: 100_000)
    let demo = try LessonParser.parse(
      header + "## Login {#login}\n```demo\notp> login\n" + answers + "ok\n```\n", file: "big.md")
    guard case .demo(let parsed) = demo.steps[0].blocks.first else {
      Issue.record("no demo")
      return
    }
    #expect(parsed.entries[0].answers.count == 100_000)
    #expect(parsed.entries[0].expected == ["ok"])
  }
}
