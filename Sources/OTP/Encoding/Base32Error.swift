/// Why a piece of text is not base32.
///
/// Positions are 1-based and count characters of the text as it was given, spaces included,
/// so they can be pointed at directly.
public enum Base32Error: Error, Equatable, Sendable {
  /// A character outside the base32 alphabet (`A`–`Z`, `2`–`7`), such as `0`, `1`, `8` or `9`.
  case invalidCharacter(Character, position: Int)
  /// A symbol after the `=` padding began.
  case dataAfterPadding(position: Int)
  /// The text ends in a group of symbols that cannot encode whole bytes.
  case incompleteGroup(symbols: Int)
  /// The amount of `=` padding does not fit the text before it.
  case wrongPadding(found: Int, expected: Int, position: Int)
}

extension Base32Error: CustomStringConvertible {
  /// The problem and what to do instead, in one line.
  public var description: String {
    switch self {
    case .invalidCharacter(let character, let position):
      let hint: String
      switch character {
      case "0": hint = " (base32 has no 0; did you mean the letter O?)"
      case "1": hint = " (base32 has no 1; did you mean the letter I or L?)"
      case "8": hint = " (base32 has no 8; did you mean the letter B?)"
      case "9": hint = " (base32 has no 9)"
      default: hint = ""
      }
      return "'\(character.printable)' at position \(position) is not a base32 character;"
        + " use A–Z and 2–7\(hint)"
    case .dataAfterPadding(let position):
      return "a character at position \(position) follows the '=' padding; padding may only end the text"
    case .incompleteGroup(let symbols):
      return "\(symbols) base32 characters cannot encode whole bytes; a character is missing or extra"
    case .wrongPadding(let found, let expected, let position) where expected == 0:
      return "the text has \(found) '=' of padding from position \(position), but its length needs none;"
        + " drop the padding"
    case .wrongPadding(let found, let expected, let position):
      return "the text has \(found) '=' of padding from position \(position), but its length needs \(expected);"
        + " fix or drop the padding"
    }
  }
}

extension Character {
  /// The character as it can be shown in a one-line message: control characters escaped.
  var printable: String {
    unicodeScalars.map { scalar in
      scalar.properties.generalCategory == .control || scalar.value == 0x7F
        ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
    }.joined()
  }
}
