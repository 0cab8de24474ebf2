/// The learner's phone answering push "approve?" requests, with or without number matching.
///
/// An attacker who has the learner's password signs in again and again; each sign-in sends a
/// push to the learner's phone. Without number matching the phone asks only "approve?", and a
/// tired user taps Approve to make the prompts stop: NIST SP 800-63B rev. 4 §3.1.3 calls this
/// "authentication fatigue" and no longer accepts a push that "simply asks the claimant to
/// approve the transaction". With number matching the sign-in screen shows a number and the
/// phone asks the user to type it; the screen is the attacker's, so the user has no number to
/// type and cannot approve.
///
/// How patient the user is comes from the generator it is given, so a seeded session
/// replays the same attack.
public struct PushApprovals: Equatable, Sendable {
  /// What the user did with one request.
  public enum Answer: Equatable, Sendable {
    /// Tapped Deny, or swiped it away.
    case dismissed
    /// Tapped Approve.
    case approved
    /// Number matching: the phone asked for the number on a sign-in screen the user never saw.
    case noNumberToType
  }

  /// One push request.
  public struct Request: Equatable, Sendable {
    /// Its place in the attack, from 1.
    public let index: Int
    /// With number matching: the number the attacker's sign-in screen shows.
    public let shownNumber: Int?
    /// What the user did.
    public let answer: Answer
  }

  /// How an attack went.
  public struct Outcome: Equatable, Sendable {
    /// The requests sent, up to the approved one.
    public let requests: [Request]
    /// How many prompts the user would dismiss before approving one.
    public let patience: Int

    /// The request the user approved, if any.
    public var approved: Request? { requests.first { $0.answer == .approved } }
  }

  /// How many prompts a tired user dismisses before approving the next: drawn per attack.
  public static let patienceRange = 2...8
  /// The numbers a sign-in screen shows for matching: two digits.
  public static let matchingNumbers = 10...99
  /// The most requests one attack may send.
  public static let maximumRequests = 1000

  /// Whether the phone asks for the number shown on the sign-in screen.
  public var numberMatching = false

  public init() {}

  /// An attacker sends up to `count` requests; the user dismisses `patience` of them, then
  /// approves the next, unless number matching leaves nothing to approve with.
  public func fatigueAttack(requests count: Int, using random: inout some RandomNumberGenerator) -> Outcome {
    let patience = Int.random(in: Self.patienceRange, using: &random)
    var requests: [Request] = []
    for index in 1...max(1, min(count, Self.maximumRequests)) {
      if numberMatching {
        let shown = Int.random(in: Self.matchingNumbers, using: &random)
        requests.append(Request(index: index, shownNumber: shown, answer: .noNumberToType))
      } else {
        let answer: Answer = index > patience ? .approved : .dismissed
        requests.append(Request(index: index, shownNumber: nil, answer: answer))
        if answer == .approved { break }
      }
    }
    return Outcome(requests: requests, patience: patience)
  }

  /// The learner signs in: with number matching the screen shows a number and the learner types
  /// it on the phone; without, the learner taps Approve. Returns the number shown, if any.
  public func learnerSignIn(using random: inout some RandomNumberGenerator) -> Int? {
    numberMatching ? Int.random(in: Self.matchingNumbers, using: &random) : nil
  }
}
