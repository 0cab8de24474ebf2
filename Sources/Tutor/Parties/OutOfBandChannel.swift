public import OTP

/// The simulated carriers of out-of-band codes: text messages to the learner's phone number and
/// e-mail to the learner's inbox, each delivered after a delay on the virtual clock.
///
/// A text message goes to whoever holds the phone number when it is delivered: the learner, or,
/// after a SIM swap, the attacker (NIST SP 800-63B rev. 3 §5.1.3.3 makes the telephone network
/// RESTRICTED for this reason). E-mail always reaches the learner's inbox. The channel only
/// carries messages; the server's ``OutOfBandVerifier`` decides what a code is worth.
///
/// ```swift
/// var channel = OutOfBandChannel()
/// channel.send("123456", by: .sms, at: UnixTime(seconds: 0), delay: .seconds(20))
/// channel.inbox(.sms, of: .learner, at: UnixTime(seconds: 10)).inTransit.count   // 1
/// channel.inbox(.sms, of: .learner, at: UnixTime(seconds: 20)).delivered.count   // 1
/// ```
public struct OutOfBandChannel: Equatable, Sendable {
  /// How a code travels.
  public enum Medium: String, CaseIterable, Sendable {
    /// A text message to the phone number (the public switched telephone network).
    case sms
    /// An e-mail to the learner's address.
    case email
  }

  /// Whose phone or inbox a message reaches.
  public enum Recipient: String, Sendable {
    /// The learner, the account's owner.
    case learner
    /// The attacker, once the phone number is theirs.
    case attacker
  }

  /// One message the server sent.
  public struct Message: Equatable, Sendable {
    /// How it travels.
    public let medium: Medium
    /// The code it carries.
    public let code: String
    /// When the server sent it.
    public let sentAt: UnixTime
    /// When it reaches the phone or the inbox.
    public let deliveredAt: UnixTime
  }

  /// What a phone or an inbox holds at a moment, and what is still on its way.
  public struct Inbox: Equatable, Sendable {
    /// Messages that reached this recipient, oldest first.
    public let delivered: [Message]
    /// Messages sent but not delivered yet, soonest first (nobody holds them yet).
    public let inTransit: [Message]
  }

  /// A change of who holds the phone number.
  public struct NumberChange: Equatable, Sendable {
    /// From when.
    public let time: UnixTime
    /// Who holds it from then on.
    public let holder: Recipient
    /// How many messages had been sent when it changed: a message sent before the change and
    /// delivered at the very moment of it was delivered before it.
    public let messagesBefore: Int
  }

  /// The learner's phone number (a 555-01xx number, reserved for fiction).
  public static let phoneNumber = "+1 555 0100"
  /// The learner's e-mail address (example.com is reserved for examples).
  public static let emailAddress = "learner@example.com"

  /// Every message sent, in the order sent.
  public private(set) var messages: [Message] = []
  /// Who has held the phone number since when, oldest first; the learner before the first change.
  public private(set) var numberChanges: [NumberChange] = []

  public init() {}

  /// Sends a code; it is delivered `delay` after `time`.
  @discardableResult
  public mutating func send(_ code: String, by medium: Medium, at time: UnixTime, delay: Duration) -> Message {
    let message = Message(medium: medium, code: code, sentAt: time, deliveredAt: time + max(delay, .zero))
    messages.append(message)
    return message
  }

  /// Who holds the phone number at a moment: from now on, at the latest change made by then.
  public func numberHolder(at time: UnixTime) -> Recipient {
    numberChanges.last { $0.time <= time }?.holder ?? .learner
  }

  /// Who received the message sent `index`-th: whoever held the number when it was delivered.
  func recipient(ofMessageAt index: Int) -> Recipient {
    let delivered = messages[index].deliveredAt
    let change = numberChanges.last { $0.time < delivered || ($0.time == delivered && index >= $0.messagesBefore) }
    return change?.holder ?? .learner
  }

  /// A SIM swap: from `time` on, text messages to the number reach the attacker's phone.
  public mutating func swapSIM(at time: UnixTime) {
    numberChanges.append(NumberChange(time: time, holder: .attacker, messagesBefore: messages.count))
  }

  /// The carrier gives the number back to the learner's SIM from `time` on.
  public mutating func restoreSIM(at time: UnixTime) {
    numberChanges.append(NumberChange(time: time, holder: .learner, messagesBefore: messages.count))
  }

  /// What a recipient's phone (for SMS) or inbox (for e-mail) holds at `time`.
  ///
  /// A text message belongs to whoever held the number when it was delivered; e-mail always
  /// belongs to the learner.
  public func inbox(_ medium: Medium, of recipient: Recipient, at time: UnixTime) -> Inbox {
    let sent = messages.indices.filter { messages[$0].medium == medium }
    let delivered = sent.filter { index in
      guard messages[index].deliveredAt <= time else { return false }
      return (medium == .sms ? self.recipient(ofMessageAt: index) : .learner) == recipient
    }
    let inTransit = sent.filter { messages[$0].deliveredAt > time }
    // Soonest first; messages delivered at the same moment in the order sent.
    func byDelivery(_ indices: [Int]) -> [Message] {
      indices.sorted { (messages[$0].deliveredAt, $0) < (messages[$1].deliveredAt, $1) }.map { messages[$0] }
    }
    return Inbox(delivered: byDelivery(delivered), inTransit: byDelivery(inTransit))
  }
}
