import Foundation

/// Where lessons are found, and the lessons found there.
///
/// Folders are searched in order: `--lessons DIR`, `$OTP_TUTOR_LESSONS`, the checkout's
/// `Lessons/` when the program runs from the repository, and `PREFIX/share/otp-tutor/Lessons`
/// where `make install` puts them. The first folder that exists is used.
public struct LessonCatalog: Sendable {
  /// The folder the lessons were read from, if any.
  public let folder: String?
  /// The lessons, ordered by file name.
  public let lessons: [Lesson]
  /// Lessons that could not be read, with why.
  public let problems: [LessonError]

  /// Reads every `*.md` lesson in a folder (README.md excepted).
  public init(folder: String?) {
    self.folder = folder
    guard let folder, let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
      lessons = []
      problems = []
      return
    }
    var lessons: [Lesson] = []
    var problems: [LessonError] = []
    for name in names.sorted() where name.hasSuffix(".md") && name.lowercased() != "readme.md" {
      let path = (folder as NSString).appendingPathComponent(name)
      do {
        lessons.append(try Self.load(path))
      } catch {
        problems.append(error)
      }
    }
    self.lessons = lessons
    self.problems = problems
  }

  /// A catalog of lessons already read, for tests and tools.
  public init(lessons: [Lesson]) {
    self.folder = nil
    self.lessons = lessons
    self.problems = []
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

  /// The lesson with an id.
  public func lesson(_ id: String) -> Lesson? {
    lessons.first { $0.id == id }
  }

  /// The first lesson folder that exists among the places lessons are looked for.
  public static func findFolder(explicit: String?, environment: [String: String], executable: String) -> String? {
    var candidates: [String] = []
    if let explicit { return explicit }
    if let fromEnvironment = environment["OTP_TUTOR_LESSONS"], !fromEnvironment.isEmpty { candidates.append(fromEnvironment) }
    // The checkout: the executable lives in <checkout>/.build/<…>/otp-tutor.
    var folder = (executable as NSString).deletingLastPathComponent
    while folder != "/" && !folder.isEmpty {
      if FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("Package.swift")) {
        candidates.append((folder as NSString).appendingPathComponent("Lessons"))
        break
      }
      folder = (folder as NSString).deletingLastPathComponent
    }
    // An installation: PREFIX/bin/otp-tutor and PREFIX/share/otp-tutor/Lessons.
    let prefix = ((executable as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
    candidates.append((prefix as NSString).appendingPathComponent("share/otp-tutor/Lessons"))
    var isDirectory: ObjCBool = false
    return candidates.first { FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && isDirectory.boolValue }
  }
}
