#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A ``CheckRun`` written out: for a person, or for CI as TAP, JUnit XML or JSON.
public enum CheckReport {
  public enum Format: String, CaseIterable, Sendable {
    case text
    case tap
    case junit
    case json
  }

  /// The report in a format. Every text from a lesson passes through ``Escaping/visible(_:)``
  /// first, so a file name or an output line cannot command a terminal or break the XML.
  public static func render(_ run: CheckRun, as format: Format) -> String {
    switch format {
    case .text: text(run)
    case .tap: tap(run)
    case .junit: junit(run)
    case .json: json(run)
    }
  }

  static func text(_ run: CheckRun) -> String {
    var lines = run.skipped.map { "note: skipped \(Escaping.visible($0))" }
    for result in run.results {
      lines += result.rewrites.map { "updated " + Escaping.visible($0.description) }
      for failure in result.failures {
        lines += failure.description.split(separator: "\n", omittingEmptySubsequences: false).map { Escaping.visible(String($0)) }
      }
      let size =
        switch result.kind {
        case .lesson: "\(result.steps.count) steps"
        case .transcript: "transcript"
        case .pack: "pack manifest"
        }
      let updated = result.rewrites.isEmpty ? "" : ", \(result.rewrites.count) block\(result.rewrites.count == 1 ? "" : "s") updated: review the diff"
      lines.append(
        result.passed
          ? "ok      \(Escaping.visible(result.file))  (\(size))\(updated)"
          : "FAILED  \(Escaping.visible(result.file))\(updated)")
    }
    let failed = run.results.filter { !$0.passed }.count
    let count = run.results.count
    lines.append("checked \(count) file\(count == 1 ? "" : "s"): " + (failed == 0 ? "all good" : "\(failed) with problems"))
    return lines.joined(separator: "\n") + "\n"
  }

  /// A test case: a lesson's step, the file as a whole, or a transcript.
  struct Case {
    let file: String
    let name: String
    let failures: [LessonChecker.Failure]
  }

  /// One case per step of a lesson (and one for the file when something is wrong with it as a
  /// whole), one per transcript or manifest.
  static func cases(_ result: CheckRun.FileResult) -> [Case] {
    guard result.kind == .lesson, !result.steps.isEmpty else {
      return [Case(file: result.file, name: result.kind.rawValue, failures: result.failures)]
    }
    let whole = result.failures.filter { $0.step == nil }
    var cases = whole.isEmpty ? [] : [Case(file: result.file, name: "file", failures: whole)]
    cases += result.steps.map { step in
      Case(file: result.file, name: "step \(step.id): \(step.title)", failures: result.failures.filter { $0.step == step.id })
    }
    return cases
  }

  static func tap(_ run: CheckRun) -> String {
    let all = run.results.flatMap(cases)
    var lines = ["TAP version 13", "1..\(all.count)"]
    for (number, test) in all.enumerated() {
      let name = Escaping.visible("\(test.file) \(test.name)").replacing("#", with: "\\#")
      lines.append("\(test.failures.isEmpty ? "ok" : "not ok") \(number + 1) - \(name)")
      if !test.failures.isEmpty {
        lines.append("  ---")
        lines.append("  message: |")
        for failure in test.failures {
          lines += failure.description.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + Escaping.visible(String($0)) }
        }
        lines.append("  ...")
      }
    }
    lines += run.skipped.map { "# skipped " + Escaping.visible($0) }
    return lines.joined(separator: "\n") + "\n"
  }

  /// JUnit XML as CI servers read it: `<testsuites>`, a `<testsuite>` per file, a `<testcase>`
  /// per step with a `<failure>` for each problem.
  static func junit(_ run: CheckRun) -> String {
    var lines = [#"<?xml version="1.0" encoding="UTF-8"?>"#]
    let all = run.results.map { ($0, cases($0)) }
    let tests = all.reduce(0) { $0 + $1.1.count }
    let failures = all.reduce(0) { $0 + $1.1.filter { !$0.failures.isEmpty }.count }
    lines.append(#"<testsuites name="otp-tutor check" tests="\#(tests)" failures="\#(failures)" errors="0">"#)
    for (result, cases) in all {
      let failed = cases.filter { !$0.failures.isEmpty }.count
      lines.append(
        #"  <testsuite name="\#(xml(result.file))" tests="\#(cases.count)" failures="\#(failed)" errors="0" skipped="0">"#)
      for test in cases {
        let open = #"    <testcase classname="\#(xml(classname(result.file)))" name="\#(xml(test.name))" file="\#(xml(result.file))""#
        guard !test.failures.isEmpty else {
          lines.append(open + "/>")
          continue
        }
        lines.append(open + ">")
        for failure in test.failures {
          lines.append(
            #"      <failure message="\#(xml(failure.message))" type="\#(failure.isOutputDifference ? "output" : "lesson")">\#(xml(failure.description))</failure>"#)
        }
        lines.append("    </testcase>")
      }
      lines.append("  </testsuite>")
    }
    lines.append("</testsuites>")
    return lines.joined(separator: "\n") + "\n"
  }

  /// `Lessons/01-totp.md` as a JUnit class name: `Lessons.01-totp`.
  static func classname(_ file: String) -> String {
    var name = file
    for suffix in [".md", ".transcript"] where name.hasSuffix(suffix) { name.removeLast(suffix.count) }
    return name.split(separator: "/").filter { $0 != "." && $0 != ".." }.joined(separator: ".")
  }

  /// Text made safe for XML: controls made visible (XML 1.0 cannot hold most of them), then
  /// the five special characters escaped.
  static func xml(_ text: String) -> String {
    var escaped = ""
    for character in Escaping.visible(text) {
      switch character {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\"": escaped += "&quot;"
      case "'": escaped += "&apos;"
      default: escaped.append(character)
      }
    }
    return escaped
  }

  struct JSONReport: Encodable {
    struct File: Encodable {
      let file: String
      let kind: CheckRun.FileResult.Kind
      let passed: Bool
      let failures: [Problem]
      let rewritten: [Problem]
    }
    struct Problem: Encodable {
      let line: Int
      let step: String?
      let message: String
      let diff: [String]
    }
    let passed: Bool
    let files: [File]
    let skipped: [String]
  }

  static func json(_ run: CheckRun) -> String {
    let report = JSONReport(
      passed: run.passed,
      files: run.results.map { result in
        .init(
          file: result.file, kind: result.kind, passed: result.passed,
          failures: result.failures.map { .init(line: $0.line, step: $0.step, message: $0.message, diff: $0.diff) },
          rewritten: result.rewrites.map { .init(line: $0.line, step: nil, message: $0.description, diff: []) })
      },
      skipped: run.skipped)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
