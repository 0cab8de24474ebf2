/// Makes text that came from outside safe to show: nothing in it can move the cursor, change
/// colours or talk to the terminal.
public enum Escaping {
  /// The text with control characters shown: `^X` for the C0 controls (tab kept), `\u{…}`
  /// for DEL and the C1 controls.
  public static func visible(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: needsEscape) else { return text }
    var shown = ""
    for scalar in text.unicodeScalars {
      if scalar.value < 0x20 && scalar != "\t" {
        shown += "^" + String(UnicodeScalar(UInt8(scalar.value) + 0x40))
      } else if needsEscape(scalar) {
        shown += "\\u{\(String(scalar.value, radix: 16))}"
      } else {
        shown.unicodeScalars.append(scalar)
      }
    }
    return shown
  }

  private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    scalar != "\t" && scalar.properties.generalCategory == .control
  }
}
