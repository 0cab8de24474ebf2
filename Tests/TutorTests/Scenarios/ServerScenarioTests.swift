import OTP
import Testing
import Tutor

/// The login server's scenarios, each as a script whose transcript shows what the learner sees.
/// Codes are RFC 4226 Appendix D's (the secret 12345678901234567890; at time 30·n the TOTP code
/// is the HOTP code for counter n).
@Suite("Server scenarios")
struct ServerScenarioTests {
  static let appendixD = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]

  func shell(at seconds: Int64 = 0) -> Harness {
    let shell = Harness(start: UnixTime(seconds: seconds))
    shell.run("secret set --text 12345678901234567890")
    return shell
  }

  @Test("the tutorial's verification program: the exact sentences, then the server's reason")
  func tutorialSentences() {
    let shell = shell(at: 30)
    let good = shell.run("login", answers: [Self.appendixD[1]])
    #expect(good.text == "Authentication successful!\nserver: the code matches the current step (offset 0)\n")
    let bad = shell.run("login", answers: ["123456"])
    #expect(bad.text == "Authentication failed. Please try again with the right key.\nserver: wrong code\n")
    let ended = shell.run("login", answers: [])
    #expect(ended.outcome == .failed)
    #expect(ended.text.hasPrefix("error: login asked for a code but the input ended"))
    #expect(shell.text("login nobody").hasPrefix("error: no account 'nobody' on the server; the server holds: learner"))
  }

  @Test("a code typed after its step ended: rejected with window 0, accepted with a past window of 1")
  func expired() {
    let shell = shell(at: 55)
    let code = Self.appendixD[1]
    shell.run("advance 10s")
    #expect(shell.run("login", answers: [code]).text.contains("server: wrong code (the tutor can tell: it expired 1 step ago"))
    shell.run("server policy past 1")
    #expect(shell.run("login", answers: [code]).text.hasPrefix("Authentication successful!\nserver: the code is from 1 step ago"))
  }

  @Test("the app 45 s fast: rejected with window 0, accepted with a future window of 2; skew learning")
  func fastApp() {
    let shell = shell(at: 300)
    shell.run("clock drift +45s")
    func appCode() -> String { String(shell.text("app code").prefix(6)) }
    #expect(shell.run("login", answers: [appCode()]).text.contains("server: wrong code (the tutor can tell: it is 1 step ahead"))
    shell.run("server policy future 2")
    #expect(shell.run("login", answers: [appCode()]).text.hasPrefix("Authentication successful!"))

    // Back to window 0 with skew learning: three logins a step apart teach the offset.
    shell.run("server policy reset")
    shell.run("server policy skew on")
    var reasons: [String] = []
    for _ in 0..<3 {
      shell.run("advance 30s")
      reasons.append(shell.run("login", answers: [appCode()]).text)
    }
    #expect(reasons[0].contains("server: skew learning 1 of 3"))
    #expect(reasons[1].contains("server: skew learning 2 of 3"))
    #expect(reasons[2].hasPrefix("Authentication successful!\nserver: skew learned: the phone's clock is 1 step ahead"))
    shell.run("advance 30s")
    #expect(shell.run("login", answers: [appCode()]).text.hasPrefix("Authentication successful!"))
    #expect(shell.text("server show").contains("learned skew: 1 steps"))
  }

  @Test("the same code twice: replayed with prevention on; accepted twice with it off, and told why that is dangerous")
  func replay() {
    let shell = shell(at: 60)
    let code = Self.appendixD[2]
    shell.run("server policy replay on")
    #expect(shell.run("login", answers: [code]).text.hasPrefix("Authentication successful!"))
    #expect(shell.run("login", answers: [code]).text.contains("server: replayed: the code for step 2 has already been used"))
    let off = shell.text("server policy replay off")
    #expect(off.contains("warning: without replay prevention"))
    #expect(shell.run("login", answers: [code]).text.hasPrefix("Authentication successful!"))
    let twice = shell.run("login", answers: [code]).text
    #expect(twice.hasPrefix("Authentication successful!"))
    #expect(twice.contains("this code had already logged in once"))
    let attack = shell.text("attack replay")
    #expect(attack.contains("attacker: accepted"))
    shell.run("server policy replay on")
    shell.run("advance 30s")
    let defended = shell.text("attack replay")
    #expect(defended.contains("user:     accepted"))
    #expect(defended.contains("attacker: rejected: replayed"))
  }

  @Test("HOTP: the app presses ahead 5 times; resynchronised within the look-ahead, refused beyond it")
  func hotpResync() {
    let shell = shell()
    shell.run("enroll --type hotp --counter 0")
    for _ in 0..<5 { shell.run("app code") }
    let sixth = String(shell.text("app code").prefix(6))
    #expect(sixth == Self.appendixD[5])
    shell.run("server policy look-ahead 4")
    let beyond = shell.run("login", answers: [sixth]).text
    #expect(beyond.contains("server: the code is for counter 5, 5 ahead, beyond the look-ahead of 4"))
    // A failed attempt did not move the server's counter.
    #expect(shell.text("server show").contains("next counter: 0"))
    shell.run("server policy look-ahead 5")
    let within = shell.run("login", answers: [sixth]).text
    #expect(within.hasPrefix("Authentication successful!\nserver: the code matches counter 5, 5 ahead: resynchronised"))
    #expect(shell.text("server show").contains("next counter: 6"))
  }

  @Test("rate limiting: the fourth attempt inside 30 s is refused, right or wrong; after the period it passes")
  func rateLimit() {
    let shell = shell(at: 3000)
    shell.run("server policy rate-limit 3 per 30s")
    for wrong in ["000000", "111111", "222222"] {
      #expect(shell.run("login", answers: [wrong]).text.contains("server: wrong code"))
      shell.run("advance 1s")
    }
    // 3003 s is in step 100: RFC 4226 has no vector for it, so take the app's own code.
    let right = String(shell.text("app code").prefix(6))
    #expect(shell.run("login", answers: [right]).text.contains("server: rate-limited, retry in 29 s"))
    shell.run("advance 29s")
    let later = String(shell.text("app code").prefix(6))
    #expect(shell.run("login", answers: [later]).text.hasPrefix("Authentication successful!"))
  }

  @Test("scratch codes: each works once")
  func scratch() {
    let shell = shell()
    let lines = shell.text("server scratch 3").split(separator: "\n").dropFirst().map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    #expect(lines.count == 3)
    for code in lines {
      #expect(shell.run("login", answers: [code]).text.hasPrefix("Authentication successful!\nserver: scratch code used"))
      #expect(shell.run("login", answers: [code]).text.hasPrefix("Authentication failed."))
    }
    #expect(shell.text("server show").contains("scratch codes left: 0"))
  }

  /// Runs `attack guess` under many seeds and returns the mean number of guesses to get in.
  func meanGuesses(seeds: ClosedRange<UInt64>, policy: [String]) -> (mean: Double, expected: Double) {
    var total = 0.0
    var expected = 0.0
    for seed in seeds {
      let shell = Harness(start: UnixTime(seconds: 1_000_000), seed: seed)
      shell.run("secret new")
      for line in policy { shell.run(line) }
      let text = shell.text("attack guess --rate 100")
      let guesses = text.firstMatch(of: /got in after (\d+) guesses/).flatMap { Double($0.1) }
      let closed = text.firstMatch(of: /= (\d+) guesses, at/).flatMap { Double($0.1) }
      #expect(guesses != nil, "\(text)")
      total += guesses ?? 0
      expected = closed ?? 0
    }
    return (total / Double(seeds.count), expected)
  }

  @Test("attack guess agrees with the closed form: no rate limit")
  func guessingWithoutLimit() {
    // 10^6 codes, 7 valid in a window of ±3: 142857 guesses expected. Guesses to success are
    // geometric (standard deviation ≈ mean), so the mean of 40 runs is within ±16% at one sigma.
    let (mean, expected) = meanGuesses(seeds: 1...40, policy: ["server policy window 3"])
    #expect(expected == 142_857)
    #expect(abs(mean - expected) / expected < 0.4, "mean \(mean)")
  }

  @Test("attack guess agrees with the closed form: 3 per 30 s, about 39 days")
  func guessingWithLimit() {
    let shell = Harness(start: UnixTime(seconds: 1_000_000), seed: 3)
    shell.run("secret new")
    shell.run("server policy window 1")
    shell.run("server policy rate-limit 3 per 30s")
    let text = shell.text("attack guess --rate 100")
    #expect(text.contains("expected time to get in: 39.9 days on average"))
    let (mean, expected) = meanGuesses(seeds: 1...6, policy: ["server policy window 3", "server policy rate-limit 3 per 30s"])
    #expect(abs(mean - expected) / expected < 0.75, "mean \(mean)")
  }

  @Test("10-digit codes carry 31 bits: the closed form counts 2^31 codes, not 10^10")
  func tenDigits() {
    let shell = Harness(start: UnixTime(seconds: 1_000_000), seed: 3)
    shell.run("secret new")
    shell.run("enroll --digits 10")
    let text = shell.text("attack guess --rate 1000000 --for 1s")
    #expect(text.contains("(2^31 codes, as a code carries 31 bits, ÷ 1 valid in the window = 2147483648 guesses"), "\(text)")
    #expect(text.contains("35.8 min on average"))
  }

  @Test("server log lists the decisions with their virtual times, newest last")
  func log() {
    let shell = shell(at: 30)
    shell.run("login", answers: [Self.appendixD[1]])
    shell.run("advance 1m")
    shell.run("verify 000000")
    #expect(shell.text("server log") == """
      1970-01-01T00:00:30Z  learner  accepted: the code matches the current step (offset 0)
      1970-01-01T00:01:30Z  learner  rejected: wrong code

      """)
  }

  @Test("bad policy values get one error line each", arguments: [
    ("server policy window -1", "not a valid window in steps"),
    ("server policy window 5000", "from 0 to 1000"),
    ("server policy rate-limit 0 per 30s", "out of range"),
    ("server policy rate-limit 3 per 2h", "out of range"),
    ("server policy rate-limit lots", "not a rate limit"),
    ("server policy replay maybe", "needs on or off"),
    ("server policy windwo 1", "did you mean 'window'?"),
    ("server scratch 50", "from 1 to 20"),
    ("attack guess --rate 0", "not a rate"),
    ("attack sneak", "not a subcommand of attack"),
  ])
  func badPolicy(_ line: String, _ message: String) {
    let shell = shell()
    let result = shell.run(line)
    #expect(result.outcome == .failed)
    #expect(result.text.hasPrefix("error: "))
    #expect(result.text.contains(message), "\(result.text)")
  }
}

import Foundation
