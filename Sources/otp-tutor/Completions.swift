import Foundation
import Tutor

/// What a shell's Tab offers for arguments only the lessons know (the scripts that
/// `--generate-completion-script` writes call back into otp-tutor for these).
enum Completions {
  /// The lessons found as the command line would find them (its `--lessons`, else the usual places).
  static func catalog(_ words: [String]) -> LessonCatalog {
    var folders: [String] = []
    for (index, word) in words.enumerated() where word == "--lessons" && index + 1 < words.count {
      folders.append(words[index + 1])
    }
    return LessonCatalog(
      folders: LessonCatalog.findFolders(
        explicit: folders, environment: ProcessInfo.processInfo.environment, executable: Launcher.executablePath))
  }

  /// Lesson ids, as `lesson` takes them.
  static func lessonNames(_ words: [String]) -> [String] {
    let catalog = catalog(words)
    return catalog.lessons.map { catalog.shortName(of: $0) }
  }

  /// The step ids of the lesson the command line names.
  static func stepIDs(_ words: [String]) -> [String] {
    let catalog = catalog(words)
    for word in words.reversed() {
      if let lesson = catalog.lesson(word) { return lesson.steps.map(\.id) }
      if word.hasSuffix(".md"), let lesson = try? LessonCatalog.load(word) { return lesson.steps.map(\.id) }
    }
    return []
  }
}
