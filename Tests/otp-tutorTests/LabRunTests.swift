import Foundation
import Testing
import _OTPTestSupport

/// `lab run` and `lab kat` on the sample programs of Examples/labs, through the built binary.
///
/// The codes the programs must print come from oathtool at the virtual time, never from this
/// project's engine: a program that saw the real clock (libfaketime not working) fails.
@Suite("Labs: the learner's programs on the virtual clock", .serialized)
struct LabRunTests {
  static let key = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

  /// A folder holding the samples (copied by `lab samples`) and what else a test writes.
  static func folder() async throws -> URL {
    let folder = try Repository.temporaryDirectory("lab")
    let copied = try await Binary.run(["--script", "-"], input: "lab samples\n", in: folder)
    try #require(copied.status == 0, "lab samples failed: \(copied.standardOutput)")
    return folder
  }

  /// oathtool's TOTP code for the key at a time.
  static func oathtool(at time: String) async throws -> String {
    try await Peer.output("oathtool", ["--totp", "-b", key, "--now", time]).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// The shell's own long lines (wrapped at 78 columns, later lines indented by 4 or more
  /// spaces) joined back into one each, so that a test reads a sentence whole.
  static func unwrapped(_ lines: [String]) -> [String] {
    var joined: [String] = []
    for line in lines {
      if line.hasPrefix("    "), let last = joined.last, !last.hasPrefix("  | ") {
        joined[joined.count - 1] = last + " " + line.drop { $0 == " " }
      } else {
        joined.append(line)
      }
    }
    return joined
  }

  static func run(_ script: String, in folder: URL, clock: String = "2026-01-01T00:00:10Z", environment: [String: String] = [:])
    async throws -> Peer.Output
  {
    try await Binary.run(["--clock", clock], input: script, environment: environment, in: folder)
  }

  @Test("the TOTP demo prints oathtool's code at the virtual time, accepts it in its step and refuses it after 31 s")
  func totpDemo() async throws {
    let folder = try await Self.folder()
    let expected = try await Self.oathtool(at: "2026-01-01 00:00:10 UTC")
    let result = try await Self.run(
      """
      lab run --answer printed -- python3 totp_demo.py \(Self.key)
      lab run --answer printed --after 31s -- python3 totp_demo.py \(Self.key)
      clock

      """, in: folder)
    #expect(result.status == 0, "\(result.standardOutput)")
    let lines = result.lines
    #expect(lines.filter { $0 == "  | Current OTP: \(expected)" }.count == 2, "\(lines)")
    #expect(lines.filter { $0 == "  | Enter Code: \(expected)" }.count == 2)
    let verdicts = lines.filter { $0 == "  | True" || $0 == "  | False" }
    #expect(verdicts == ["  | True", "  | False"], "\(lines)")
    #expect(lines.contains("lab: you wait before answering; the clock is now 2026-01-01T00:00:41Z"))
    // The session's clock moved with the wait.
    #expect(lines.contains { $0.hasPrefix("server time: 2026-01-01T00:00:41Z") })
  }

  @Test("the same script prints the same bytes twice")
  func deterministic() async throws {
    let folder = try await Self.folder()
    let script = "lab run --answer printed --after 31s -- python3 totp_demo.py \(Self.key)\nlab kat -- python3 hotp_no_zero.py\n"
    let first = try await Self.run(script, in: folder)
    let second = try await Self.run(script, in: folder)
    #expect(first.standardOutput == second.standardOutput)
    #expect(!first.standardOutput.isEmpty)
  }

  @Test("the login check accepts the code in its step and refuses it after 31 s, with the tutorial's sentences")
  func login() async throws {
    let folder = try await Self.folder()
    try Self.key.write(to: folder.appendingPathComponent("2fa.txt"), atomically: true, encoding: .utf8)
    let code = try await Self.oathtool(at: "2026-01-01 00:00:10 UTC")
    let result = try await Self.run(
      """
      lab run --answer \(code) -- python3 otp_verification.py
      lab run --after 31s -- python3 otp_verification.py
      \(code)

      """, in: folder)
    let lines = result.lines
    #expect(lines.contains("  | Enter Code: \(code)"), "\(lines)")
    #expect(lines.contains("Enter Code: \(code)"), "a typed answer is shown as login shows it")
    let verdicts = lines.filter { $0.hasPrefix("  | Authentication") }
    #expect(
      verdicts == [
        "  | Authentication successful!", "  | Authentication failed. Please try again with the right key.",
      ], "\(lines)")
  }

  @Test("a program that dies is reported with its status, and its own output is shown")
  func shortKey() async throws {
    let folder = try await Self.folder()
    let result = try await Self.run("lab run -- python3 hotp_short_key.py\nlab run -- python3 hotp_sequence.py \(Self.key)\n", in: folder)
    let lines = result.lines
    #expect(lines.contains { $0.hasPrefix("  | ValueError: Secrets must be at least") }, "\(lines)")
    #expect(lines.contains("lab: the program exited with status 1"))
    // The fixed program's codes are pyotp's; compare with oathtool's HOTP.
    let codes = try await Peer.output("oathtool", ["--hotp", "-b", Self.key, "-w", "3", "-c", "0"])
      .split(separator: "\n").map(String.init)
    #expect(codes.count == 4)
    for (counter, code) in codes.enumerated() { #expect(lines.contains("  | \(counter) \(code)")) }
  }

  // MARK: lab kat

  @Test("lab kat: the correct HOTP passes every case; the two wrong ones fail with the right cause")
  func knownAnswers() async throws {
    let folder = try await Self.folder()
    let correct = try await Self.run("lab kat -- python3 hotp_correct.py\n", in: folder).lines
    #expect(correct.last?.hasPrefix("lab kat: all ") == true && correct.last?.hasSuffix(" cases passed") == true, "\(correct)")
    #expect(!correct.contains { $0.contains("FAIL") })
    // The cases' codes agree with oathtool: App. D and the leading-zero case.
    let appendixD = try await Peer.output("oathtool", ["--hotp", "3132333435363738393031323334353637383930", "-w", "9", "-c", "0"])
      .split(separator: "\n").map(String.init)
    for (counter, code) in appendixD.enumerated() {
      #expect(correct.contains("  pass  RFC 4226 App. D, counter \(counter): \(code)"))
    }
    let zeroCase = try #require(correct.first { $0.contains("leading zero, counter ") })
    let counter = try #require(zeroCase.split(separator: " ").dropFirst(4).first.map { String($0.dropLast()) })
    let zeroCode = try await Peer.output("oathtool", ["--hotp", "3132333435363738393031323334353637383930", "-c", counter])
    #expect(zeroCode.hasPrefix("0"))
    #expect(zeroCase.hasSuffix(": " + zeroCode.trimmingCharacters(in: .whitespacesAndNewlines)))

    let noZero = try await Self.run("lab kat -- python3 hotp_no_zero.py\n", in: folder).lines
    let zeroFailure = try #require(noZero.firstIndex { $0.contains("FAIL  leading zero") }, "\(noZero)")
    #expect(noZero[zeroFailure + 1].contains("you dropped the leading zero"))
    #expect(noZero.last?.contains("of") == true && noZero.last?.contains("cases passed") == true)

    let signed = try await Self.run("lab kat -- python3 hotp_signed.py\n", in: folder).lines
    let failures = signed.indices.filter { signed[$0].contains("FAIL") }
    #expect(!failures.isEmpty)
    for index in failures { #expect(signed[index + 1].contains("signed number"), "\(signed[index + 1])") }
  }

  @Test("lab kat --stdin sends each case on standard input; --totp runs RFC 6238 App. B")
  func knownAnswersOnInput() async throws {
    let folder = try Repository.temporaryDirectory("lab-kat")
    let totp = """
      import hashlib, hmac, struct, sys
      key, now, digits, algorithm = input().split()
      key, now, digits = bytes.fromhex(key), int(now), int(digits)
      if now < 0:
          sys.exit("before T0")
      mac = hmac.new(key, struct.pack(">Q", now // 30), getattr(hashlib, algorithm)).digest()
      offset = mac[-1] & 15
      print(str((struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF) % 10**digits).zfill(digits))
      """
    try totp.write(to: folder.appendingPathComponent("totp_kat.py"), atomically: true, encoding: .utf8)
    let lines = try await Self.run("lab kat --totp --stdin -- python3 totp_kat.py\n", in: folder).lines
    #expect(lines.last?.hasPrefix("lab kat: all ") == true, "\(lines)")
    // RFC 6238 App. B's published SHA-256 code at 59 s, with the 32-byte seed.
    #expect(lines.contains("  pass  RFC 6238 App. B, SHA256, time 59: 46119246"))
  }

  // MARK: Errors

  @Test("bad programs: each gets one line saying what to do, and the session goes on")
  func errors() async throws {
    let folder = try await Self.folder()
    try "import signal\nsignal.pause()\n".write(to: folder.appendingPathComponent("hang.py"), atomically: true, encoding: .utf8)
    let started = ContinuousClock.now
    let result = try await Self.run(
      """
      lab run -- no-such-program
      lab run --timeout 1s -- python3 hang.py
      lab run --answer 123456 -- python3 -c print(42)
      lab run -- python3 -c "import sys; sys.stdout.buffer.write(bytes([0x1b,0x5b,0x32,0x4a,0xff,0x0a]))"
      lab run python3 totp_demo.py
      clock

      """, in: folder)
    #expect(ContinuousClock.now - started < .seconds(30), "the hung program was not stopped in time")
    let errors = result.lines.filter { $0.hasPrefix("error: ") }
    #expect(errors.count == 4, "\(result.lines)")
    #expect(errors.contains { $0.contains("no command 'no-such-program'") })
    #expect(errors.contains { $0.contains("still running after 1.0 s and was stopped") && $0.contains("--timeout") })
    #expect(errors.contains { $0.contains("ended without asking for the answer") })
    #expect(errors.contains { $0.contains("must come after --") && $0.contains("lab run") })
    // Garbage is shown escaped, never raw.
    #expect(!result.standardOutput.contains("\u{1B}"))
    #expect(result.lines.contains("  | ^[[2J\u{FFFD}"))
    #expect(result.lines.contains { $0.hasPrefix("warning: the program printed bytes that are not UTF-8") })
    #expect(result.lines.contains { $0.hasPrefix("server time:") }, "the session went on")
  }

  @Test("a statically linked program is refused with the reason, and never started")
  func staticProgram() async throws {
    let path = "/sbin/ldconfig"
    let described = try await Peer.output("file", ["-L", path])
    try #require(described.contains("static"), "this test needs a static \(path); file says: \(described)")
    let folder = try Repository.temporaryDirectory("lab-static")
    let result = try await Self.run("lab run -- \(path)\n", in: folder)
    #expect(
      result.lines.filter { $0.hasPrefix("error: ") } == [
        "error: '\(path)' is statically linked, so libfaketime cannot be preloaded into it to set its clock; link it dynamically (a C program: cc without -static), or run it through an interpreter"
      ])
    #expect(!result.lines.contains { $0.hasPrefix("lab: ") }, "it was started")
  }

  @Test("a Python module that is missing: the program's traceback, then how to install it")
  func missingModule() async throws {
    let folder = try Repository.temporaryDirectory("lab-module")
    let result = try await Self.run("lab run -- python3 -c \"import no_such_module_for_otp_tutor\"\n", in: folder)
    #expect(result.lines.contains { $0.hasPrefix("  | ModuleNotFoundError: No module named") })
    #expect(
      result.lines.contains(
        "note: Python has no module 'no_such_module_for_otp_tutor': install it with python3 -m pip install no_such_module_for_otp_tutor ('make test' does)"
      ), "\(result.lines)")
  }

  @Test("without libfaketime, one line says how to install it")
  func missingLibfaketime() async throws {
    let folder = try await Self.folder()
    let result = try await Self.run(
      "lab run -- python3 totp_demo.py\n", in: folder, environment: ["OTP_TUTOR_LIBFAKETIME": "/nonexistent/libfaketime.so.1"])
    #expect(result.status == 1)
    #expect(
      result.lines.filter { $0.hasPrefix("error: ") } == [
        "error: libfaketime is not installed, so a program cannot be run on the virtual clock; install it (as root: apt-get install -y faketime libfaketime; 'make test' does) and try again"
      ])
  }
}
