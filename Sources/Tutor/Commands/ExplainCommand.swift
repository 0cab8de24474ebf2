import OTP

/// `explain`: the current code worked out step by step, as RFC 4226 §5.3–5.4 describe it.
struct ExplainCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "explain", summary: "work out the current code step by step (RFC 4226 §5.3; RFC 6238 §4 for the time step)",
    usage: ["explain [totp]", "explain hotp [counter]"], examples: ["explain", "explain hotp 0"],
    subcommands: ["totp", "hotp"])

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    let kind = try Arguments.subcommand(words, of: spec, default: "totp")
    let arguments = try Arguments(Array(words.dropFirst()), command: "explain \(kind)")
    let uri = try context.requireURI()
    let trace: CodeTrace
    if kind == "hotp" {
      guard arguments.positionals.count <= 1 else {
        throw TutorError("unexpected '\(arguments.positionals[1].quotedForMessage)'", remedy: "type explain hotp [counter]")
      }
      let counter =
        try arguments.positionals.first.map { text throws(TutorError) in
          try HOTPCommand.counterRange(text).lowerBound
        } ?? context.world.app.account(named: uri.account)?.nextCounter ?? 0
      trace = uri.hotp().trace(for: counter)
      context.say("HOTP code for counter \(counter), \(uri.algorithm), \(uri.digits) digits (RFC 4226 §5.3)")
      context.say(row(1, "counter", "C = \(counter)"))
    } else {
      try arguments.expectPositionals(0, usage: "explain [totp]")
      let (_, totp) = try context.requireTOTP()
      let time = context.world.appTime
      do { trace = try totp.trace(at: time) } catch { throw TutorError(error) }
      context.say("TOTP code at app time \(time), \(uri.algorithm), \(uri.digits) digits (RFC 6238 §4)")
      context.say(
        row(1, "time step", "T = floor((\(time.seconds) − \(totp.t0.seconds)) / \(totp.period.wholeSeconds)) = \(trace.counter)"))
    }
    context.say(row(2, "message", "the counter as 8 big-endian bytes: \(Format.spaced(trace.message))"))
    let hash = trace.algorithm.rawValue.replacingFirst("SHA", with: "SHA-")
    context.say(row(3, "HMAC-" + hash, "of the message, keyed with the secret:"))
    for line in Format.spacedLines(trace.mac, perLine: 16) { context.say(Line(String(repeating: " ", count: 17) + line)) }
    let last = trace.mac.last ?? 0
    context.say(row(4, "offset", "the low 4 bits of the last byte 0x\(Format.hex(last)): \(trace.offset)"))
    context.say(row(5, "four bytes", "at offset \(trace.offset): \(Format.spaced(trace.selectedBytes))"))
    let bits = "top bit cleared: 0x\(String(trace.binaryCode, radix: 16).leftPadded(to: 8)) = \(trace.binaryCode)"
    context.say(row(6, "31 bits", Line(bits)))
    context.say(row(7, "modulus", "10^\(trace.digits) = \(trace.modulus)"))
    let padded = trace.code.first == "0" ? " (zero-padded)" : ""
    context.say(
      row(
        8, "code",
        "\(trace.binaryCode) mod \(trace.modulus) = \(UInt64(trace.binaryCode) % trace.modulus) → \(code: trace.code)\(padded)"
      ))
  }

  /// One numbered line of an explanation, its label in a column.
  static func row(_ number: Int, _ label: String, _ text: Line) -> Line {
    " \(number). \(label.rightPadded(to: 13))" + text
  }
}

extension String {
  func replacingFirst(_ target: String, with replacement: String) -> String {
    guard let range = firstRange(of: target) else { return self }
    return String(self[..<range.lowerBound]) + replacement + String(self[range.upperBound...])
  }
}
