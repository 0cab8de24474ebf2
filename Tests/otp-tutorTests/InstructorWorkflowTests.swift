import Foundation
import Testing
import _OTPTestSupport

/// An instructor's day, through the real binary: write a lesson with `new`, edit it, preview
/// it at a colour terminal, check it for CI as JUnit, follow a class's progress.
@Suite("The instructor's workflow", .serialized)
struct InstructorWorkflowTests {
  let folder: URL

  init() throws {
    folder = try Repository.temporaryDirectory("otp-tutor-instructor")
  }

  var lessonFile: URL { folder.appendingPathComponent("lessons/phishing-basics.md") }

  /// A colour terminal's environment, with progress kept under `state`.
  func terminal(_ state: String) -> [String: String] {
    let home = folder.appendingPathComponent(state).path
    return ["XDG_STATE_HOME": home, "HOME": home, "TERM": "xterm-256color", "LC_ALL": "C.UTF-8", "NO_COLOR": ""]
  }

  /// Writes the lesson with `new`, then edits it as an author would: a multiple-choice step.
  func writeLesson() async throws {
    try FileManager.default.createDirectory(at: lessonFile.deletingLastPathComponent(), withIntermediateDirectories: true)
    let made = try await Binary.run(["new", "lesson", "phishing-basics", "--title", "Phishing basics", "-o", lessonFile.path])
    #expect(made.status == 0, "\(made.standardError)")
    #expect(made.standardOutput.hasPrefix("wrote \(lessonFile.path): a lesson with two steps that checks clean"))
    var text = try String(contentsOf: lessonFile, encoding: .utf8)
    let step = """
      ## What a code stops {#stops}

      ```exercise
      ask: Which of these does a one-time code stop on its own?
      choice: [x] a password stolen in another site's leak
      choice: [ ] a look-alike site that relays the code at once
      hint: A relay uses the code while it is still valid.
      wrong: 2 => the relay passes the code on inside its 30 seconds
      solution: answer 1
      ```

      ```summary
      """
    text = text.replacingOccurrences(of: "```summary", with: step)
    try text.write(to: lessonFile, atomically: true, encoding: .utf8)
    let checked = try await Binary.run(["check", lessonFile.path])
    #expect(checked.status == 0, "\(checked.standardOutput)")
    #expect(checked.lines.first == "ok      \(lessonFile.path)  (3 steps)")
  }

  /// The app's code, as `totp` printed it on the screen.
  func code(on screen: [String]) throws -> String {
    let line = try #require(screen.last { $0.range(of: #"^\d{6}  \("#, options: .regularExpression) != nil })
    return String(line.prefix(6))
  }

  @Test("new, edit, preview at a colour terminal (from a step, keeping no progress), check, JUnit that a JUnit parser reads")
  func writePreviewCheck() async throws {
    try await writeLesson()
    let state = folder.appendingPathComponent("author")
    try await Tmux.session(
      "\(Binary.url.path) lesson \(lessonFile.path) --step login", environment: terminal("author")
    ) { tmux in
      try await tmux.waitFor("step 2 of 3: Log in with the app's code")
      try await tmux.waitForLastRow("otp>")
      #expect(try await tmux.screenWithEscapes().contains("\u{1B}["), "a colour terminal gets colour")
      try await tmux.enter("totp")
      let screen = try await tmux.waitForLastRow("otp>")
      try await tmux.enter("verify \(try code(on: screen))")
      let done = try await tmux.waitFor("Text after the exercise is shown")
      #expect(done.contains { $0.contains("✓ Well done.") })
      try await tmux.enter("next")
      try await tmux.waitFor("2. a look-alike site that relays the code at once")
      try await tmux.enter("answer 2")
      try await tmux.waitFor("not quite: the relay passes the code on inside its 30 seconds")
      try await tmux.enter("answer 1")
      try await tmux.waitFor("Type 'next' to finish the lesson.")
      try await tmux.enter("quit")
    }
    #expect(!FileManager.default.fileExists(atPath: state.appendingPathComponent("otp-tutor/progress.json").path), "a preview keeps no progress")

    // A copy with a demo gone stale, checked with the good one for CI.
    let stale = folder.appendingPathComponent("lessons/stale.md")
    let text = try String(contentsOf: lessonFile, encoding: .utf8)
      .replacingOccurrences(of: "id: phishing-basics", with: "id: stale")
      .replacingOccurrences(of: "(20 s left", with: "(19 s left")
    try text.write(to: stale, atomically: true, encoding: .utf8)
    let junit = try await Binary.run(["check", "--format", "junit", lessonFile.path, stale.path])
    #expect(junit.status == 1)
    let report = folder.appendingPathComponent("junit.xml")
    try junit.standardOutput.write(to: report, atomically: true, encoding: .utf8)
    let shape = try await Peer.python(
      """
      import sys, xml.etree.ElementTree as ET
      root = ET.parse(sys.argv[1] if len(sys.argv) > 1 else "\(report.path)").getroot()
      assert root.tag == "testsuites", root.tag
      suites = root.findall("testsuite")
      cases = root.findall("testsuite/testcase")
      assert int(root.get("tests")) == len(cases) == sum(int(s.get("tests")) for s in suites)
      assert int(root.get("failures")) == sum(1 for c in cases if c.find("failure") is not None)
      for c in cases:
          assert c.get("classname") and c.get("name"), c.attrib
      for s in suites:
          print(s.get("name"), s.get("tests"), s.get("failures"))
      for c in cases:
          f = c.find("failure")
          if f is not None:
              print("FAIL", c.get("name"), f.get("message"))
      """)
    #expect(
      shape.split(separator: "\n").map(String.init) == [
        "\(lessonFile.path) 3 0", "\(stale.path) 3 1",
        "FAIL step login: Log in with the app's code the output of 'otp> totp' in step 'login' differs",
      ])
  }

  @Test("a class: two learners' progress exported (nothing secret) and added up as a table and CSV")
  func classProgress() async throws {
    try await writeLesson()
    let lessons = lessonFile.deletingLastPathComponent().path
    // Alice solves the login step after a hint; Bob skips it.
    for (learner, moves) in [("alice", ["hint", "totp", "verify"]), ("bob", ["skip"])] {
      try await Tmux.session("\(Binary.url.path) --lessons \(lessons)", environment: terminal(learner)) { tmux in
        try await tmux.waitForLastRow("otp>")
        try await tmux.enter("lesson phishing-basics")
        try await tmux.waitForLastRow("otp>")
        try await tmux.enter("next")
        try await tmux.waitFor("step 2 of 3")
        for move in moves {
          if move == "verify" {
            try await tmux.enter("verify \(try code(on: try await tmux.screen()))")
            try await tmux.waitFor("Well done")
          } else {
            try await tmux.enter(move)
            try await tmux.waitForLastRow("otp>")
          }
        }
        try await tmux.enter("quit")
        for _ in 0..<100 where !(try await tmux.hasExited()) { try await Task.sleep(for: .milliseconds(50)) }
      }
    }
    var exports: [String] = []
    for learner in ["alice", "bob"] {
      let file = folder.appendingPathComponent("\(learner).json").path
      let exported = try await Binary.run(
        ["progress", "export", "--name", learner, "--lessons", lessons, "-o", file], environment: terminal(learner))
      #expect(exported.status == 0, "\(exported.standardError)")
      let json = try String(contentsOfFile: file, encoding: .utf8)
      #expect(json.contains("\"lesson\" : \"phishing-basics\""))
      // The lesson's seeded secret (what 'secret new' printed in its demo) is nowhere in it.
      let secret = try #require(
        try String(contentsOf: lessonFile, encoding: .utf8).split(separator: "\n").first { $0.hasPrefix("secret: ") && $0.contains("bits") })
      #expect(!json.contains(String(secret.dropFirst(8).prefix(32))))
      exports.append(file)
    }
    let table = try await Binary.run(["progress", "report"] + exports)
    #expect(table.status == 0)
    #expect(table.lines[0].hasPrefix("learner  lesson           steps  solved  skipped  hints  time"))
    #expect(table.lines[1].hasPrefix("alice    phishing-basics  1/3    1/2     0        1"))
    #expect(table.lines[2].hasPrefix("bob      phishing-basics  1/3    0/2     1        0"))
    #expect(table.lines.last == "phishing-basics: 2 learners, 0 finished, 1 hint, " + table.lines.last!.split(separator: ",").last!.dropFirst())
    let csv = try await Binary.run(["progress", "report", "--csv"] + exports)
    let parsed = try await Peer.python(
      "import csv, sys\nrows = list(csv.DictReader(sys.stdin))\nprint(len(rows), [(r['learner'], r['skipped'], r['hints']) for r in rows])",
      input: csv.standardOutput)
    #expect(parsed == "2 [('alice', '0', '1'), ('bob', '1', '0')]\n")
    let broken = try await Binary.run(["progress", "report", lessonFile.path])
    #expect(broken.status == 1)
    #expect(broken.standardError == "Error: \(lessonFile.path) is not a progress export; make one with 'otp-tutor progress export > FILE'\n")
  }

  @Test("check --watch checks again when the file is saved")
  func watch() async throws {
    try await writeLesson()
    try await Tmux.session("\(Binary.url.path) check --watch \(lessonFile.path)", environment: terminal("watch")) { tmux in
      try await tmux.waitFor("watching \(lessonFile.path)")
      let text = try String(contentsOf: lessonFile, encoding: .utf8).replacingOccurrences(of: "(20 s left", with: "(21 s left")
      try text.write(to: lessonFile, atomically: true, encoding: .utf8)
      let screen = try await tmux.waitFor("FAILED  \(lessonFile.path)")
      #expect(screen.contains("── changed; checking again"))
    }
  }

  @Test("play FILE.md plays a lesson's demos and solutions as a class demo; check fails on a folder with nothing in it")
  func playAndNothing() async throws {
    try await writeLesson()
    let played = try await Binary.run(["play", "--pace", "0", lessonFile.path])
    #expect(played.status == 0, "\(played.standardError)")
    #expect(played.lines.first == "# step 1 of 3: A shared secret")
    #expect(played.lines.contains("# step 2 of 3: Log in with the app's code"))
    #expect(played.lines.contains { $0.hasPrefix("otp> verify ") && !$0.contains("{{") })
    #expect(played.lines.contains { $0.hasPrefix("accepted") })
    let empty = folder.appendingPathComponent("empty")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    let nothing = try await Binary.run(["check", empty.path])
    #expect(nothing.status == 1)
    #expect(nothing.standardError.hasPrefix("Error: there is nothing to check in '\(empty.path)'"))
    #expect(!nothing.standardError.contains("Usage:"))
  }
}

@Suite("Where progress goes")
struct ProgressPlaceTests {
  @Test("with neither HOME nor XDG_STATE_HOME, the shell says once that progress and history are not kept")
  func noHome() async throws {
    try await Tmux.session(
      "env -u HOME -u XDG_STATE_HOME \(Binary.url.path)", environment: ["TERM": "xterm-256color", "LC_ALL": "C.UTF-8"]
    ) { tmux in
      let screen = try await tmux.waitForLastRow("otp>")
      let notes = screen.filter { $0.contains("progress and history are not kept") }
      #expect(notes.count == 1, "\(screen)")
      try await tmux.enter("quit")
    }
  }
}
