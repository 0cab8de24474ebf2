import Foundation
import Testing
import _OTPTestSupport

/// Drives the built `otp-tutor` binary through pipes, as a script, a CI job or a learner's
/// `printf … | otp-tutor` would.
@Suite("otp-tutor through pipes")
struct EndToEndTests {
  static let golden = Repository.root.appendingPathComponent("Tests/otp-tutorTests/Golden")

  static var scripts: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: golden.path)) ?? [])
      .filter { $0.hasSuffix(".script") }.sorted()
  }

  @Test("golden transcripts (re-record with RECORD_GOLDEN=1)", arguments: scripts)
  func transcript(_ name: String) async throws {
    let script = Self.golden.appendingPathComponent(name)
    let expectedURL = script.deletingPathExtension().appendingPathExtension("transcript")
    let folder = try Repository.temporaryDirectory("golden")
    let result = try await Binary.run(["--seed", "42", "--script", script.path], in: folder)
    let actual = result.standardOutput + "[exit \(result.status)]\n"
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil {
      try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
      Issue.record("recorded \(expectedURL.lastPathComponent); run again without RECORD_GOLDEN")
      return
    }
    let expected = try String(contentsOf: expectedURL, encoding: .utf8)
    #expect(actual == expected)
    #expect(result.standardError.isEmpty)
  }

  @Test("the same script twice gives identical bytes, through a file and through stdin")
  func identical() async throws {
    let script = Self.golden.appendingPathComponent("expiry-and-drift.script")
    let first = try await Binary.run(["--seed", "1", "--script", script.path]).standardOutput
    let second = try await Binary.run(["--seed", "1"], input: String(contentsOf: script, encoding: .utf8)).standardOutput
    #expect(first == second)
    #expect(!first.contains("\u{1B}"), "no escape codes when stdout is not a terminal")
  }

  @Test("printf 'secret set Muhammad\\nhotp 0..3\\n' | otp-tutor")
  func tutorialHOTP() async throws {
    let result = try await Binary.run([], input: "secret set Muhammad\nhotp 0..3\n")
    #expect(result.status == 0)
    for code in ["486480", "069773", "220441", "138066"] {
      #expect(result.standardOutput.contains(code))
    }
    #expect(result.standardOutput.contains("warning: this secret is only 40 bits"))
    #expect(result.standardOutput.contains("otp> hotp 0..3\n0  486480\n"))
  }

  @Test(
    "the RFC 6238 seeds through enroll --uri",
    arguments: [
      ("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "", "94287082"),
      ("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA", "&algorithm=SHA256", "46119246"),
      (
        "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA",
        "&algorithm=SHA512", "90693936"
      ),
    ])
  func rfc6238(_ secret: String, _ algorithm: String, _ code: String) async throws {
    let input = "clock set 59\nenroll --uri otpauth://totp/RFC:6238?secret=\(secret)&digits=8\(algorithm)\ntotp\n"
    let result = try await Binary.run([], input: input)
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("otp> totp\n\(code)  "))
  }

  @Test("exit status: 1 if any command failed, all lines run unless --stop-on-error")
  func exitStatus() async throws {
    let input = "hopt\nsecret set Muhammad\nhotp 0\n"
    let all = try await Binary.run([], input: input)
    #expect(all.status == 1)
    #expect(all.standardOutput.contains("486480"))
    let stopped = try await Binary.run(["--stop-on-error"], input: input)
    #expect(stopped.status == 1)
    #expect(!stopped.standardOutput.contains("486480"))
    #expect(try await Binary.run([], input: "# a comment\n\nsecret new\n").status == 0)
  }

  @Test("no arguments (started without the parser) runs exactly as 'otp-tutor shell': bytes and exit status")
  func noArgumentsIsTheShell() async throws {
    for input in ["hopt\nsecret set Muhammad\nhotp 0\n", "secret set Muhammad\ntotp\nlesson hotp\n", ""] {
      let bare = try await Binary.run([], input: input)
      let shell = try await Binary.run(["shell"], input: input)
      #expect(bare.standardOutput == shell.standardOutput)
      #expect(bare.standardError == shell.standardError)
      #expect(bare.status == shell.status)
    }
    #expect(try await Binary.run([], input: "hopt\n").status == 1)
  }

  #if canImport(Glibc)
  // LD_DEBUG is glibc's loader's.
  @Test("libedit, libqrencode, libpng and libzbar are loaded only when a command needs them")
  func librariesLoadedOnDemand() async throws {
    let libraries = ["libedit.so", "libqrencode.so", "libpng16.so", "libzbar.so"]
    // The loader names each library it opens on standard error.
    func loaded(by script: String) async throws -> Set<String> {
      let folder = try Repository.temporaryDirectory("on-demand")
      defer { try? FileManager.default.removeItem(at: folder) }
      let result = try await Binary.run([], input: script, environment: ["LD_DEBUG": "files"], in: folder)
      #expect(result.status == 0, "\(result.standardOutput)")
      return Set(libraries.filter { library in result.standardError.contains("file=\(library)") })
    }
    #expect(try await loaded(by: "") == [])
    #expect(try await loaded(by: "secret new\ntotp\nhotp 0\nlesson totp\n") == [])
    // enroll shows the QR code to scan.
    let enroll = "enroll --account Muhammad --issuer CodingFleet.com\n"
    #expect(try await loaded(by: enroll + "qr --svg totp_qr.svg\n") == ["libqrencode.so"])
    #expect(try await loaded(by: enroll + "qr --png totp_qr.png\napp scan totp_qr.png\n")
      == ["libqrencode.so", "libpng16.so", "libzbar.so"])
  }
  #endif

  @Test("--seed notes that seeded secrets are for demos only, and repeats them")
  func seed() async throws {
    let first = try await Binary.run(["--seed", "9"], input: "secret new\n").standardOutput
    #expect(first.contains("for demos only"))
    #expect(first == (try await Binary.run(["--seed", "9"], input: "secret new\n").standardOutput))
    #expect(first != (try await Binary.run(["--seed", "10"], input: "secret new\n").standardOutput))
  }

  @Test("--clock takes Unix seconds or ISO 8601; a bad one is refused before anything runs")
  func clockOption() async throws {
    let iso = try await Binary.run(["--clock", "2009-02-13T23:31:30Z"], input: "clock\n").standardOutput
    #expect(iso.contains("unix 1234567890"))
    let unix = try await Binary.run(["--clock", "1234567890"], input: "clock\n").standardOutput
    #expect(unix.contains("2009-02-13T23:31:30Z"))
    let bad = try await Binary.run(["--clock", "soon"], input: "clock\n")
    #expect(bad.status != 0)
    #expect(bad.standardError.contains("--clock"))
  }

  @Test("--help states the default start instant; --version prints one")
  func helpAndVersion() async throws {
    let help = try await Binary.run(["--help"])
    #expect(help.standardOutput.contains("2026-01-01T00:00:00Z"))
    for subcommand in ["shell", "check", "lesson", "play"] { #expect(help.standardOutput.contains(subcommand)) }
    let shell = try await Binary.run(["shell", "--help"])
    for option in ["--seed", "--clock", "--script", "--no-color", "--stop-on-error", "--lessons"] {
      #expect(shell.standardOutput.contains(option), "\(option)")
    }
    #expect(try await Binary.run(["--version"]).standardOutput == "otp-tutor 0.1.0\n")
    // The top-level help shows the default command's options, examples and the environment.
    for text in ["SHELL OPTIONS", "--script", "--seed", "--clock", "--lessons", "--no-color", "EXAMPLES:", "ENVIRONMENT:"] {
      #expect(help.standardOutput.contains(text), "\(text)")
    }
    // Examples and the environment are laid out to fit, not wrapped mid-column.
    #expect(help.standardOutput.contains("  otp-tutor < commands.txt           a script: the same bytes every run\n"))
    for variable in ["NO_COLOR", "TERM", "XDG_STATE_HOME", "OTP_TUTOR_LESSONS", "HOME"] {
      #expect(help.standardOutput.contains("  \(variable) "), "\(variable)")
    }
  }

  @Test("a script that cannot be read, or is a folder: exit 66 (EX_NOINPUT) with one line naming it, no usage text")
  func unreadableScript() async throws {
    let folder = try Repository.temporaryDirectory("no-input")
    let missing = folder.appendingPathComponent("missing.txt").path
    let absent = try await Binary.run(["--script", missing])
    #expect(absent.status == 66)
    #expect(absent.standardError == "Error: cannot open the script '\(missing)': No such file or directory\n")
    let directory = try await Binary.run(["--script", folder.path])
    #expect(directory.status == 66)
    #expect(directory.standardError == "Error: '\(folder.path)' is a folder, not a script; give a file of commands, one per line\n")
  }

  @Test("hostile bytes: invalid UTF-8, NUL, escapes and a 1 MB line never crash it")
  func hostileBytes() async throws {
    var input = Data("secret set --text 12345678901234567890\n".utf8)
    input.append(contentsOf: [0xFF, 0xFE, 0x0A])
    input.append(contentsOf: Array("hotp \u{0}1\n".utf8))
    input.append(contentsOf: Array("\u{1B}[31mhotp 0\n".utf8))
    input.append(Data(repeating: UInt8(ascii: "a"), count: 1 << 20))
    input.append(contentsOf: Array("\nhotp 9\n".utf8))
    let result = try await Binary.run([], inputData: input)
    #expect(result.status == 1)
    // RFC 4226 Appendix D, counter 9: the session still computes correct codes.
    #expect(result.standardOutput.hasSuffix("otp> hotp 9\n520489\n"))
    // Nothing typed reaches the terminal raw: control characters are shown, long lines cut.
    #expect(!result.standardOutput.contains("\u{1B}"))
    #expect(!result.standardOutput.contains("\u{0}"))
    #expect(result.standardOutput.contains("otp> ^[[31mhotp 0\n"))
    #expect(result.standardOutput.contains("… (1048576 bytes)"))
    let errors = result.standardOutput.split(separator: "\n").filter { $0.hasPrefix("error:") }
    #expect(errors.count == 4)
  }
}
