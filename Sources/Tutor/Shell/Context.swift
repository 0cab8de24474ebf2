import OTP
import QR

/// Where one command line runs: the session it acts on, where its events go, and where the
/// answers to its questions come from.
///
/// Every line gets a context of its own. The shell's top level streams events to the
/// terminal or the script's output; a lesson replays earlier steps in a silent context; a
/// demo runs in a context whose events the lesson shows as the demo's. A context never
/// borrows another's output or input, so nothing a nested command does can reset what an
/// outer one captured.
public final class Context {
  /// The session: its world, its lessons, its recording.
  unowned let session: Session
  private let forward: (Event) -> Void
  private let flushOutput: () -> Void
  private let answers: (String) -> Session.Answer
  /// Whether a live `watch` may sleep for real between rows.
  let isLive: Bool

  /// What the command reported, in order (a long `hotp` range is kept only in part).
  public private(set) var events: [Event] = []
  /// The answers given to the command's questions, in order.
  public private(set) var answered: [String] = []
  /// Whether the command asked to leave the shell.
  var quits = false
  private var keptBlockBytes = 0

  init(
    session: Session, isLive: Bool = false, answers: @escaping (String) -> Session.Answer = { _ in .ended },
    forward: @escaping (Event) -> Void = { _ in }, flush: @escaping () -> Void = {}
  ) {
    self.session = session
    self.isLive = isLive
    self.answers = answers
    self.forward = forward
    self.flushOutput = flush
  }

  /// A context that shows nothing and answers questions from a list, as a script would.
  static func silent(_ session: Session, answers list: [String] = []) -> Context {
    var queue = list[...]
    return Context(session: session, answers: { _ in queue.popFirst().map(Session.Answer.line) ?? .ended })
  }

  /// The world the command acts on.
  var world: World {
    get { session.world }
    _modify { yield &session.world }
  }

  // MARK: Reporting

  /// Reports an event.
  func emit(_ event: Event) {
    if case .block(let text) = event {
      // A long range is shown, but only its start is kept for exercises and recordings.
      keptBlockBytes += text.utf8.count
      if keptBlockBytes <= 1 << 16 { events.append(event) }
    } else {
      events.append(event)
    }
    forward(event)
  }

  /// Reports a line of output.
  func say(_ line: Line = "") { emit(.line(line)) }

  func warn(_ message: String) { emit(.warning(message)) }

  func note(_ message: String) { emit(.note(message)) }

  /// Beside a URI or link the learner could type, the QR code to scan instead: drawn at a
  /// terminal only, and not inside a lesson, where 25 rows of it would push the step off the
  /// screen. If it cannot be made (libqrencode is missing), a tip there says so.
  func showScannable(_ text: String) {
    guard session.run == nil else { return }
    do throws(QRError) {
      emit(.qrCode(try QRCode(encoding: text), text: text, inverted: false, decorative: true))
    } catch {
      emit(.tip("no QR code to scan: " + error.description))
    }
  }

  /// Sends what was reported on its way now (a live `watch` shows each row as it comes).
  func flush() { flushOutput() }

  // MARK: Questions

  /// Asks a question, such as `login`'s "Enter Code: ".
  func ask(_ question: String) -> Session.Answer {
    let answer = answers(question)
    switch answer {
    case .line(let line):
      answered.append(line)
      emit(.answer(question: question, answer: line))
    case .ended, .interrupted:
      emit(.answer(question: question, answer: nil))
    }
    return answer
  }

  // MARK: Reading what was reported

  /// The plain rendering of what the command reported, line by line: what a transcript holds.
  var plainLines: [String] {
    Renderer.plain(usesUnicode: session.configuration.usesUnicode).render(events)
      .split(separator: "\n", omittingEmptySubsequences: false).map(String.init).trimmingBlankEnd()
  }

  /// The verdicts on codes the learner typed.
  var learnersVerdicts: [Verdict] { events.compactMap(\.learnersVerdict) }

  /// The facts the command reported (a demo's are the lesson's, not the learner's).
  var facts: [Fact] {
    events.compactMap { if case .fact(let fact) = $0 { fact } else { nil } }
  }

  /// Reports a fact of the simulation, for exercises.
  func record(_ fact: Fact) { emit(.fact(fact)) }

  /// Runs `body` with the session's source of randomness and keeps what it drew, for parties
  /// of the world that draw from it (`world.random` cannot be passed `inout` beside another
  /// part of the world).
  func withRandom<Result>(_ body: (inout RandomSource) -> Result) -> Result {
    var random = world.random
    defer { world.random = random }
    return body(&random)
  }
}
