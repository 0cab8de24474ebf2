/// Marks the invisible parts of a prompt so libedit measures it correctly.
enum PromptMarkup {
  /// The character libedit's `EL_PROMPT_ESC` treats as "start or end of
  /// text that takes no room on the screen".
  static let ignoreMarker: Unicode.Scalar = "\u{01}"

  /// Returns `prompt` with every `ESC [ ... m` sequence wrapped in
  /// ``ignoreMarker`` characters.
  ///
  /// A prompt that already contains the marker is returned unchanged, on the
  /// assumption that its author marked it.
  static func markingEscapes(in prompt: String) -> String {
    let scalars = Array(prompt.unicodeScalars)
    guard !scalars.contains(ignoreMarker), scalars.contains("\u{1B}") else {
      return prompt
    }
    var result = String.UnicodeScalarView()
    var index = 0
    while index < scalars.count {
      if scalars[index] == "\u{1B}", index + 1 < scalars.count, scalars[index + 1] == "[" {
        // Parameter and intermediate bytes, then one final byte in 0x40...0x7E.
        var end = index + 2
        while end < scalars.count, !(0x40...0x7E).contains(scalars[end].value) {
          end += 1
        }
        if end < scalars.count, scalars[end] == "m" {
          result.append(ignoreMarker)
          result.append(contentsOf: scalars[index...end])
          result.append(ignoreMarker)
          index = end + 1
          continue
        }
      }
      result.append(scalars[index])
      index += 1
    }
    return String(result)
  }
}
