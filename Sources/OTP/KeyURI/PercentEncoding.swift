/// Percent-encoding as Python's `urllib.parse` does it, so URIs match pyotp's byte for byte.
enum PercentEncoding {
  /// What `quote()` leaves alone in a path: unreserved characters and `/`.
  static let labelSafe: Set<UInt8> = unreserved.union([UInt8(ascii: "/")])
  /// What `urlencode()` leaves alone in a query value (spaces become `%20`, as pyotp writes them).
  static let querySafe: Set<UInt8> = unreserved

  static let unreserved: Set<UInt8> = Set(
    Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~".utf8)
  )

  static func encode(_ text: String, keeping safe: Set<UInt8>) -> String {
    let hex = Array("0123456789ABCDEF".utf8)
    var output: [UInt8] = []
    for byte in text.utf8 {
      if safe.contains(byte) {
        output.append(byte)
      } else {
        output += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
      }
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// Decodes `%XX` escapes; `nil` when an escape is broken or the bytes are not UTF-8.
  static func decode(_ text: Substring, plusIsSpace: Bool) -> String? {
    var output: [UInt8] = []
    var bytes = Array(text.utf8)[...]
    while let byte = bytes.popFirst() {
      if byte == UInt8(ascii: "%") {
        guard bytes.count >= 2, let high = hexValue(bytes.removeFirst()),
          let low = hexValue(bytes.removeFirst())
        else { return nil }
        output.append(high << 4 | low)
      } else if byte == UInt8(ascii: "+"), plusIsSpace {
        output.append(UInt8(ascii: " "))
      } else {
        output.append(byte)
      }
    }
    return String(validating: output, as: UTF8.self)
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
