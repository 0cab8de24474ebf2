/// A folder of lessons with a manifest, `pack.conf`, so lessons travel as one course:
///
/// ```
/// # Lessons for the security course.
/// name: Web security, part 2
/// namespace: websec
/// version: 1.2.0
/// order: 01-intro.md 02-phishing.md
/// ```
///
/// `namespace` keeps the pack's progress apart from other packs' (`websec/intro`), so two
/// packs may both have a lesson `intro`. `order` lists the lesson files in the order the
/// `lessons` list shows them; other `.md` files in the folder (notes) are not lessons. Every
/// key but `name` is optional: without `order`, every `.md` file with a lesson header is a
/// lesson, by file name.
public struct LessonPack: Sendable, Equatable {
  /// The manifest's file name.
  public static let manifestName = "pack.conf"

  public let name: String
  /// Prefixes the pack's lesson ids in progress and in `lesson <namespace>/<id>`.
  public let namespace: String?
  public let version: String?
  /// Lesson file names in order, if the manifest gives them.
  public let order: [String]?

  static let keys = ["name", "namespace", "version", "order"]

  /// A pack without a manifest: named by its folder.
  init(folderName: String) {
    name = folderName
    namespace = nil
    version = nil
    order = nil
  }

  /// Reads a manifest.
  ///
  /// - Throws: ``LessonError`` naming the file, the line and what to write instead.
  public init(manifest text: String, file: String) throws(LessonError) {
    func fail(_ line: Int, _ problem: String, _ remedy: String) -> LessonError {
      LessonError(file: file, line: line, problem: problem, remedy: remedy)
    }
    var values: [String: String] = [:]
    for (offset, line) in text.fileLines.enumerated() {
      let trimmed = line.trimmingSpaces()
      if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
      guard let colon = trimmed.firstIndex(of: ":") else {
        throw fail(offset + 1, "'\(trimmed.quotedForMessage)' is not a manifest line", "write key: value, with a key from \(Self.keys.joined(separator: ", "))")
      }
      let key = trimmed[..<colon].trimmingSpaces().lowercased()
      guard Self.keys.contains(key) else {
        var remedy = "use one of " + Self.keys.joined(separator: ", ")
        if let suggestion = Suggestion.closest(to: key, among: Self.keys) { remedy = "did you mean '\(suggestion)'? " + remedy }
        throw fail(offset + 1, "unknown manifest key '\(key.quotedForMessage)'", remedy)
      }
      guard values[key] == nil else { throw fail(offset + 1, "'\(key)' is given twice", "keep one") }
      values[key] = trimmed[trimmed.index(after: colon)...].trimmingSpaces()
      if key == "namespace", let value = values[key],
        value.isEmpty || !value.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" })
      {
        throw fail(offset + 1, "the namespace '\(value.quotedForMessage)' is not a short name", "use lower-case letters, digits and hyphens, like websec")
      }
    }
    guard let name = values["name"], !name.isEmpty else {
      throw fail(1, "the manifest has no name", "add a line like name: Web security, part 2")
    }
    self.name = name
    namespace = values["namespace"]
    version = values["version"]
    order = values["order"].map { $0.split { $0 == " " || $0 == "," }.map(String.init) }
    if let order, order.isEmpty { throw fail(1, "order: names no lesson files", "list them, like order: 01-intro.md 02-phishing.md") }
    if let order, let wrong = order.first(where: { !$0.hasSuffix(".md") || $0.contains("/") }) {
      throw fail(1, "order: names '\(wrong.quotedForMessage)', which is not a lesson file of this folder", "list .md file names, like order: 01-intro.md")
    }
  }
}

extension Lesson {
  /// The lesson's name in progress and for `lesson`: `namespace/id` in a pack with a namespace,
  /// else the id.
  public var key: String { namespace.map { "\($0)/\(id)" } ?? id }
}
