import Foundation
import Testing
import _OTPTestSupport

/// A battery of hostile lines through the built binary in script mode: no crash, no hang, one
/// `error:` line each, and afterwards the session still computes RFC 4226's codes.
@Suite("Hostile input through the binary")
struct HostileInputTests {
  static let lines: [String] = [
    // Commands, subcommands and options that do not exist.
    "hopt 0", "secret", "secret sett X", "clock jump 5s", "server policy windwo 1", "app install x",
    "attack nuke", "explain sha3", "key copy a b", "verify --windo 1 123456", "totp --at", "qr --ecc X",
    "qr --scale 0", "qr --scale 1000000000000000000000", "qr --margin -1", "enroll --type motp", "enroll --digits 5",
    "enroll --digits 99999999999999999999", "enroll --period 0", "enroll --period -30", "enroll --counter -1",
    "enroll --algorithm MD5", "enroll --uri", "enroll --uri ''", "enroll --account ''", "enroll --issuer a:b",
    // Codes, counters, ranges and secrets out of all proportion.
    "verify ''", "verify 12a456", "verify ١٢٣٤٥٦", "hotp -1", "hotp 18446744073709551616", "hotp 0..18446744073709551615",
    "hotp 9..0", "hotp a..b", "secret set 0189", "secret set --hex xyz", "secret set --hex 123", "secret new --bits 7",
    "secret new --bits 999999", "secret set --hex 31 --text a", "seed -5", "seed 99999999999999999999999",
    // Times and durations.
    "clock set -1", "clock set 10000-01-01", "clock set 2026-02-30", "clock set 99999999999999999999",
    "clock advance 999999999999999999999999d", "clock advance 1s1s", "clock advance -5s", "clock drift 100000000d",
    "watch 1000000d --every 1ms", "watch 1d --every 1ms", "watch 1m --every 0s", "watch 1m --speed -1",
    "watch 1m --speed NaN", "advance", "advance 3 parsecs",
    // Server policy values out of range.
    "server policy window 99999", "server policy rate-limit 0 per 30s", "server policy rate-limit 5 per 0s",
    "server policy rate-limit 1000 per 30s", "server policy look-ahead -3", "server scratch 0", "server scratch 1000",
    "attack guess --rate 0", "attack guess --rate 1e300", "attack guess --for 1000000000000d", "login nobody",
    // Files: folders, missing, unwritable and special files, and garbage.
    "key load /", "key load /nonexistent/2fa.txt", "key load /dev/zero", "key load /dev/null",
    "key save /proc/otp-tutor-test", "key save /", "qr --png /nonexistent/dir/x.png", "app scan /dev/zero",
    "app scan /etc/hostname", "app scan /", "record /proc/x.transcript", "lesson ../../etc/passwd",
    // Quoting, control bytes and encodings.
    "secret set \"unbalanced", "say 'unbalanced", "hotp \u{1B}[2J0", "hotp \u{7}0", "hotp 0\u{0}",
    "\u{FEFF}hotp 0", "totp\u{200B}", String(repeating: "x", count: 5000),
  ]

  @Test("at least 60 hostile lines: one error line each, no crash or hang, codes still right")
  func battery() async throws {
    #expect(Self.lines.count >= 60)
    let folder = try Repository.temporaryDirectory("hostile")
    var input = Data("secret set --text 12345678901234567890\n".utf8)
    for line in Self.lines {
      input.append(contentsOf: Array(line.utf8))
      input.append(10)
    }
    // A megabyte line, invalid UTF-8 and a NUL, as raw bytes.
    input.append(Data(repeating: UInt8(ascii: "7"), count: 1 << 20))
    input.append(10)
    input.append(contentsOf: [0xC3, 0x28, 0xFF, 0x0A, 0x00, 0x0A])
    input.append(contentsOf: Array("hotp 9\nhotp 0..2\n".utf8))
    // No hang: a shell still running after 30 s is killed and the test fails.
    let result = try await Binary.run([], inputData: input, in: folder, timeLimit: .seconds(30))
    #expect(result.status == 1)
    #expect(result.standardError.isEmpty, "\(result.standardError)")
    let output = result.standardOutput
    // One error line per hostile line (the 1 MB line, the invalid UTF-8 and the NUL line too).
    let errors = output.split(separator: "\n").filter { $0.hasPrefix("error: ") }
    #expect(errors.count == Self.lines.count + 3, "\(output.suffix(2000))")
    // Every command echo is followed by exactly one error line.
    let blocks = output.components(separatedBy: "otp> ").dropFirst(2).dropLast(2)
    for block in blocks {
      let lines = block.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().filter { !$0.isEmpty }
      #expect(lines.count == 1 && lines[0].hasPrefix("error: "), "\(block.prefix(300))")
    }
    // RFC 4226 Appendix D: the session still computes correct codes.
    #expect(output.hasSuffix("otp> hotp 9\n520489\notp> hotp 0..2\n0  755224\n1  287082\n2  359152\n"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "nothing was written")
  }

  @Test("secrets never appear in error messages")
  func secretsNotInErrors() async throws {
    let secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PX1"
    let input = """
      secret set \(secret)
      enroll --uri otpauth://totp/a?secret=\(secret)
      enroll --uri otpauth://totp/a?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&digits=5
      app scan --uri otpauth://totp/a?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&period=-1
      secret set --hex 3132333435363738393031323334353637383930zz
      """
    let result = try await Binary.run([], input: input + "\n")
    let errors = result.standardOutput.split(separator: "\n").filter { $0.hasPrefix("error: ") }
    #expect(errors.count == 5)
    for error in errors {
      #expect(!error.contains("JBSWY3DPEHPK3PX"), "\(error)")
      #expect(!error.contains("31323334353637383930"), "\(error)")
    }
  }

  @Test("hostile lesson and progress files: reported with file:line or set aside, nothing else lost")
  func hostileFiles() async throws {
    let folder = try Repository.temporaryDirectory("hostile-files")
    let lesson = try String(contentsOf: Repository.root.appendingPathComponent("Lessons/01-totp.md"), encoding: .utf8)
    let lessons = folder.appendingPathComponent("lessons")
    try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
    try String(lesson.prefix(lesson.count / 2)).write(to: lessons.appendingPathComponent("truncated.md"), atomically: true, encoding: .utf8)
    try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }).write(to: lessons.appendingPathComponent("garbage.md"))
    try lesson.write(to: lessons.appendingPathComponent("01-totp.md"), atomically: true, encoding: .utf8)
    let check = try await Binary.run(["check", lessons.path])
    #expect(check.status == 1)
    #expect(check.standardOutput.contains("ok      \(lessons.path)/01-totp.md"))
    // Bytes with no lesson header are not a lesson (a note, or garbage): passed over, and said so.
    #expect(check.standardOutput.contains("note: skipped \(lessons.path)/garbage.md: not a lesson"))
    #expect(check.standardOutput.contains("\(lessons.path)/truncated.md:"))
    // The shell lists the good lesson and warns about the bad ones.
    let list = try await Binary.run(["--lessons", lessons.path], input: "lessons\nlesson totp\n")
    #expect(list.standardOutput.contains("warning: \(lessons.path)/truncated.md:"))
    #expect(list.standardOutput.contains("── totp · step 1 of 7"))
  }
}
