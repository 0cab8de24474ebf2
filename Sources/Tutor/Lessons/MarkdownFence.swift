/// A Markdown code fence: up to three spaces, then three or more backticks or tildes, then an
/// info string (CommonMark §4.5). Lessons use fences for their own blocks (` ```demo `), and
/// authors use them for code in narration, longer fences around shorter ones to nest them.
struct MarkdownFence: Equatable {
  /// `` ` `` or `~`.
  let marker: Character
  /// How many markers: a fence is closed by one of the same marker at least as long.
  let length: Int
  /// What follows the markers, trimmed (`demo`, `sh`, or empty).
  let info: String

  /// The fence a line opens or closes, if it is one.
  init?(_ line: String) {
    let indent = line.prefix { $0 == " " }.count
    guard indent <= 3 else { return nil }
    let rest = line.dropFirst(indent)
    guard let marker = rest.first, marker == "`" || marker == "~" else { return nil }
    let length = rest.prefix { $0 == marker }.count
    guard length >= 3 else { return nil }
    let info = rest.dropFirst(length).trimmingSpaces()
    // A backtick fence's info string may not hold a backtick (it would be inline code).
    if marker == "`", info.contains("`") { return nil }
    self.marker = marker
    self.length = length
    self.info = info
  }

  /// Whether this line closes a block opened by `opening`.
  func closes(_ opening: MarkdownFence) -> Bool {
    marker == opening.marker && length >= opening.length && info.isEmpty
  }

  /// The lesson's own blocks, written exactly so: three backticks and the name in lower case.
  static let lessonBlocks = ["demo", "exercise", "summary"]

  /// The lesson block this fence opens (`demo`, `exercise`, `summary`), if it is written exactly.
  var lessonBlock: String? {
    marker == "`" && length == 3 && Self.lessonBlocks.contains(info) ? info : nil
  }

  /// The lesson block this fence looks like but is not (` ```Demo `, `~~~demo`, ` ````demo `).
  var lookalikeBlock: String? {
    let name = info.lowercased()
    return lessonBlock == nil && Self.lessonBlocks.contains(name) ? name : nil
  }
}
