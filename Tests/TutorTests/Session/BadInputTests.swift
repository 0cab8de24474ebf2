import OTP
import Testing
import Tutor

/// Every wrong command, option, duration, time, code or secret: one `error:` line that says
/// what to type instead, and the session goes on.
@Suite("Session: bad input")
struct BadInputTests {
  static let lines: [(String, String)] = [
    ("hopt 0", "did you mean 'hotp'?"),
    ("secret sett X", "did you mean 'secret set'?"),
    ("secret set 1234", "for hex add --hex"),
    ("secret set --hex 3g", "not a hex digit"),
    ("secret new --bits 12", "multiple of 8"),
    ("secret new --bits", "--bits needs a value"),
    ("secret new --bist 80", "did you mean --bits?"),
    ("hotp 18446744073709551616", "is not a counter"),
    ("hotp 5..1", "runs backwards"),
    ("hotp 0..99999999999", "more than 10000000 codes"),
    ("clock set yesterday", "write it like 2026-11-29T15:56:36Z"),
    ("clock set 99999999999999", "after the year 9999"),
    ("clock advance 5 parsecs", "unexpected 'parsecs'"),
    ("clock advance 3x", "not a unit of time"),
    ("clock advance -5s", "cannot be negative"),
    ("clock drift 45", "") ,
    ("watch 1000000d --every 1ms", "too long a duration"),
    ("watch 1d --every 1ms", "use at most 10000 rows"),
    ("watch 1m --speed fast", "not a speed"),
    ("verify 12a456", "is not a digit"),
    ("verify", "verify needs more arguments"),
    ("verify 123456 --window 99999", "not a valid window"),
    ("enroll --digits 12", "not a valid number of digits"),
    ("enroll --algorithm MD5", "use SHA1, SHA256 or SHA512"),
    ("enroll --uri http://x", "is not an otpauth:// URI"),
    ("enroll --uri otpauth://totp/a?secret=JBSWY3DP&secret=JBSWY3DP", "appears twice"),
    ("enroll --type totp --counter 3", "--counter is for HOTP"),
    ("say \"unbalanced", "unbalanced \" quote"),
    ("totp --at 1969-01-01", "is before 1970"),
    ("seed -1", "not a seed"),
    ("help hotpp", "did you mean 'help hotp'?"),
    ("explain sha1", "not a subcommand of explain"),
  ]

  @Test("one error line each, then the session still computes correct codes", arguments: lines)
  func badInput(_ line: String, _ remedy: String) {
    let shell = Harness()
    shell.run("secret set --text 12345678901234567890")
    let result = shell.run(line)
    if remedy.isEmpty {
      #expect(result.outcome == .succeeded, "\(result.text)")
      return
    }
    #expect(result.outcome == .failed)
    #expect(result.text.hasPrefix("error: "), "\(result.text)")
    #expect(result.text.filter { $0 == "\n" }.count == 1, "\(result.text)")
    #expect(result.text.contains(remedy), "\(result.text)")
    // RFC 4226 Appendix D, counter 9.
    #expect(shell.text("hotp 9") == "520489\n")
  }

  @Test("overlong lines and control characters are refused")
  func hostileLines() {
    let shell = Harness()
    #expect(shell.text(String(repeating: "a", count: 5000)).hasPrefix("error: the line is 5000 bytes long"))
    #expect(shell.text("hotp \u{1B}[2J0").hasPrefix("error: the line contains a control character (U+001B)"))
    #expect(shell.text("hotp \u{0}").hasPrefix("error: the line contains a control character"))
  }

  @Test("commands that need a secret say how to make one")
  func noSecret() {
    let shell = Harness()
    for line in ["totp", "hotp 0", "uri", "verify 123456", "explain", "secret show"] {
      #expect(shell.text(line) == "error: there is no secret yet; type 'secret new' or 'secret set <base32>' first\n")
    }
  }
}
