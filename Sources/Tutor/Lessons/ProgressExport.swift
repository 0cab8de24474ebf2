#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A learner's progress as they hand it in: `otp-tutor progress export` writes it, and
/// `otp-tutor progress report` adds up a class's. It holds what was done and how (steps,
/// exercises solved and skipped, hints, time), never a secret: progress holds none.
public struct ProgressExport: Codable, Equatable, Sendable {
  /// The format's name and version, so a report knows what it reads.
  public static let formatName = "otp-tutor-progress-1"

  public struct LessonEntry: Codable, Equatable, Sendable {
    /// The lesson's key: `namespace/id`, or its id.
    public var lesson: String
    public var title: String?
    /// The pack's name, if the lesson is in the catalog.
    public var pack: String?
    public var steps: Int?
    public var stepsDone: Int
    public var exercises: Int?
    public var solved: Int
    public var skipped: Int
    public var hints: Int
    public var seconds: Int
    public var finished: Bool
  }

  public var format = Self.formatName
  public var learner: String
  public var lessons: [LessonEntry]

  /// The export of a learner's progress, described from the catalog where it knows the lesson.
  public init(learner: String, progress: Progress, catalog: LessonCatalog) {
    self.learner = learner
    var entries: [LessonEntry] = []
    let known = catalog.lessons
    let order = known.map(\.key)
    let keys = progress.lessons.keys.sorted { (order.firstIndex(of: $0) ?? .max, $0) < (order.firstIndex(of: $1) ?? .max, $1) }
    for key in keys {
      guard let state = progress.lessons[key] else { continue }
      let lesson = known.first { $0.key == key }
      let position = lesson?.index(of: state.step) ?? 0
      entries.append(
        LessonEntry(
          lesson: key, title: lesson?.title,
          pack: lesson.flatMap { lesson in catalog.packs.first { $0.lessons.contains { $0.key == lesson.key } }?.pack.name },
          steps: lesson?.steps.count,
          stepsDone: state.finished ? (lesson?.steps.count ?? position + 1) : position,
          exercises: lesson?.steps.filter { $0.exercise != nil }.count,
          solved: state.solved, skipped: state.skipped.count, hints: state.hints, seconds: state.seconds,
          finished: state.finished))
    }
    lessons = entries
  }

  /// The export as JSON, keys sorted so the same progress writes the same bytes.
  public var json: [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return ((try? encoder.encode(self)).map(Array.init) ?? []) + [10]
  }

  /// Reads an export.
  public static func read(_ bytes: [UInt8], file: String) throws(TutorError) -> ProgressExport {
    let export: ProgressExport
    do { export = try JSONDecoder().decode(ProgressExport.self, from: Data(bytes)) } catch {
      throw TutorError("\(file) is not a progress export", remedy: "make one with 'otp-tutor progress export > FILE'")
    }
    guard export.format == formatName else {
      throw TutorError("\(file) is a progress export of another format (\(export.format))", remedy: "export it again with this otp-tutor")
    }
    return export
  }
}

/// A class's exports added up: a row per learner and lesson, and a line per lesson.
public enum ProgressReport {
  /// The report as a table for a terminal, or as CSV.
  public static func render(_ exports: [ProgressExport], csv: Bool) -> String {
    let header = ["learner", "lesson", "steps", "solved", "skipped", "hints", "time", "finished"]
    var rows: [[String]] = []
    for export in exports.sorted(by: { $0.learner < $1.learner }) {
      for entry in export.lessons {
        rows.append([
          export.learner, entry.lesson,
          entry.steps.map { "\(entry.stepsDone)/\($0)" } ?? "\(entry.stepsDone)",
          entry.exercises.map { "\(entry.solved)/\($0)" } ?? "\(entry.solved)",
          "\(entry.skipped)", "\(entry.hints)", csv ? "\(entry.seconds)" : duration(entry.seconds), entry.finished ? "yes" : "no",
        ])
      }
    }
    if csv {
      let csvHeader = header.map { $0 == "time" ? "seconds" : $0 }
      return ([csvHeader] + rows).map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }
    var lines = table([header] + rows.map { $0.map(Escaping.visible) })
    // A line per lesson: how the class did.
    var lessons: [String] = []
    for export in exports { for entry in export.lessons where !lessons.contains(entry.lesson) { lessons.append(entry.lesson) } }
    if !lessons.isEmpty { lines.append("") }
    for lesson in lessons {
      let entries = exports.flatMap { $0.lessons.filter { $0.lesson == lesson } }
      let finished = entries.filter(\.finished).count
      let hints = entries.reduce(0) { $0 + $1.hints }
      let time = entries.isEmpty ? 0 : entries.reduce(0) { $0 + $1.seconds } / entries.count
      lines.append(
        Escaping.visible(lesson)
          + ": \(entries.count) learner\(entries.count == 1 ? "" : "s"), \(finished) finished, \(hints) hint\(hints == 1 ? "" : "s"), \(duration(time)) on average")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func table(_ rows: [[String]]) -> [String] {
    guard let first = rows.first else { return [] }
    let widths = first.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
    return rows.map { row in
      zip(row, widths).map { $0.0 + String(repeating: " ", count: max(0, $0.1 - $0.0.count)) }.joined(separator: "  ")
        .trimmingSpaces()
    }
  }

  /// `1h 05m`, `12m 30s`, `45s`.
  static func duration(_ seconds: Int) -> String {
    if seconds >= 3600 { return "\(seconds / 3600)h \(Format.printf("%02d", seconds % 3600 / 60))m" }
    if seconds >= 60 { return "\(seconds / 60)m \(Format.printf("%02d", seconds % 60))s" }
    return "\(seconds)s"
  }

  /// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. A field
  /// a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a `'` before it.
  static func csvField(_ text: String) -> String {
    var field = text
    if let first = field.first, "=+-@".contains(first) { field = "'" + field }
    guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
    return "\"" + field.replacing("\"", with: "\"\"") + "\""
  }
}
