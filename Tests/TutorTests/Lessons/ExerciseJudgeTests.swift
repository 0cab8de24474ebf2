import Foundation
import OTP
import Testing
@testable import Tutor

/// Exercises are judged on what a command did, never on the text a terminal was sent: the
/// same at a colour terminal as in a pipe, and only the outcome an exercise asks for counts.
@Suite("Exercises judged on events")
struct ExerciseJudgeTests {
  /// A lesson whose steps want: a specific refusal, an acceptance, and a command by name.
  static let text = """
    ---
    id: judged
    title: Judged
    format: 1
    clock: 59
    seed: 1
    secret: text:12345678901234567890
    skip: no
    ---

    ## Let it expire {#expire}

    ```exercise
    ask: Let the code expire, then log in with it.
    expect: rejected expired
    hint: Note the code, advance 30s, verify it.
    hint: verify 287082 after advance 30s.
    solution: advance 30s
    solution: verify 287082
    ```

    ## Log in {#accept}

    ```exercise
    ask: Make the server accept a code.
    expect: accepted
    hint: totp shows it.
    solution: verify 359152
    ```

    ## By name {#named}

    ```exercise
    ask: Show the code.
    expect: ran totp
    hint: code or totp.
    solution: totp
    ```
    """

  /// A session at a colour terminal (the path `make run` takes) or a plain script.
  func session(colour: Bool) throws -> (Session, OutputBuffer) {
    let output = OutputBuffer()
    let session = Session(
      configuration: .init(
        start: UnixTime(seconds: 59), style: Style(usesColor: colour), isInteractive: colour), output: output)
    session.catalog = LessonCatalog(lessons: [try LessonParser.parse(Self.text, file: "judged.md")])
    return (session, output)
  }

  func done(_ session: Session) -> Bool { session.run?.exerciseDone ?? false }

  @Test("a wrong code does not complete 'rejected expired'; the expired code does", arguments: [false, true])
  func specificRefusal(colour: Bool) throws {
    let (session, _) = try session(colour: colour)
    session.execute("lesson judged")
    session.execute("verify 000000")
    #expect(session.server.log.last?.verdict.refusal == .wrongCode)
    #expect(!done(session), "a wrong code is not an expired one")
    session.execute("verify 287082")
    #expect(session.server.log.last?.verdict.isAccepted == true)
    #expect(!done(session), "an accepted code is not a refusal")
    session.execute("advance 30s")
    session.execute("verify 287082")
    #expect(session.server.log.last?.verdict.refusal == .expired)
    #expect(done(session))
  }

  @Test("a refused code does not complete 'accepted', and shows the next hint", arguments: [false, true])
  func acceptance(colour: Bool) throws {
    let (session, output) = try session(colour: colour)
    session.execute("lesson judged")
    session.execute("goto accept")
    _ = output.take()
    session.execute("verify 000000")
    #expect(!done(session))
    #expect(output.take().contains("hint 1 of 1:"))
    session.execute("clock")
    #expect(!done(session))
    // The clock is at 89 s (step 2) after the first step's solution.
    session.execute("verify 359152")
    #expect(done(session))
  }

  @Test("'ran totp' is met by its alias 'code', not by another command", arguments: [false, true])
  func alias(colour: Bool) throws {
    let (session, _) = try session(colour: colour)
    session.execute("lesson judged")
    session.execute("goto named")
    session.execute("clock")
    session.execute("hotp 1")
    #expect(!done(session))
    session.execute("code")
    #expect(done(session))
  }

  @Test("a demo's or a replayed step's commands never complete the current exercise")
  func replayDoesNotCount() throws {
    let (session, _) = try session(colour: false)
    session.execute("lesson judged")
    // Entering 'accept' replays 'expire''s solution (an expired code) silently: not this step's.
    session.execute("goto accept")
    #expect(!done(session))
  }

  @Test("the checker judges solutions the same way: a solution with the wrong refusal fails")
  func checkerUsesEvents() throws {
    let good = try LessonParser.parse(Self.text, file: "judged.md")
    #expect(LessonChecker.check(good).isEmpty)
    let wrong = try LessonParser.parse(
      Self.text.replacingOccurrences(of: "solution: verify 287082", with: "solution: verify 000000"), file: "judged.md")
    #expect(LessonChecker.check(wrong).contains { $0.message.contains("does not satisfy 'expect: rejected expired'") })
  }

  @Test("an unknown refusal kind or command is a lesson error with file:line")
  func unknownKinds() throws {
    #expect(throws: LessonError.self) {
      try LessonParser.parse(Self.text.replacingOccurrences(of: "rejected expired", with: "rejected expird"), file: "x.md")
    }
    do {
      _ = try LessonParser.parse(Self.text.replacingOccurrences(of: "ran totp", with: "ran totpp"), file: "x.md")
      Issue.record("ran totpp was accepted")
    } catch {
      #expect(error.description.contains("x.md:"))
      #expect(error.description.contains("did you mean 'ran totp'?"))
    }
  }
}
