/// The base32 encoding of RFC 4648 §6, the alphabet authenticator apps use for secrets.
///
/// Encoding produces upper-case text, unpadded unless you ask for padding, because
/// that is the form the Key URI format and most apps expect.
///
/// Decoding is forgiving where people are and strict where it matters: it accepts lower-case
/// letters, spaces and hyphens between groups (`jbsw y3dp-ehpk`), and correct trailing
/// `=` padding; any other character is an error that names it and its position.
///
/// ```swift
/// Base32.encode(Array("foobar".utf8))          // "MZXW6YTBOI"
/// Base32.encode(Array("foobar".utf8), padded: true)  // "MZXW6YTBOI======"
/// try Base32.decode("mzxw 6ytb-oi")             // the bytes of "foobar"
/// ```
public enum Base32 {
  static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

  /// Encodes bytes as base32 text.
  ///
  /// - Parameters:
  ///   - bytes: The bytes to encode.
  ///   - padded: Whether to pad the text with `=` to a multiple of eight characters.
  /// - Returns: Upper-case base32 text.
  public static func encode(_ bytes: some Sequence<UInt8>, padded: Bool = false) -> String {
    var output: [UInt8] = []
    var buffer: UInt64 = 0
    var bits = 0
    for byte in bytes {
      buffer = (buffer << 8) | UInt64(byte)
      bits += 8
      while bits >= 5 {
        bits -= 5
        output.append(alphabet[Int((buffer >> UInt64(bits)) & 31)])
      }
      buffer &= (1 << UInt64(bits)) - 1
    }
    if bits > 0 {
      output.append(alphabet[Int((buffer << UInt64(5 - bits)) & 31)])
    }
    if padded {
      while output.count % 8 != 0 { output.append(UInt8(ascii: "=")) }
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// Decodes base32 text into bytes.
  ///
  /// Letters may be in either case. Spaces and hyphens may separate groups and are ignored.
  /// Padding is optional, but when present it must be the correct amount for the text before it.
  ///
  /// - Parameter text: The base32 text.
  /// - Returns: The decoded bytes.
  /// - Throws: ``Base32Error`` naming the first problem and where it is (1-based character
  ///   positions, counted in the text as given).
  public static func decode(_ text: String) throws(Base32Error) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(text.utf8.count * 5 / 8)
    var buffer: UInt64 = 0
    var bits = 0
    var symbols = 0
    var padding = 0
    var firstPaddingPosition = 0
    for (index, character) in text.enumerated() {
      let position = index + 1
      if character == " " || character == "-" { continue }
      if character == "=" {
        if padding == 0 { firstPaddingPosition = position }
        padding += 1
        continue
      }
      guard let value = Self.value(of: character) else {
        throw .invalidCharacter(character, position: position)
      }
      if padding > 0 {
        throw .dataAfterPadding(position: position)
      }
      buffer = (buffer << 5) | UInt64(value)
      bits += 5
      symbols += 1
      if bits >= 8 {
        bits -= 8
        output.append(UInt8(truncatingIfNeeded: buffer >> UInt64(bits)))
        buffer &= (1 << UInt64(bits)) - 1
      }
    }
    // A final group of 1, 3 or 6 symbols cannot come from whole bytes (RFC 4648 §6).
    guard ![1, 3, 6].contains(symbols % 8) else {
      throw .incompleteGroup(symbols: symbols)
    }
    if padding > 0 {
      let expected = (8 - symbols % 8) % 8
      guard padding == expected else {
        throw .wrongPadding(found: padding, expected: expected, position: firstPaddingPosition)
      }
    }
    return output
  }

  private static func value(of character: Character) -> UInt8? {
    guard let ascii = character.asciiValue else { return nil }
    switch ascii {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"): return ascii - UInt8(ascii: "A")
    case UInt8(ascii: "a")...UInt8(ascii: "z"): return ascii - UInt8(ascii: "a")
    case UInt8(ascii: "2")...UInt8(ascii: "7"): return ascii - UInt8(ascii: "2") + 26
    default: return nil
    }
  }
}
