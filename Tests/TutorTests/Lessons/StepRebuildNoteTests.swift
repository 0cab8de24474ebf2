import Foundation
import Testing
@testable import Tutor

@Suite("Entering a step: what the rebuild changed")
struct StepRebuildNoteTests {
  static let lesson = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Lessons/10-codes-by-sms-and-email.md")

  @Test("a step whose own demo advances the clock says nothing was rebuilt when the learner did what the solution does")
  func demoMovesClock() throws {
    let shell = Harness()
    let text = try String(contentsOf: Self.lesson, encoding: .utf8)
    shell.session.catalog = LessonCatalog(lessons: [try LessonParser.parse(text, file: "10-codes-by-sms-and-email.md")])
    shell.run("lesson codes-by-sms-and-email")
    shell.run("next")
    #expect(shell.text("sms verify 033311").contains("accepted"))
    let next = shell.text("next")
    #expect(next.contains("step 3 of 9"))
    #expect(!next.contains("the session was rebuilt"), "\(next)")
  }

  @Test("a learner who did something else is told what the rebuild changed")
  func learnerDiffered() throws {
    let shell = Harness()
    let text = try String(contentsOf: Self.lesson, encoding: .utf8)
    shell.session.catalog = LessonCatalog(lessons: [try LessonParser.parse(text, file: "10-codes-by-sms-and-email.md")])
    shell.run("lesson codes-by-sms-and-email")
    shell.run("advance 1h")
    #expect(shell.text("next").contains("the session was rebuilt for this step: the clock is back at 2026-01-01T08:00:20Z"))
  }
}
