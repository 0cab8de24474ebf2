/// What pressing Tab does to a line, decided from the completer's candidates.
enum Completion: Equatable {
  /// Replace the last `deleting` Unicode scalars before the cursor with `text`.
  case insert(deleting: Int, text: String)
  /// Show the candidates below the line; nothing more can be inserted.
  case list([String])
  /// There is nothing to complete.
  case none

  /// Decides what Tab does, given the text before the cursor and the full
  /// candidate words for its last word.
  ///
  /// One candidate replaces the word and is followed by a space, unless it
  /// names a directory (ends with `/`). Several candidates insert their
  /// longest common prefix, or are listed when that adds nothing.
  init(lineBeforeCursor: String, candidates: [String]) {
    var seen = Set<String>()
    let candidates = candidates.filter { !$0.isEmpty && seen.insert($0).inserted }
    let word = Array(Self.lastWord(of: lineBeforeCursor).unicodeScalars)

    guard let first = candidates.first else {
      self = .none
      return
    }
    if candidates.count == 1 {
      let suffix = first.hasSuffix("/") ? "" : " "
      self = Self.replacing(word, with: Array(first.unicodeScalars), appending: suffix)
      return
    }
    let prefix = candidates.dropFirst().reduce(Array(first.unicodeScalars)) { prefix, candidate in
      Array(zip(prefix, candidate.unicodeScalars).prefix { $0 == $1 }.map(\.0))
    }
    if prefix.count > word.count, prefix.starts(with: word) {
      self = Self.replacing(word, with: prefix, appending: "")
    } else {
      self = .list(candidates)
    }
  }

  /// The word being typed: the text after the last space or tab.
  static func lastWord(of line: String) -> Substring {
    let scalars = line.unicodeScalars
    let start = scalars.lastIndex { $0 == " " || $0 == "\t" }.map(scalars.index(after:))
    return Substring(scalars[(start ?? scalars.startIndex)...])
  }

  private static func replacing(
    _ word: [Unicode.Scalar], with replacement: [Unicode.Scalar], appending suffix: String
  ) -> Completion {
    if replacement.starts(with: word) {
      var text = String.UnicodeScalarView(replacement.dropFirst(word.count))
      text.append(contentsOf: suffix.unicodeScalars)
      return .insert(deleting: 0, text: String(text))
    }
    var text = String.UnicodeScalarView(replacement)
    text.append(contentsOf: suffix.unicodeScalars)
    return .insert(deleting: word.count, text: String(text))
  }

  /// Lays `candidates` out in columns, top to bottom then left to right, as
  /// `ls` and bash do, in rows no wider than `width`.
  static func columns(_ candidates: [String], width: Int) -> [String] {
    guard !candidates.isEmpty else { return [] }
    let cellWidth = (candidates.map(\.count).max() ?? 0) + 2
    let columnCount = max(1, min(candidates.count, width / cellWidth))
    let rowCount = (candidates.count + columnCount - 1) / columnCount
    return (0..<rowCount).map { row in
      var text = ""
      for column in 0..<columnCount {
        let index = column * rowCount + row
        guard index < candidates.count else { break }
        let candidate = candidates[index]
        let isLast = column == columnCount - 1 || index + rowCount >= candidates.count
        text += isLast ? candidate : candidate + String(repeating: " ", count: cellWidth - candidate.count)
      }
      return text
    }
  }
}
