import Foundation
import OTP
import Tutor

/// The parsers that take outside input, each with the properties it must keep on any bytes.
///
/// libFuzzer drives ``run(_:)`` (see `make fuzz`); in an ordinary build `otp-fuzz` replays
/// a corpus, which is how found crashes stay fixed.
enum FuzzTarget: String, CaseIterable {
  case base32
  case secret
  case uri
  case time
  case command
  case lesson
  case progress
  case keyfile

  func run(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    switch self {
    case .base32:
      // decode∘encode is the identity on bytes; what decodes re-encodes to something that decodes the same.
      let encoded = Base32.encode(bytes)
      check(try? Base32.decode(encoded) == bytes, "decode(encode(bytes)) != bytes")
      check(try? Base32.decode(Base32.encode(bytes, padded: true)) == bytes, "padded round trip")
      if let decoded = try? Base32.decode(text) {
        check(try? Base32.decode(Base32.encode(decoded)) == decoded, "re-encoding changed the bytes")
      }
    case .secret:
      for make in [{ try Secret(hex: text) }, { try Secret(text: text) }, { try Secret(base32: text) }]
        as [() throws -> Secret]
      {
        if let secret = try? make() {
          check(try? Secret(base32: secret.base32) == secret, "base32 round trip")
          check(try? Secret(hex: secret.hex) == secret, "hex round trip")
          check(!"\(secret)".contains(secret.base32) || secret.base32.isEmpty, "description shows the key")
          if let totp = try? TOTP(secret: secret) { _ = try? totp.code(at: UnixTime(seconds: Int64(bytes.count))) }
        }
      }
    case .uri:
      // A URI that parses rebuilds to one that parses to the same account.
      if let parsed = try? KeyURI.parse(text) {
        check(
          Escaping.isSafe(parsed.uri.account) && Escaping.isSafe(parsed.uri.issuer ?? ""),
          "a name with a control or invisible character was accepted")
        for includingDefaults in [false, true] {
          let rebuilt = parsed.uri.string(includingDefaults: includingDefaults)
          let again = try? KeyURI.parse(rebuilt)
          check(again?.uri == parsed.uri, "rebuilt URI \(rebuilt) parses to another account")
        }
      }
    case .time:
      // What parses is inside the engine's range, offsets applied; typed seconds keep their sign.
      let inRange = { (time: UnixTime) in time >= .epoch && time < .latest + .seconds(1) }
      if let time = try? UnixTime(iso8601: text) {
        check(inRange(time), "ISO 8601 time \(time) outside 1970–9999")
      }
      if let time = try? UnixTime.parse(typed: text) {
        check(inRange(time), "typed time \(time) outside 1970–9999")
        check(try? UnixTime(iso8601: time.iso8601) == time, "ISO 8601 round trip of \(time)")
        check(!text.hasPrefix("-") || time == .epoch, "negative \(text) read as \(time)")
      }
    case .command:
      // Files the commands write stay in a scratch folder: no '/' reaches a path.
      let folder = FileManager.default.temporaryDirectory.appendingPathComponent("otp-fuzz-commands-\(getpid())").path
      try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(atPath: folder) }
      // A colour terminal's session: whatever is typed, nothing it prints may command the terminal.
      let shown = OutputBuffer()
      let session = Session(
        configuration: .init(seed: 1, style: Style(usesColor: true), isInteractive: true), output: shown)
      session.workingDirectory = folder
      session.execute("secret set --text 12345678901234567890")
      for line in text.replacingOccurrences(of: "/", with: "_").split(separator: "\n", maxSplits: 8).map(String.init) {
        let output = OutputBuffer()
        let probe = Session(configuration: .init(seed: 1), output: output)
        probe.workingDirectory = folder
        if probe.execute(line) == .failed {
          check(
            output.text.hasPrefix("error: ") && output.text.filter { $0 == "\n" }.count == 1,
            "failure without one error line: \(output.text)")
        }
        session.execute(line) { _ in nil }
        check(Self.isSafeForTerminal(shown.take()), "raw control, C1 or bidi character printed for \(line.debugDescription)")
      }
      // The session still computes RFC 4226's codes.
      let output = OutputBuffer()
      let fresh = Session(configuration: .init(seed: 1), output: output)
      fresh.execute("secret set --text 12345678901234567890")
      _ = output.take()
      fresh.execute("hotp 9")
      check(output.text == "520489\n", "hotp 9 after hostile input")
    case .lesson:
      // The lesson parser either accepts or reports file:line.
      do {
        _ = try LessonParser.parse(text, file: "fuzz.md")
        _ = try? Transcript.parse(text, file: "fuzz.transcript")
      } catch {
        // Lines as the parser counts them: "\r\n" is one Character, and ends a line too.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.count
        check(error.file == "fuzz.md" && error.line >= 1 && error.line <= lines + 1, "bad error location \(error)")
        check(error.description.hasPrefix("fuzz.md:\(error.line): "), "error not in file:line form")
      }
    case .progress, .keyfile:
      let folder = FileManager.default.temporaryDirectory.appendingPathComponent("otp-fuzz-\(getpid())")
      try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      let file = folder.appendingPathComponent(self == .progress ? "progress.json" : "2fa.txt")
      _ = FileManager.default.createFile(atPath: file.path, contents: Data(bytes))
      if self == .progress {
        let (progress, warning) = ProgressStore(path: file.path).load(now: 0)
        if warning != nil { check(progress == Progress(), "a damaged file did not start fresh") }
      } else {
        let output = OutputBuffer()
        let session = Session(configuration: .init(), output: output)
        if session.execute("key load \(file.path)") == .failed {
          check(
            output.text.hasPrefix("error: ") && output.text.filter { $0 == "\n" }.count == 1, "key load: \(output.text)"
          )
        }
      }
      try? FileManager.default.removeItem(at: folder)
    }
  }

  /// Whether text holds nothing a terminal obeys but the renderer's own colour codes.
  static func isSafeForTerminal(_ text: String) -> Bool {
    var scalars = text.unicodeScalars[...]
    while let scalar = scalars.popFirst() {
      if scalar == "\u{1B}" {
        // Only SGR: ESC [ digits and semicolons, then m.
        guard scalars.popFirst() == "[" else { return false }
        while let next = scalars.first, next == ";" || ("0"..."9").contains(next) { scalars.removeFirst() }
        guard scalars.popFirst() == "m" else { return false }
      } else if scalar != "\n" && scalar != "\t" && !Escaping.isSafe(String(scalar)) {
        return false
      }
    }
    return true
  }

  private func check(_ condition: Bool?, _ message: @autoclosure () -> String) {
    if condition != true {
      FileHandle.standardError.write(Data("otp-fuzz \(rawValue): property failed: \(message())\n".utf8))
      abort()
    }
  }
}
