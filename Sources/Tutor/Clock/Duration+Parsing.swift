extension Duration {
  /// The longest duration the shell accepts anywhere: 100 years.
  static let maximumTyped = Duration.seconds(100 * 366 * 86_400)

  /// Parses a duration as people type it: `500ms`, `30s`, `2m`, `1h30m`, `1d`, a bare number
  /// of seconds, and with `signed`, a leading `+` or `-` (for clock drift).
  static func parse(_ text: String, signed: Bool = false) throws(TutorError) -> Duration {
    let example = signed ? "write it like +45s, -2m or 1h30m" : "write it like 500ms, 30s, 2m, 1h30m or 1d"
    var characters = Substring(text)
    var sign: Int64 = 1
    if let first = characters.first, first == "+" || first == "-" {
      guard signed else {
        throw TutorError("'\(text.quotedForMessage)' has a sign, but this duration cannot be negative", remedy: example)
      }
      sign = first == "-" ? -1 : 1
      characters = characters.dropFirst()
    }
    guard !characters.isEmpty else { throw TutorError("'\(text.quotedForMessage)' is not a duration", remedy: example) }
    if characters.allSatisfy({ $0.isASCII && $0.isNumber }) {
      guard let seconds = Int64(characters), seconds <= maximumTyped.components.seconds else {
        throw TutorError("'\(text.quotedForMessage)' is too long a duration", remedy: "use at most 100 years")
      }
      return .seconds(seconds * sign)
    }
    var total = Duration.zero
    var seen: Set<String> = []
    while !characters.isEmpty {
      let digits = characters.prefix { $0.isASCII && $0.isNumber }
      characters = characters.dropFirst(digits.count)
      let unit = String(characters.prefix { $0.isLetter })
      characters = characters.dropFirst(unit.count)
      guard !digits.isEmpty, let value = Int64(digits), value <= 1_000_000_000_000 else {
        throw TutorError("'\(text.quotedForMessage)' is not a duration", remedy: example)
      }
      let scale: Duration
      switch unit.lowercased() {
      case "ms": scale = .milliseconds(1)
      case "s", "sec": scale = .seconds(1)
      case "m", "min": scale = .seconds(60)
      case "h": scale = .seconds(3600)
      case "d": scale = .seconds(86_400)
      case "":
        throw TutorError("'\(text.quotedForMessage)' needs a unit after \(digits)", remedy: example)
      default:
        throw TutorError("'\(unit.quotedForMessage)' is not a unit of time", remedy: example)
      }
      guard seen.insert(unit.lowercased()).inserted else {
        throw TutorError("'\(text.quotedForMessage)' gives '\(unit)' twice", remedy: example)
      }
      total += scale * value
      guard total <= maximumTyped else {
        throw TutorError("'\(text.quotedForMessage)' is too long a duration", remedy: "use at most 100 years")
      }
    }
    return total * sign
  }

  /// A short, exact rendering: `45s`, `-2m`, `1h30m`, `500ms`, `1d2h`.
  var compact: String {
    let (seconds, attoseconds) = components
    var milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
    guard milliseconds != 0 else { return "0s" }
    var text = milliseconds < 0 ? "-" : ""
    milliseconds = abs(milliseconds)
    let units: [(Int64, String)] = [(86_400_000, "d"), (3_600_000, "h"), (60_000, "m"), (1000, "s"), (1, "ms")]
    for (size, name) in units where milliseconds >= size {
      text += "\(milliseconds / size)\(name)"
      milliseconds %= size
    }
    return text
  }

  /// The duration in seconds, with its fraction.
  var secondsValue: Double {
    Double(components.seconds) + Double(components.attoseconds) / 1e18
  }

  /// Whole seconds, rounded down.
  var wholeSeconds: Int64 {
    let (seconds, attoseconds) = components
    return attoseconds < 0 ? seconds - 1 : seconds
  }
}
