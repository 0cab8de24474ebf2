import Foundation
import OTP
import Testing
@testable import Tutor

/// Two shells, one progress file: each keeps what the other did. And a lesson's seeded
/// generator does not outlive the lesson.
@Suite("Progress and lessons across sessions")
struct ProgressMergeTests {
  static func lesson(_ id: String) -> String {
    """
    ---
    id: \(id)
    title: Lesson \(id)
    format: 1
    seed: 3
    ---

    ## First {#first}

    ```exercise
    ask: Make a secret.
    expect: ran secret new
    hint: secret new
    solution: secret new
    ```

    ## Last {#last}

    The end.
    """
  }

  func session(_ store: String) throws -> Session {
    let session = Session(configuration: .init(), output: OutputBuffer())
    session.catalog = LessonCatalog(lessons: [
      try LessonParser.parse(Self.lesson("alpha"), file: "alpha.md"),
      try LessonParser.parse(Self.lesson("beta"), file: "beta.md"),
    ])
    session.progressStore = ProgressStore(path: store)
    session.loadProgress()
    return session
  }

  @Test("two sessions started together, in different lessons, both keep their progress")
  func concurrentSessions() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("progress-\(UUID().uuidString)")
    let path = folder.appendingPathComponent("progress.json").path
    let first = try session(path)
    let second = try session(path)  // loaded before the first saved anything
    first.execute("lesson alpha")
    first.execute("secret new")
    second.execute("lesson beta")
    second.execute("next")
    let saved = ProgressStore(path: path).load(now: 0).progress
    #expect(saved.lessons["alpha"]?.completed == ["first"], "the second session's save kept the first's")
    #expect(saved.lessons["beta"]?.step == "first")
    first.execute("next")
    let again = ProgressStore(path: path).load(now: 0).progress
    #expect(again.lessons["alpha"]?.step == "last")
    #expect(again.lessons["beta"] != nil, "the first session's later save kept the second's")
  }

  @Test("after a lesson, new secrets are random again: two runs differ")
  func generatorRestored() throws {
    func secretAfterLesson() throws -> String? {
      let session = Session(configuration: .init(), output: OutputBuffer())
      session.catalog = LessonCatalog(lessons: [try LessonParser.parse(Self.lesson("alpha"), file: "alpha.md")])
      session.execute("lesson alpha")
      session.execute("secret new")
      session.execute("next")
      session.execute("next")  // finishes the lesson
      session.execute("secret new")
      return session.currentURI?.secret.base32
    }
    let one = try #require(try secretAfterLesson())
    let two = try #require(try secretAfterLesson())
    #expect(one != two)
  }

  @Test("inside a lesson, seeded scratch codes say they are for demos only")
  func seededScratchCodes() throws {
    let output = OutputBuffer()
    let session = Session(configuration: .init(), output: output)
    session.catalog = LessonCatalog(lessons: [try LessonParser.parse(Self.lesson("alpha"), file: "alpha.md")])
    session.execute("lesson alpha")
    session.execute("secret new")
    _ = output.take()
    session.execute("server scratch 2")
    #expect(output.take().contains("seeded scratch codes (seed 3): for demos only"))
  }
}
