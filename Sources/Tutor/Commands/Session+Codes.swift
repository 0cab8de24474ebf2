import OTP

extension Session {
  /// The current account as the app uses it (after its profile), or as enrolled.
  func requireTOTP(_ command: String) throws(TutorError) -> (KeyURI, TOTP) {
    let enrolled = try requireURI()
    let uri = app.account(named: enrolled.account)?.effective ?? enrolled
    guard case .totp = uri.kind else {
      throw TutorError(
        "'\(uri.account)' is an HOTP account, so it has no time-based code",
        remedy: "use 'hotp <n>', or 'enroll --type totp' to switch")
    }
    do { return (uri, try uri.totp()) } catch { throw TutorError(error) }
  }

  func totp(_ words: [String]) throws(TutorError) {
    let arguments = try Arguments(words, command: "totp", options: ["--at"])
    try arguments.expectPositionals(0, usage: "totp [--at <time>]")
    let (_, totp) = try requireTOTP("totp")
    let time = try arguments.value("--at").map { text throws(TutorError) in try UnixTime.parse(typed: text) } ?? appTime
    do {
      let code = try totp.code(at: time)
      let step = try totp.step(at: time)
      let left = Self.ceilingSeconds(try totp.timeRemaining(at: time))
      var line = "\(style.code(code))  (\(left) s left in step \(step)"
      if arguments.value("--at") != nil {
        line += ", at \(time)"
      } else if drift != .zero {
        line += ", app time \(time)"
      }
      say(line + ")")
    } catch {
      throw TutorError(error)
    }
  }

  static func ceilingSeconds(_ duration: Duration) -> Int64 {
    let (seconds, attoseconds) = duration.components
    return attoseconds > 0 ? seconds + 1 : seconds
  }

  /// The most codes one `hotp` range may print.
  static let maximumHOTPRange: UInt64 = 10_000_000

  func hotp(_ words: [String]) throws(TutorError) {
    let arguments = try Arguments(words, command: "hotp")
    try arguments.expectPositionals(1, usage: "hotp <n> or hotp <a>..<b>")
    let uri = try requireURI()
    let hotp: HOTP
    do { hotp = try uri.hotp() } catch { throw TutorError(error) }
    let text = arguments.positionals[0]
    let range = try Self.counterRange(text)
    if range.lowerBound == range.upperBound, !text.contains("..") {
      say(style.code(hotp.code(for: range.lowerBound)))
      return
    }
    let width = String(range.upperBound).count
    var chunk = ""
    chunk.reserveCapacity(1 << 16)
    var counter = range.lowerBound
    while true {
      chunk += String(counter).leftPadded(to: width, with: " ")
      chunk += "  "
      chunk += hotp.code(for: counter)
      chunk += "\n"
      if chunk.utf8.count >= 1 << 16 {
        emit(chunk)
        chunk.removeAll(keepingCapacity: true)
      }
      if counter == range.upperBound { break }
      counter += 1
    }
    emit(chunk)
  }

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
    guard high - low < maximumHOTPRange else {
      throw TutorError(
        "the range \(text) has more than \(maximumHOTPRange) codes", remedy: "ask for at most \(maximumHOTPRange) at once")
    }
    return low...high
  }

  func uri(_ words: [String]) throws(TutorError) {
    let arguments = try Arguments(words, command: "uri", flags: ["--all-parameters"])
    try arguments.expectPositionals(0, usage: "uri [--all-parameters]")
    say(try requireURI().string(includingDefaults: arguments.has("--all-parameters")))
  }

  func explain(_ words: [String]) throws(TutorError) {
    let kind = try subcommand(words, of: "explain", default: "totp")
    let arguments = try Arguments(Array(words.dropFirst()), command: "explain \(kind)")
    let uri = try requireURI()
    let trace: CodeTrace
    if kind == "hotp" {
      guard arguments.positionals.count <= 1 else {
        throw TutorError("unexpected '\(arguments.positionals[1].quotedForMessage)'", remedy: "type explain hotp [counter]")
      }
      let counter = try arguments.positionals.first.map { text throws(TutorError) in
        try Self.counterRange(text).lowerBound
      } ?? app.account(named: uri.account)?.nextCounter ?? 0
      do { trace = try uri.hotp().trace(for: counter) } catch { throw TutorError(error) }
      say("HOTP code for counter \(counter), \(uri.algorithm), \(uri.digits) digits (RFC 4226 §5.3)")
      say(Self.step(1, "counter", "C = \(counter)"))
    } else {
      try arguments.expectPositionals(0, usage: "explain [totp]")
      let (_, totp) = try requireTOTP("explain")
      let time = appTime
      do { trace = try totp.trace(at: time) } catch { throw TutorError(error) }
      say("TOTP code at app time \(time), \(uri.algorithm), \(uri.digits) digits (RFC 6238 §4)")
      say(Self.step(1, "time step", "T = floor((\(time.seconds) − \(totp.t0.seconds)) / \(totp.period)) = \(trace.counter)"))
    }
    say(Self.step(2, "message", "the counter as 8 big-endian bytes: \(Self.spaced(trace.message))"))
    say(Self.step(3, "HMAC-" + trace.algorithm.rawValue.replacingFirst("SHA", with: "SHA-"), "of the message, keyed with the secret:"))
    for line in Self.spacedLines(trace.mac, perLine: 16) { say(String(repeating: " ", count: 17) + line) }
    let last = trace.mac.last ?? 0
    say(Self.step(4, "offset", "the low 4 bits of the last byte 0x\(Self.hex(last)): \(trace.offset)"))
    say(Self.step(5, "four bytes", "at offset \(trace.offset): \(Self.spaced(trace.selectedBytes))"))
    say(
      Self.step(
        6, "31 bits", "top bit cleared: 0x\(String(trace.binaryCode, radix: 16).leftPadded(to: 8)) = \(trace.binaryCode)"))
    say(Self.step(7, "modulus", "10^\(trace.digits) = \(trace.modulus)"))
    say(
      Self.step(
        8, "code",
        "\(trace.binaryCode) mod \(trace.modulus) = \(UInt64(trace.binaryCode) % trace.modulus)"
          + " → \(style.code(trace.code))\(trace.code.first == "0" ? " (zero-padded)" : "")"))
  }

  /// One numbered line of an explanation, its label in a column.
  static func step(_ number: Int, _ label: String, _ text: String) -> String {
    " \(number). " + label.rightPadded(to: 13) + text
  }

  static func hex(_ byte: UInt8) -> String {
    String(byte, radix: 16).leftPadded(to: 2)
  }

  static func spaced(_ bytes: [UInt8]) -> String {
    bytes.map(hex).joined(separator: " ")
  }

  static func spacedLines(_ bytes: [UInt8], perLine: Int) -> [String] {
    stride(from: 0, to: bytes.count, by: perLine).map { start in
      spaced(Array(bytes[start..<min(start + perLine, bytes.count)]))
    }
  }
}

extension String {
  func replacingFirst(_ target: String, with replacement: String) -> String {
    guard let range = firstRange(of: target) else { return self }
    return String(self[..<range.lowerBound]) + replacement + String(self[range.upperBound...])
  }
}
