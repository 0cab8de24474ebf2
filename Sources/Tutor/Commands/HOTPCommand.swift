import OTP

/// `hotp`: HOTP codes at a counter or a range of counters.
struct HOTPCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "hotp", summary: "HOTP codes at a counter or a range of counters",
    usage: ["hotp <n>", "hotp <a>..<b>"], examples: ["hotp 0", "hotp 0..3"])

  /// The most codes one `hotp` range may print.
  static let maximumRange: UInt64 = 10_000_000

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    let arguments = try Arguments(words, command: "hotp")
    try arguments.expectPositionals(1, usage: "hotp <n> or hotp <a>..<b>")
    let uri = try context.requireURI()
    let hotp = uri.hotp()
    let text = arguments.positionals[0]
    let range = try counterRange(text)
    if range.lowerBound == range.upperBound, !text.contains("..") {
      context.say("\(code: hotp.code(for: range.lowerBound))")
      return
    }
    // Made in chunks of bytes, not a line event (or a string) per code: a million codes cost
    // little more than their HMACs.
    let width = String(range.upperBound).count
    var chunk: [UInt8] = []
    chunk.reserveCapacity(1 << 16)
    var counter = range.lowerBound
    while true {
      append(counter, width: width, padding: UInt8(ascii: " "), to: &chunk)
      chunk.append(UInt8(ascii: " "))
      chunk.append(UInt8(ascii: " "))
      append(hotp.value(for: counter), width: hotp.digits, padding: UInt8(ascii: "0"), to: &chunk)
      chunk.append(UInt8(ascii: "\n"))
      if chunk.count >= 1 << 16 {
        context.emit(.block(String(decoding: chunk, as: UTF8.self)))
        chunk.removeAll(keepingCapacity: true)
      }
      if counter == range.upperBound { break }
      counter += 1
    }
    context.emit(.block(String(decoding: chunk, as: UTF8.self)))
  }

  /// Appends `value` in decimal, padded on the left to `width` characters.
  private static func append(_ value: UInt64, width: Int, padding: UInt8, to bytes: inout [UInt8]) {
    var length = 1
    var rest = value / 10
    while rest > 0 {
      length += 1
      rest /= 10
    }
    for _ in length..<max(length, width) { bytes.append(padding) }
    let start = bytes.count
    bytes.append(contentsOf: repeatElement(0, count: length))
    var remaining = value
    for index in (start..<bytes.count).reversed() {
      bytes[index] = UInt8(ascii: "0") + UInt8(remaining % 10)
      remaining /= 10
    }
  }

  /// `n` or `a..b`, checked.
  static func counterRange(_ text: String) throws(TutorError) -> ClosedRange<UInt64> {
    let remedy = "use counters from 0 to 18446744073709551615, like hotp 0 or hotp 0..3"
    func counter(_ part: Substring) throws(TutorError) -> UInt64 {
      guard let value = UInt64(part) else {
        throw TutorError("'\(part.description.quotedForMessage)' is not a counter", remedy: remedy)
      }
      return value
    }
    guard let dots = text.firstRange(of: "..") else { return try counter(Substring(text))...counter(Substring(text)) }
    let low = try counter(text[..<dots.lowerBound])
    let high = try counter(text[dots.upperBound...])
    guard low <= high else {
      throw TutorError("the range \(text) runs backwards", remedy: "write the smaller counter first, like hotp \(high)..\(low)")
    }
    guard high - low < maximumRange else {
      throw TutorError(
        "the range \(text) has more than \(maximumRange) codes", remedy: "ask for at most \(maximumRange) at once")
    }
    return low...high
  }
}
