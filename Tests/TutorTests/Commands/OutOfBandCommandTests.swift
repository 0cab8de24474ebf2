import OTP
import Testing
@testable import Tutor

@Suite("sms, email and push: the commands")
struct OutOfBandCommandTests {
  /// The code a line like `  2026-01-01T00:00:05Z  your code is 123456 (sent …)` shows.
  static func code(in inbox: String) -> String? {
    inbox.split(separator: "\n").last { $0.contains("your code is") }.map { line in
      String(line.split(separator: " ").drop { $0 != "is" }.dropFirst().first ?? "")
    }
  }

  /// The facts a line reported.
  static func facts(_ shell: Harness, _ line: String) -> [Fact] {
    let context = Context.silent(shell.session)
    _ = shell.session.run(line, in: context)
    return context.facts
  }

  @Test(
    "bad input gets one line: what was wrong, and what to type instead",
    arguments: [
      ("sms", "error: sms needs a subcommand; type sms send|inbox|verify|swap|restore|policy"),
      ("sms sned", "error: 'sned' is not a subcommand of sms; did you mean 'sms send'? type sms send|inbox|verify|swap|restore|policy"),
      ("sms send --delay", "error: --delay needs a value; type sms send --delay <value>; see 'help sms send'"),
      ("sms send --delay soon", "error: 'soon' is not a duration; write it like 500ms, 30s"),
      ("sms send --delay 2d", "error: a delay of 2d is too long; give at most 1d, like --delay 20s"),
      ("sms send now", "error: unexpected 'now' after sms send; type sms send [--delay 20s]"),
      ("sms verify", "error: sms verify needs more arguments; type sms verify <code>, the 6 digits from 'sms inbox'"),
      ("sms verify 12ab56", "error: '12ab56' is not a code: the server sends 6 digits; type sms verify and the 6 digits from 'sms inbox'"),
      ("sms verify 123456", "error: the server has sent no code by SMS; type 'sms send' first"),
      ("sms restore", "error: the number is the learner's already; type 'sms swap' to move it to the attacker's SIM"),
      ("sms inbox --atacker", "error: unknown option '--atacker' for sms inbox; did you mean --attacker?"),
      ("email inbox --attacker", "error: unknown option '--attacker' for email inbox"),
      ("sms policy lifetime 5m", "error: 'lifetime' is not an SMS policy"),
      ("sms policy expires", "error: sms policy expires needs a lifetime; type sms policy expires 10m"),
      ("sms policy expires 0s", "error: a lifetime of 0s is out of range; give 1s to 1d, like 10m"),
      ("email policy resend 3", "error: '3' is not a resend limit; type email policy resend 3 per 10m, or resend off"),
      ("email policy resend 0 per 10m", "error: a resend limit allows 1 to 100 codes in 1s to 1d"),
      ("email policy failures 101", "error: '101' is not a valid number of wrong codes in a row; use a whole number from 1 to 100"),
      ("push matching", "error: push matching needs on or off; type push matching on"),
      ("push attack --requests 0", "error: '0' is not a valid number of requests; use a whole number from 1 to 100"),
      ("push attack --request 5", "error: unknown option '--request' for push attack; did you mean --requests?"),
    ])
  func badInput(_ line: String, _ expected: String) {
    let shell = Harness()
    let (outcome, text) = shell.run(line)
    #expect(outcome == .failed, "\(line)")
    let lines = text.split(separator: "\n")
    #expect(lines.count == 1, "\(line): \(text)")
    #expect(text.hasPrefix(expected), "\(line): \(text)")
    #expect(text.contains("; "), "\(line): no remedy in \(text)")
  }

  @Test("a text in transit is shown as such until it arrives; then its code logs in once")
  func smsFlow() throws {
    let shell = Harness(seed: 5)
    #expect(shell.text("sms send --delay 20s").contains("it arrives at 2026-01-01T00:00:20Z (20 s on the way)"))
    #expect(shell.text("sms inbox").contains("nothing yet: a code is in transit, it arrives at 2026-01-01T00:00:20Z"))
    shell.run("advance 20s")
    let code = try #require(Self.code(in: shell.text("sms inbox")))
    #expect(Self.facts(shell, "sms verify \(code)") == [.deliveredCodeAccepted])
    #expect(shell.text("sms verify \(code)").hasPrefix("rejected: the code sent at 2026-01-01T00:00:00Z already logged in"))
  }

  @Test("an SMS code typed 10 minutes after sending is refused as expired")
  func smsExpiry() throws {
    let shell = Harness(seed: 5)
    shell.run("sms send --delay 0s")
    let code = try #require(Self.code(in: shell.text("sms inbox")))
    shell.run("advance 10m")
    let refused = shell.run("sms verify \(code)")
    #expect(refused.outcome == .succeeded)
    #expect(refused.text.hasPrefix("rejected: the code sent at 2026-01-01T00:00:00Z expired at 2026-01-01T00:10:00Z"))
  }

  @Test("the resend limit refuses the fourth code in 10 minutes, and says when the next may be sent")
  func resendLimited() {
    let shell = Harness(seed: 5)
    for _ in 1...3 { shell.run("sms send") }
    let context = Context.silent(shell.session)
    _ = shell.session.run("sms send", in: context)
    #expect(context.facts == [.resendLimited])
    #expect(context.plainLines.first?.hasSuffix("the next can be sent at 2026-01-01T00:10:00Z") == true)
  }

  @Test("after a SIM swap the attacker's phone gets the code, the learner's has no service")
  func simSwap() throws {
    let shell = Harness(seed: 5)
    shell.run("sms swap")
    #expect(shell.text("sms send").contains("warning: the number is the attacker's now"))
    shell.run("advance 5s")
    #expect(shell.text("sms inbox").contains("no service since 2026-01-01T00:00:00Z"))
    #expect(Self.facts(shell, "sms inbox --attacker") == [.simSwapGotCode])
    #expect(shell.text("sms swap").hasPrefix("error: the number is the attacker's already; type 'sms restore'"))
  }

  @Test("an e-mail code valid until the next is sent logs in an hour later")
  func emailUntilNext() throws {
    let shell = Harness(seed: 5)
    shell.run("email policy until-next")
    shell.run("email send")
    shell.run("advance 1h")
    let code = try #require(Self.code(in: shell.text("email inbox")))
    #expect(Self.facts(shell, "email verify \(code)") == [.deliveredCodeAccepted])
  }

  @Test("push fatigue gets the attacker in; number matching stops it")
  func push() {
    let shell = Harness(seed: 5)
    #expect(Self.facts(shell, "push attack") == [.pushFatigueApproved])
    shell.run("push matching on")
    #expect(Self.facts(shell, "push attack") == [.pushMatchingRefused])
  }

  @Test("the same script with the same seed prints the same bytes")
  func deterministic() {
    let script = ["sms send --delay 20s", "advance 20s", "sms inbox", "email send", "advance 5s", "email inbox", "push attack"]
    func transcript() -> String {
      let shell = Harness(seed: 11)
      return script.map { shell.text($0) }.joined()
    }
    #expect(transcript() == transcript())
  }
}
