import Foundation
import OTP
import Testing
@testable import Tutor

/// Text is made only at the edge: the plain rendering holds the facts, a terminal's adds
/// colour and decoration but never different facts.
@Suite("Renderer")
struct RendererTests {
  /// Runs lines in a session with events kept, and returns the last line's context.
  func events(_ lines: [String], answers: [String] = []) -> Context {
    let session = Session(configuration: .init(start: UnixTime(seconds: 59)), output: OutputBuffer())
    var context = Context.silent(session)
    for line in lines {
      context = Context.silent(session, answers: answers)
      _ = session.run(line, in: context)
    }
    return context
  }

  @Test("a terminal rendering without its escapes and decoration is the plain rendering")
  func sameFacts() {
    let context = events(["secret set --text 12345678901234567890", "clock"])
    let plain = Renderer.plain().render(context.events)
    let terminal = Renderer.terminal(style: Style(usesColor: true), usesUnicode: true).render(context.events)
    #expect(!plain.contains("\u{1B}"))
    #expect(terminal.contains("\u{1B}["))
    #expect(terminal.contains("█"))
    let stripped = terminal.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
      .replacingOccurrences(of: "  [█░]+", with: "", options: .regularExpression)
    #expect(stripped == plain)
  }

  @Test("verify reports a verdict event with the engine's refusal, not only a sentence")
  func verdictEvents() {
    let wrong = events(["secret set --text 12345678901234567890", "verify 000000"])
    #expect(wrong.learnersVerdicts.map(\.refusal) == [.wrongCode])
    let right = events(["secret set --text 12345678901234567890", "verify 287082"])
    #expect(right.learnersVerdicts.map(\.isAccepted) == [true])
  }

  @Test("attack replay's verdicts are the simulated parties', not the learner's")
  func parties() {
    let context = events(["secret set --text 12345678901234567890", "attack replay"])
    #expect(context.learnersVerdicts.isEmpty)
    let parties = context.events.compactMap { event -> Party? in
      if case .verdict(_, let party) = event { party } else { nil }
    }
    #expect(parties == [.user, .attacker])
  }

  @Test("a verdict is green when it is good news: the user let in, the attacker refused; an attacker let in is red")
  func verdictColours() {
    let style = Style(usesColor: true)
    let terminal = Renderer.terminal(style: style, usesUnicode: true)
    // With replay prevention off the attacker's replay gets in.
    let replay = events(["secret set --text 12345678901234567890", "server policy replay off", "attack replay"])
    let verdicts = replay.events.compactMap { event -> (Verdict, Party)? in
      if case .verdict(let verdict, let party?) = event { (verdict, party) } else { nil }
    }
    #expect(verdicts.map(\.0.isAccepted) == [true, true])
    let user = terminal.render([.verdict(verdicts[0].0, party: verdicts[0].1)])
    let attacker = terminal.render([.verdict(verdicts[1].0, party: verdicts[1].1)])
    #expect(user.contains(style.accepted("accepted:")))
    #expect(attacker.contains(style.rejected("accepted:")))
    // With it on, the attacker is refused: good news, in green.
    let refused = events(["secret set --text 12345678901234567890", "server policy replay on", "attack replay"]).events.compactMap { event -> Event? in
      if case .verdict(_, .attacker?) = event { event } else { nil }
    }
    #expect(refused.count == 1)
    #expect(terminal.render(refused).contains(style.accepted("rejected:")))
    // The plain rendering names the verdict the same either way.
    #expect(Renderer.plain().render([.verdict(verdicts[1].0, party: verdicts[1].1)]).hasPrefix("attacker: accepted: "))
  }

  @Test("a question's answer is echoed in the plain rendering only")
  func answers() {
    let context = events(["secret set --text 12345678901234567890", "login"], answers: ["287082"])
    #expect(Renderer.plain().render(context.events).hasPrefix("Enter Code: 287082\nAuthentication successful!\n"))
    #expect(
      Renderer.terminal(style: .plain, usesUnicode: true).render(context.events).hasPrefix("Authentication successful!\n"))
  }

  @Test("the countdown bar is green, and yellow in a step's last five seconds")
  func countdownColour() throws {
    let style = Style(usesColor: true)
    let terminal = Renderer.terminal(style: style, usesUnicode: true)
    // Unix 59 is 1 s before a step ends; 31 is 29 s before.
    for (start, ending) in [(UnixTime(seconds: 59), true), (UnixTime(seconds: 55), true), (UnixTime(seconds: 54), false), (UnixTime(seconds: 31), false)] {
      let session = Session(configuration: .init(start: start), output: OutputBuffer())
      let context = Context.silent(session)
      _ = session.run("secret set --text 12345678901234567890", in: context)
      let clock = Context.silent(session)
      _ = session.run("clock", in: clock)
      let shown = terminal.render(clock.events)
      let bar = try #require(shown.split(separator: "\n").first { $0.hasPrefix("TOTP step:") })
      #expect(bar.contains(ending ? "\u{1B}[33m█" : "\u{1B}[32m█"), "\(start): \(shown)")
    }
  }

  @Test("a lesson demo's answers are shown at a terminal too: nobody typed them there")
  func demoAnswers() {
    let login = events(["secret set --text 12345678901234567890", "login"], answers: ["000000"])
    let demo = Event.demo(command: "login", events: login.events)
    let terminal = Renderer.terminal(style: .plain, usesUnicode: true)
    #expect(terminal.render([demo]).hasPrefix("otp> login\nEnter Code: 000000\nAuthentication failed."))
    // The learner's own login is not echoed: the terminal showed what they typed.
    #expect(terminal.render(login.events).hasPrefix("Authentication failed."))
  }

  @Test("enroll's QR code and tips are decoration; qr's drawing is its output")
  func decoration() {
    let enroll = events(["enroll --account Muhammad --issuer CodingFleet.com"])
    #expect(!Renderer.plain().render(enroll.events).contains("▀"))
    #expect(Renderer.terminal(style: .plain, usesUnicode: true).render(enroll.events).contains("▀"))
    let qr = events(["secret new", "qr"])
    #expect(Renderer.plain().render(qr.events).contains("▀"))
    #expect(!Renderer.plain().render(qr.events).contains("dark terminal"))
  }

  @Test("output that looks like transcript syntax is escaped in transcripts, and matches back")
  func transcriptEscapes() {
    for line in ["otp> totp", "> 123456", "...", "/tmp/x/", "\\n"] {
      let escaped = TranscriptMatcher.escaped(line)
      #expect(escaped == "\\" + line)
      #expect(TranscriptMatcher.matches(expected: [escaped], actual: [line]))
      #expect(!TranscriptMatcher.matches(expected: [escaped], actual: ["something else"]))
    }
    #expect(TranscriptMatcher.escaped("accepted: fine") == "accepted: fine")
  }
}
