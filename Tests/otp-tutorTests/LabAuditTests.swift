import Foundation
import Testing
import _OTPTestSupport

/// `lab files` and `lab audit` on the sample programs, through the built binary.
@Suite("Labs: files and audits", .serialized)
struct LabAuditTests {
  static let key = LabRunTests.key

  @Test("lab run of the enrolment program checks its files: the 0644 key file is a finding; QR, key and app agree")
  func enrolmentFiles() async throws {
    let folder = try await LabRunTests.folder()
    let lines = LabRunTests.unwrapped(try await LabRunTests.run("lab run -- python3 enrol.py \(Self.key)\nlab files\n", in: folder).lines)
    // What zbarimg (not our reader) finds in the image the program drew.
    let scanned = try await Peer.output("zbarimg", ["--quiet", "--raw", folder.appendingPathComponent("totp_qr.png").path])
      .trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(scanned.contains("secret=\(Self.key)") && scanned.contains("issuer=CodingFleet.com"), "\(scanned)")
    let mode = try #require(
      try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("2fa.txt").path)[.posixPermissions] as? Int)
    #expect(mode & 0o044 != 0, "the sample writes its key file readable by others, as the tutorial's does")
    let modeFindings = lines.filter { $0.hasPrefix("  FAIL  2fa.txt is mode 0644: every user on this machine can read the secret") }
    #expect(modeFindings.count == 2, "lab run checks the files it wrote, and lab files again: \(lines)")
    #expect(lines.filter { $0 == "  ok    totp_qr.png decodes (libzbar) to \(scanned)" }.count == 2, "\(lines)")
    #expect(lines.contains("  ok    its secret is the key in 2fa.txt"))
    #expect(lines.contains("  ok    account Muhammad, issuer CodingFleet.com"))
    // The app's code at the virtual time is oathtool's.
    let code = try await LabRunTests.oathtool(at: "2026-01-01 00:00:10 UTC")
    #expect(lines.contains("  ok    the simulated app scanned it and shows \(code) at 2026-01-01T00:00:10Z; the key file gives \(code)"), "\(lines)")
    #expect(lines.filter { $0 == "lab files: 1 finding" }.count == 2)

    // Fixed: mode 0600, no finding.
    chmod(folder.appendingPathComponent("2fa.txt").path, 0o600)
    let fixed = LabRunTests.unwrapped(try await LabRunTests.run("lab files\n", in: folder).lines)
    #expect(fixed.contains("  ok    2fa.txt is mode 0600: only its owner can read the secret"))
    #expect(fixed.last == "lab files: no findings")
  }

  @Test("lab files: a key file whose key differs from the QR code's, and one that is not base32")
  func mismatchedFiles() async throws {
    let folder = try await LabRunTests.folder()
    _ = try await LabRunTests.run("lab run -- python3 enrol.py \(Self.key)\n", in: folder)
    try "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ".write(to: folder.appendingPathComponent("other.txt"), atomically: true, encoding: .utf8)
    try "not a key!".write(to: folder.appendingPathComponent("bad.txt"), atomically: true, encoding: .utf8)
    let lines = LabRunTests.unwrapped(try await LabRunTests.run("lab files --key other.txt\nlab files --key bad.txt\n", in: folder).lines)
    #expect(lines.contains { $0.hasPrefix("  FAIL  its secret differs from the key in other.txt") })
    #expect(lines.contains { $0.hasPrefix("  FAIL  bad.txt does not hold a base32 key") })
  }

  /// Audits a login program with a key file in its folder.
  static func audit(_ program: String) async throws -> [String] {
    let folder = try await LabRunTests.folder()
    try Self.key.write(to: folder.appendingPathComponent("2fa.txt"), atomically: true, encoding: .utf8)
    let before = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    let lines = LabRunTests.unwrapped(try await LabRunTests.run("lab audit --guesses 20 -- python3 \(program)\n", in: folder).lines)
    let after = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(before == after, "the audit wrote in the learner's folder")
    return lines
  }

  @Test("lab audit of the weak checker: window 0/0 measured, replay accepted, no throttle; the report cites its sources")
  func weakChecker() async throws {
    let lines = try await Self.audit("otp_verification.py")
    #expect(lines.contains("  window: accepts codes 0 steps before and 0 after the current one (accepted 0; refused -3 -2 -1 +1 +2 +3)"), "\(lines)")
    #expect(lines.contains("  replay: the same code logged in twice, 5 s apart in its step"))
    #expect(lines.contains("  guessing: 20 wrong codes at 10 a second, then the right one: it logged in; nothing slowed or stopped the guesser"))
    #expect(lines.contains { $0.hasPrefix("  timing: not measured") })
    #expect(lines.contains("lab audit: 3 findings; what to change:"))
    let findings = lines.filter { $0.hasPrefix("  - ") }.joined(separator: "\n")
    for source in ["RFC 6238 §5.2", "NIST SP 800-63B §5.1.4.2", "RFC 4226 §7", "NIST SP 800-63B §5.2.2"] {
      #expect(findings.contains(source), "the report does not cite \(source)")
    }
  }

  @Test("lab audit of the hardened checker: window 1/1, replay refused, throttled; no findings")
  func hardenedChecker() async throws {
    let lines = try await Self.audit("otp_verification_hardened.py")
    #expect(lines.contains("  window: accepts codes 1 step before and 1 after the current one (accepted -1 0 +1; refused -3 -2 +2 +3)"), "\(lines)")
    #expect(lines.contains("  replay: the same code was refused the second time"))
    // Its limit is 5 failures in 300 s: the right code is refused 2 minutes on and accepted 5 minutes on.
    #expect(lines.contains("  guessing: 20 wrong codes at 10 a second, then the right one: refused; it logged in again between 2.0 min and 5.0 min later"))
    #expect(lines.contains { $0.hasPrefix("  at most 5 attempts per 5.0 min get through") })
    #expect(lines.last?.hasPrefix("lab audit: no findings") == true)
  }

  @Test("lab audit judges by the sentences it is given (--accepts, --refuses), says which, and stops on output with neither")
  func verdictSentences() async throws {
    let folder = try await LabRunTests.folder()
    try Self.key.write(to: folder.appendingPathComponent("2fa.txt"), atomically: true, encoding: .utf8)
    let program = """
      import pyotp
      totp = pyotp.TOTP(open("2fa.txt").read().strip())
      print("Welcome!" if totp.verify(input("Code? ")) else "Wrong code.")
      """
    try program.write(to: folder.appendingPathComponent("welcome.py"), atomically: true, encoding: .utf8)
    let named = LabRunTests.unwrapped(
      try await LabRunTests.run(
        "lab audit --guesses 5 --accepts Welcome --refuses \"wrong code\" -- python3 welcome.py\n", in: folder
      ).lines)
    #expect(named.contains { $0.contains("judged by its output: \"Welcome\" is a login, \"wrong code\" a refusal (--accepts, --refuses)") }, "\(named)")
    #expect(named.contains("  window: accepts codes 0 steps before and 0 after the current one (accepted 0; refused -3 -2 -1 +1 +2 +3)"), "\(named)")
    #expect(named.contains("  replay: the same code logged in twice, 5 s apart in its step"))
    #expect(named.contains("lab audit: 3 findings; what to change:"))

    // The tutorial's sentences by default: this program prints neither, so nothing is judged.
    let unnamed = try await LabRunTests.run("lab audit --guesses 5 -- python3 welcome.py\n", in: folder).lines
    #expect(
      unnamed.filter { $0.hasPrefix("error: ") } == [
        "error: python3 welcome.py printed neither \"Authentication successful\" nor \"Authentication failed\" for a code (its last line: Wrong code.), so the audit cannot tell whether it logged in; give the sentences your program prints, like --accepts \"Welcome\" --refuses \"Wrong code\""
      ], "\(unnamed)")
    #expect(!unnamed.contains { $0.hasPrefix("  window:") })
    let same = try await LabRunTests.run("lab audit --accepts Welcome --refuses welcome -- python3 welcome.py\n", in: folder).lines
    #expect(same.filter { $0.hasPrefix("error: --accepts and --refuses must differ") }.count == 1, "\(same)")
  }

  @Test("lab audit errors: a program that never asks for a code, and no key file")
  func auditErrors() async throws {
    let folder = try await LabRunTests.folder()
    let none = try await LabRunTests.run("lab audit -- python3 otp_verification.py\n", in: folder).lines
    #expect(none.filter { $0.hasPrefix("error: ") } == ["error: there is no file '2fa.txt'; check the name; Tab completes file names"])
    try Self.key.write(to: folder.appendingPathComponent("2fa.txt"), atomically: true, encoding: .utf8)
    let silent = try await LabRunTests.run("lab audit -- python3 hotp_sequence.py \(Self.key)\n", in: folder).lines
    #expect(silent.filter { $0.hasPrefix("error: ") }.count == 1)
    #expect(silent.contains { $0.hasPrefix("error: python3 hotp_sequence.py") && $0.contains("ended without asking for a code") })
  }
}
