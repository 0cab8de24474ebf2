/// Makes text safe to show: nothing in it can move the cursor, change colours, talk to the
/// terminal (OSC 52 clipboard writes, title changes) or disguise what it says (bidirectional
/// overrides, zero-width characters).
///
/// The ``Renderer`` passes every piece of text through ``visible(_:)`` before it adds its own
/// colours, so names from URIs and images, lesson text, transcripts and file names reach a
/// terminal only this way.
public enum Escaping {
  /// The text with every unsafe character made visible: `^X` for the C0 controls (tab kept),
  /// `\u{…}` for DEL, the C1 controls, bidirectional and invisible formatting characters
  /// (Unicode's Cf) and line or paragraph separators.
  public static func visible(_ text: String) -> String {
    guard !isSafe(text) else { return text }
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

  /// Whether the text can be shown as it is.
  public static func isSafe(_ text: String) -> Bool {
    // ASCII without controls is the common case: no per-scalar property look-ups.
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F || $0 == 0x09 }) { return true }
    return !text.unicodeScalars.contains(where: needsEscape)
  }

  static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    guard scalar != "\t" else { return false }
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator: return true
    default: return false
    }
  }
}
