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

/// Where lessons are found, and the lessons found there.
///
/// Folders are searched in order: `--lessons DIR` (which may be given more than once, one
/// pack each), `$OTP_TUTOR_LESSONS`, the checkout's `Lessons/` when the program runs from the
/// repository, and `PREFIX/share/otp-tutor/Lessons` where `make install` puts them. Without
/// `--lessons`, the first folder that exists is used.
public struct LessonCatalog: Sendable {
  /// A folder's lessons: one pack.
  public struct Pack: Sendable {
    public let folder: String?
    public let pack: LessonPack
    public let lessons: [Lesson]
  }

  /// The packs, in the order their folders were given.
  public let packs: [Pack]
  /// Lessons that could not be read, or that clash, with why.
  public let problems: [LessonError]
  /// Files in a pack's folder that are not lessons (notes), with why, for `check`.
  public let skipped: [String]

  /// The first folder the lessons were read from, if any.
  public var folder: String? { packs.first?.folder }

  /// Every lesson, pack by pack.
  public var lessons: [Lesson] { packs.flatMap(\.lessons) }

  /// Reads every lesson in a folder.
  public init(folder: String?) {
    self.init(folders: folder.map { [$0] } ?? [])
  }

  /// Reads the lessons of each folder: a pack each (see ``LessonPack``).
  public init(folders: [String]) {
    var packs: [Pack] = []
    var problems: [LessonError] = []
    var skipped: [String] = []
    for folder in folders {
      let (pack, lessons, folderProblems, folderSkipped) = Self.read(folder)
      problems += folderProblems
      skipped += folderSkipped
      if let pack { packs.append(Pack(folder: folder, pack: pack, lessons: lessons)) }
    }
    // One key, one lesson: otherwise two lessons would share one progress entry.
    var seen: [String: String] = [:]
    var unique: [Pack] = []
    for pack in packs {
      var lessons: [Lesson] = []
      for lesson in pack.lessons {
        if let other = seen[lesson.key] {
          problems.append(
            LessonError(
              file: lesson.file, line: 1, problem: "the lesson id '\(lesson.key)' is also the id of \(other)",
              remedy: "give each lesson its own id, or give the packs different namespaces in their \(LessonPack.manifestName)"))
        } else {
          seen[lesson.key] = lesson.file
          lessons.append(lesson)
        }
      }
      unique.append(Pack(folder: pack.folder, pack: pack.pack, lessons: lessons))
    }
    self.packs = unique
    self.problems = problems
    self.skipped = skipped
  }

  /// A catalog of lessons already read, for tests and tools.
  public init(lessons: [Lesson]) {
    packs = [Pack(folder: nil, pack: LessonPack(folderName: "lessons"), lessons: lessons)]
    problems = []
    skipped = []
  }

  /// One folder's pack: its manifest (or one named after the folder) and lessons.
  static func read(_ folder: String) -> (LessonPack?, [Lesson], [LessonError], [String]) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return (nil, [], [], []) }
    let manifestPath = Path.join(folder, LessonPack.manifestName)
    var pack = LessonPack(folderName: Path.name(of: folder))
    if names.contains(LessonPack.manifestName) {
      do {
        let bytes = try FileStore.read(manifestPath, what: "pack manifest")
        pack = try LessonPack(manifest: String(decoding: bytes, as: UTF8.self), file: manifestPath)
      } catch let error as LessonError {
        return (nil, [], [error], [])
      } catch {
        return (nil, [], [LessonError(file: manifestPath, line: 1, problem: "\(error)", remedy: "check the file")], [])
      }
    }
    var lessons: [Lesson] = []
    var problems: [LessonError] = []
    var skipped: [String] = []
    let markdown = names.filter { $0.hasSuffix(".md") && $0.lowercased() != "readme.md" }.sorted()
    let files: [String]
    if let order = pack.order {
      files = order
      for missing in order where !names.contains(missing) {
        problems.append(
          LessonError(
            file: manifestPath, line: 1, problem: "order: names \(missing.quotedForMessage), which is not in the folder",
            remedy: "add the file, or take it out of order:"))
      }
      for name in markdown where !order.contains(name) {
        skipped.append("\(Path.join(folder, name)): not in the order: of \(LessonPack.manifestName)")
      }
    } else {
      files = markdown
    }
    for name in files where names.contains(name) {
      let path = Path.join(folder, name)
      // A Markdown file with no lesson header is a note, not a broken lesson.
      if pack.order == nil, !Self.looksLikeLesson(path) {
        skipped.append("\(path): not a lesson (it does not start with a --- header)")
        continue
      }
      do {
        var lesson = try Self.load(path)
        lesson.namespace = pack.namespace
        lessons.append(lesson)
      } catch {
        problems.append(error)
      }
    }
    return (pack, lessons, problems, skipped)
  }

  /// Whether a file starts as a lesson does, with a `---` line.
  static func looksLikeLesson(_ path: String) -> Bool {
    guard let bytes = try? FileStore.read(path, what: "lesson") else { return true }
    return bytes.starts(with: Array("---".utf8))
  }

  /// Reads and parses one lesson file.
  public static func load(_ path: String) throws(LessonError) -> Lesson {
    let bytes: [UInt8]
    do {
      bytes = try FileStore.read(path, what: "lesson")
    } catch {
      throw LessonError(file: path, line: 1, problem: error.problem, remedy: error.remedy ?? "check the path")
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw LessonError(file: path, line: 1, problem: "the file is not UTF-8 text", remedy: "save it as UTF-8")
    }
    return try LessonParser.parse(text, file: path)
  }

  /// The lesson with a key (`namespace/id`), or with an id that only one pack has.
  public func lesson(_ name: String) -> Lesson? {
    if let exact = lessons.first(where: { $0.key == name }) { return exact }
    let matches = lessons.filter { $0.id == name }
    return matches.count == 1 ? matches[0] : nil
  }

  /// The name to type for a lesson: its id when no other pack has that id, else its key.
  public func shortName(of lesson: Lesson) -> String {
    lessons.filter { $0.id == lesson.id }.count == 1 ? lesson.id : lesson.key
  }

  /// The lesson folders: every `--lessons` given, else the first that exists among the places
  /// lessons are looked for.
  public static func findFolders(explicit: [String], environment: [String: String], executable: String) -> [String] {
    if !explicit.isEmpty { return explicit }
    return findFolder(explicit: nil, environment: environment, executable: executable).map { [$0] } ?? []
  }

  /// The first lesson folder that exists among the places lessons are looked for.
  public static func findFolder(explicit: String?, environment: [String: String], executable: String) -> String? {
    var candidates: [String] = []
    if let explicit { return explicit }
    if let fromEnvironment = environment["OTP_TUTOR_LESSONS"], !fromEnvironment.isEmpty { candidates.append(fromEnvironment) }
    // The checkout: the executable lives in <checkout>/.build/<…>/otp-tutor.
    var folder = Path.folder(of: executable)
    while folder != "/" && !folder.isEmpty {
      if FileManager.default.fileExists(atPath: Path.join(folder, "Package.swift")) {
        candidates.append(Path.join(folder, "Lessons"))
        break
      }
      folder = Path.folder(of: folder)
    }
    // An installation: PREFIX/bin/otp-tutor and PREFIX/share/otp-tutor/Lessons.
    let prefix = Path.folder(of: Path.folder(of: executable))
    candidates.append(Path.join(prefix, "share/otp-tutor/Lessons"))
    return candidates.first(where: Path.isDirectory)
  }
}
