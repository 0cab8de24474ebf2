#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
import OTP

/// What Tab offers: command names, subcommands, option names, and file paths where an
/// argument is a file.
public enum Completion {
  /// Candidates for the last (partial) word of `line`, each a whole word; directories end in `/`.
  public static func candidates(for line: String, workingDirectory: String? = nil) -> [String] {
    let workingDirectory = workingDirectory ?? FileManager.default.currentDirectoryPath
    let endsInSpace = line.last == " "
    let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    let partial = endsInSpace ? "" : (words.last ?? "")
    let previous = endsInSpace ? words : Array(words.dropLast())
    guard let commandWord = previous.first else {
      return CommandSpec.all.map(\.name).filter { $0.hasPrefix(partial) }
    }
    guard let spec = CommandSpec.named(commandWord.lowercased()) else { return [] }
    if partial.hasPrefix("-") {
      return spec.options.filter { $0.hasPrefix(partial) }
    }
    if previous.count == 1, !spec.subcommands.isEmpty {
      return spec.subcommands.filter { $0.hasPrefix(partial) }
    }
    if spec.takesFile {
      return paths(matching: partial, in: workingDirectory)
    }
    return []
  }

  /// Files and folders whose path starts with `partial`, relative to `directory`.
  static func paths(matching partial: String, in directory: String) -> [String] {
    let slash = partial.lastIndex(of: "/")
    let folderPart = slash.map { String(partial[...$0]) } ?? ""
    let namePart = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
    let expanded = folderPart.hasPrefix("~/") ? Path.home + folderPart.dropFirst() : folderPart
    let folder =
      expanded.hasPrefix("/") ? expanded : Path.join(directory, expanded.isEmpty ? "." : expanded)
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
    // A name with a control or invisible character is never offered: the line editor would show it raw.
    let shown = names.filter {
      $0.hasPrefix(namePart) && (namePart.hasPrefix(".") || !$0.hasPrefix(".")) && Escaping.isSafe($0)
    }
    return shown.sorted().map { name in
      return folderPart + name + (Path.isDirectory(Path.join(folder, name)) ? "/" : "")
    }
  }
}

extension Session {
  /// What Tab offers here: the words only the session knows where a command offers them
  /// (lesson ids after `lesson`, step ids after `goto`, account names after `login`, `app code`
  /// and `app remove`), otherwise ``Completion/candidates(for:workingDirectory:)``.
  public func completions(for line: String) -> [String] {
    let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    let partial = line.last == " " ? "" : (words.last ?? "")
    let previous = line.last == " " ? words : Array(words.dropLast())
    if let first = previous.first, let command = CommandRegistry.command(named: first),
      let known = command.completions(after: Array(previous.dropFirst()), in: self)
    {
      return known.filter { $0.lowercased().hasPrefix(partial.lowercased()) && Escaping.isSafe($0) }
    }
    return Completion.candidates(for: line, workingDirectory: workingDirectory)
  }
}
