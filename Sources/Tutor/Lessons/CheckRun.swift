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

/// What `otp-tutor check` does: finds the lessons and transcripts under the paths it is given,
/// replays each, and reports per file (and per step) for a person or for CI.
public struct CheckRun: Sendable {
  /// What checking one file found.
  public struct FileResult: Sendable {
    public enum Kind: String, Sendable, Codable {
      case lesson
      case transcript
      /// A pack's manifest.
      case pack
    }

    public let file: String
    public let kind: Kind
    /// The lesson's steps (id and title); a transcript has none.
    public let steps: [(id: String, title: String)]
    public let failures: [LessonChecker.Failure]
    public let rewrites: [LessonChecker.Rewrite]

    public var passed: Bool { failures.isEmpty }
  }

  public let results: [FileResult]
  /// Files passed over, with why (notes in a lesson folder).
  public let skipped: [String]

  public var passed: Bool { results.allSatisfy(\.passed) }

  /// Checks (or with `update`, checks and rewrites) everything under the paths.
  ///
  /// - Parameters:
  ///   - paths: Lesson files (`.md`), transcripts (`.transcript`, or any file with `otp> `
  ///     lines), or folders of them, searched with their sub-folders.
  ///   - lessonFolders: The lessons a transcript's `lesson <id>` may start.
  /// - Throws: ``TutorError`` when a path does not exist or nothing is found to check.
  public static func run(paths: [String], lessonFolders: [String], update: Bool = false) throws(TutorError) -> CheckRun {
    var files: [(path: String, namespace: String?)] = []
    var skipped: [String] = []
    for path in paths {
      guard FileManager.default.fileExists(atPath: path) else {
        throw TutorError("there is no file or folder '\(path)'", remedy: "give a lesson (.md), a transcript, or a folder of them")
      }
      if Path.isDirectory(path) {
        let before = files.count
        collect(folder: path, into: &files, skipped: &skipped)
        if files.count == before {
          throw TutorError(
            "there is nothing to check in '\(path)'",
            remedy: "a lesson is a .md file starting with a --- header, a transcript a .transcript file; 'otp-tutor new lesson <id>' writes one")
        }
      } else {
        files.append((path, LessonCatalog.namespace(of: path)))
      }
    }
    var catalog: LessonCatalog?
    var results: [FileResult] = []
    var keys: [String: String] = [:]
    for (file, namespace) in files {
      let isLesson = file.hasSuffix(".md")
      if file.hasSuffix(LessonPack.manifestName) {
        let problems = LessonCatalog.read(Path.folder(of: file)).2.filter { $0.file == file }
        results.append(
          FileResult(
            file: file, kind: .pack, steps: [],
            failures: problems.map { .init(file: $0.file, line: $0.line, step: nil, message: "\($0.problem); \($0.remedy)") },
            rewrites: []))
        continue
      }
      var lesson: Lesson
      do {
        lesson = isLesson ? try LessonCatalog.load(file) : try Transcript.load(file).lesson
      } catch {
        results.append(
          FileResult(
            file: file, kind: isLesson ? .lesson : .transcript, steps: [],
            failures: [.init(file: error.file, line: error.line, step: nil, message: "\(error.problem); \(error.remedy)")],
            rewrites: []))
        continue
      }
      lesson.namespace = namespace
      var failures: [LessonChecker.Failure] = []
      if isLesson {
        if let other = keys[lesson.key] {
          failures.append(
            .init(
              file: file, line: 1, step: nil,
              message:
                "the lesson id '\(lesson.key)' is also the id of \(other); give each lesson its own id, or put them in packs with different namespaces (\(LessonPack.manifestName))"
            ))
        } else {
          keys[lesson.key] = file
        }
      }
      if lesson.isTranscript, catalog == nil { catalog = LessonCatalog(folders: lessonFolders) }
      let lessons = lesson.isTranscript ? catalog : nil
      let result = update ? LessonChecker.update(lesson, catalog: lessons) : .init(failures: LessonChecker.check(lesson, catalog: lessons), rewrites: [])
      results.append(
        FileResult(
          file: file, kind: isLesson ? .lesson : .transcript,
          steps: isLesson ? lesson.steps.map { ($0.id, $0.title) } : [],
          failures: failures + result.failures, rewrites: result.rewrites))
    }
    return CheckRun(results: results, skipped: skipped)
  }

  /// The files to check in a folder and its sub-folders: a pack's lessons (in its manifest's
  /// order), other lessons by name, and transcripts. Hidden folders and build folders are
  /// passed over.
  static func collect(folder: String, into files: inout [(path: String, namespace: String?)], skipped: inout [String]) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    let (pack, lessons, problems, notes) = LessonCatalog.read(folder)
    skipped += notes
    // A manifest that does not read is checked as a file of its own, so its error is reported.
    files += problems.filter { $0.file.hasSuffix(LessonPack.manifestName) }.map { ($0.file, nil) }
    // A lesson that does not parse is still checked, so that its error is reported.
    let lessonFiles = Set(lessons.map(\.file) + problems.map(\.file).filter { $0.hasSuffix(".md") })
    for name in names.sorted() {
      let path = Path.join(folder, name)
      if Path.isDirectory(path) {
        if !name.hasPrefix(".") { collect(folder: path, into: &files, skipped: &skipped) }
      } else if name.hasSuffix(".transcript") {
        files.append((path, nil))
      } else if lessonFiles.contains(path) {
        files.append((path, pack?.namespace))
      }
    }
    // A pack's order, not the names', when it gives one.
    if let order = pack?.order {
      let ordered = order.map { Path.join(folder, $0) }
      let mine = files.filter { ordered.contains($0.path) }
      files.removeAll { ordered.contains($0.path) }
      files += ordered.compactMap { path in mine.first { $0.path == path } }
    }
  }
}

extension LessonCatalog {
  /// The namespace of the pack a lesson file is in (its folder's manifest), if any.
  static func namespace(of file: String) -> String? {
    let manifest = Path.join(Path.folder(of: file), LessonPack.manifestName)
    guard let bytes = try? FileStore.read(manifest, what: "pack manifest") else { return nil }
    return (try? LessonPack(manifest: String(decoding: bytes, as: UTF8.self), file: manifest))?.namespace
  }
}
