public import QR

/// What a command reports: the facts of what happened, before any text is made of them.
///
/// Commands emit events into their ``Context``; a ``Renderer`` turns them into text for a
/// medium (a colour terminal, a plain transcript). Exercises, recordings and `otp-tutor check`
/// look at events or at their plain rendering, never at what a terminal was sent.
public enum Event: Sendable {
  /// A line of output: prose, a table row, a code.
  case line(Line)
  /// A lesson's Markdown prose, as written in the lesson file: a terminal reflows it to its
  /// width and renders inline `code` and *emphasis*.
  case prose([String])
  /// Lines made in bulk (a long `hotp` range), each ending in a newline. Only for text the
  /// shell makes itself (counters and codes): a renderer writes it as it is.
  case block(String)
  /// Something the learner should know is risky or odd.
  case warning(String)
  /// An aside that is still a fact of the session.
  case note(String)
  /// A tip about the terminal itself, shown at a terminal only.
  case tip(String)
  /// The command failed: what was wrong and what to type instead.
  case error(TutorError)
  /// The login server's decision on a code: typed by the learner (`party` is `nil`), or by a
  /// party the shell plays, such as the user and the attacker of `attack replay`.
  case verdict(Verdict, party: Party?)
  /// `login`'s outcome: the tutorial's sentence, then the server's reason.
  case login(Verdict)
  /// A lesson's hint, one of several.
  case hint(number: Int, of: Int, text: String)
  /// A question the command asked and the answer it got (`nil`: the input ended).
  case answer(question: String, answer: String?)
  /// A QR code of `text`, drawn in characters; a `decorative` one (beside a URI that says the
  /// same) only at a terminal.
  case qrCode(QRCode, text: String, inverted: Bool, decorative: Bool)
  /// A command a lesson's demo ran, with what it reported.
  case demo(command: String, events: [Event])
  /// A fact of the simulation for exercises to judge; shown by the lines beside it, never itself.
  case fact(Fact)
}

/// A party the shell plays in an attack, whose logins the server judges.
public struct Party: Sendable, Equatable {
  /// The name shown before the verdict: `user`, `attacker (b)`.
  public let name: String
  /// Whether this is the attacker, whose getting in is the bad news.
  public let isAttacker: Bool

  /// The user the attack is aimed at.
  public static let user = Party(name: "user", isAttacker: false)
  /// The attacker.
  public static let attacker = Party(name: "attacker", isAttacker: true)

  /// The same party logging in through one of the server's replicas.
  public func through(replica: String) -> Party {
    Party(name: "\(name) (\(replica))", isAttacker: isAttacker)
  }
}

extension Event {
  /// The verdict on a code the learner typed, if this event is one (a demo's are the
  /// lesson's, not the learner's).
  var learnersVerdict: Verdict? {
    switch self {
    case .verdict(let verdict, party: nil), .login(let verdict): verdict
    default: nil
    }
  }
}
