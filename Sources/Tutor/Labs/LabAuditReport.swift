#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif
import OTP

/// The words of `lab audit`'s report: what was measured, the findings with their sources, and
/// what to change in the learner's code.
enum LabAuditReport {
  static func show(_ report: LabAudit.Report, totp: TOTP, in context: Context) {
    let refused = report.window.filter { !$0.accepted }.map { Format.offset($0.offset) }
    guard report.currentAccepted else {
      context.sayWrapped(
        "  window: \(bad: "it refused even the current code") (tried steps \(report.window.map { Format.offset($0.offset) }.joined(separator: " ")))", rest: "    ")
      context.sayWrapped(
        "lab audit: \(bad: "stopped"): check that it reads its key from the key file and prints \"\(report.verdicts.accepts)\" for a right code ('lab run --answer app -- …' shows what it prints; --accepts names another sentence)", rest: "           ")
      return
    }
    let accepted = report.window.filter(\.accepted).map { Format.offset($0.offset) }
    context.sayWrapped(
      "  window: accepts codes \(report.past) step\(report.past == 1 ? "" : "s") before and \(report.future) after the current one"
        + " (accepted \(accepted.joined(separator: " ")); refused \(refused.isEmpty ? "none" : refused.joined(separator: " ")))", rest: "    ")
    context.sayWrapped(
      report.replayAccepted
        ? "  replay: \(bad: "the same code logged in twice"), 5 s apart in its step"
        : "  replay: \(good: "the same code was refused the second time")", rest: "    ")
    let pace = "\(report.guesses) wrong codes at \(Format.number(report.rate)) a second"
    if report.acceptedAfterGuesses {
      context.sayWrapped("  guessing: \(pace), then the right one: \(bad: "it logged in"); nothing slowed or stopped the guesser", rest: "    ")
    } else if let again = report.acceptedAgainAfter {
      let before = report.probes.dropLast().last.map { "between \(Format.human($0)) and " } ?? "within "
      context.sayWrapped(
        "  guessing: \(pace), then the right one: \(good: "refused"); it logged in again \(before)\(Format.human(again)) later",
        rest: "    ")
      let allowed = report.answeredAlikeBeforeChange ?? report.guesses
      let rate = Double(allowed) / (Double(again.components.seconds) + Double(allowed) / report.rate)
      let expected = Duration.seconds(pow(10.0, Double(totp.digits)) / Double(report.past + report.future + 1) / rate)
      context.sayWrapped(
        "  at most \(allowed) attempts per \(Format.human(again)) get through: a guesser expects to need about \(Format.human(expected))", rest: "    ")
    } else {
      context.sayWrapped("  guessing: \(pace), then the right one: \(good: "refused"), and still refused a day later (locked out)", rest: "    ")
    }
    context.sayWrapped(
      "  timing: not measured: each attempt is a new process, whose start-up (milliseconds) hides a comparison's nanoseconds", rest: "    ")

    let space = pow(10.0, Double(totp.digits))
    let valid = Double(report.past + report.future + 1)
    var findings: [Line] = []
    if report.replayAccepted {
      findings.append(
        "replay: a code seen over a shoulder or phished works again until its step ends. Remember the last step that"
          + " logged in and refuse that step and earlier ones (RFC 6238 §5.2; NIST SP 800-63B §5.1.4.2: accept an OTP once)")
    }
    if report.acceptedAfterGuesses {
      let expected = Duration.seconds(space / valid / report.rate)
      findings.append(
        "guessing: at \(Format.number(report.rate)) guesses a second a guesser expects to get in after \(Format.human(expected))"
          + " (10^\(totp.digits) codes ÷ \(Int(valid)) valid). Count failed attempts and refuse for a while after a few,"
          + " kept between runs in a file (RFC 4226 §7; NIST SP 800-63B §5.2.2: at most 100 failed attempts in a row)")
    }
    if report.past == 0 {
      findings.append(
        "window: a code typed in the last seconds of its step, or from a phone a little slow, is refused. Accept one step"
          + " back, as RFC 6238 §5.2 recommends (pyotp: totp.verify(code, valid_window=1))")
    } else if report.past > 1 || report.future > 1 {
      findings.append(
        "window: \(Int(valid)) codes are valid at once, which helps a guesser \(Int(valid)) times. RFC 6238 §5.2 recommends at most one step back")
    }
    if findings.isEmpty {
      context.sayWrapped("lab audit: \(good: "no findings"): it refuses replays, slows guessers, and its window is RFC 6238's", rest: "           ")
    } else {
      context.say("lab audit: \(bad: findings.count == 1 ? "1 finding" : "\(findings.count) findings"); what to change:")
      for finding in findings { context.sayWrapped(finding, first: "  - ", rest: "    ") }
    }
  }
}

extension Format {
  /// A step offset with its sign: -1, 0, +1.
  static func offset(_ offset: Int) -> String { offset > 0 ? "+\(offset)" : String(offset) }
}
