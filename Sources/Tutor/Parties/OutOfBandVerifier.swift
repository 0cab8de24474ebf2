public import OTP

/// The login server's side of codes sent by SMS or e-mail: it makes a random code, remembers
/// when it sent it, and accepts it once while it is valid.
///
/// NIST SP 800-63B rev. 3 §5.1.3.2: "the authentication SHALL be considered invalid if not
/// completed within 10 minutes", and "verifiers SHALL accept a given authentication secret
/// only once during the validity period". The verifier keeps one live code per medium: sending
/// another replaces it. Two policies for how long a code lives:
///
/// - ``Policy/Validity/expires(after:)``: valid from the moment it is sent until `after` has
///   passed (10 minutes by default): accepted at 9:59, refused at 10:00. Most SMS and e-mail
///   codes work so, like TOTP's time limit.
/// - ``Policy/Validity/untilNextSent``: no time limit; valid until used or until the next code
///   is sent, like an HOTP code that waits for its counter. Some e-mail codes work so.
///
/// Wrong codes count against ``Policy/failureLimit`` in a row (§5.2.2), and a new code does not
/// reset the count (rev. 4 §3.1.3.2: "Generating a new authentication secret SHALL NOT reset
/// the failed authentication count"). ``Policy/resendLimit`` bounds how many codes are sent.
public struct OutOfBandVerifier: Equatable, Sendable {
  /// How long codes live, how often they may be sent, and how many wrong ones lock the channel.
  public struct Policy: Equatable, Sendable {
    /// How long a code stays valid.
    public enum Validity: Equatable, Sendable {
      /// Valid for this long after it is sent (and until replaced or used).
      case expires(after: Duration)
      /// Valid until it is used or the next code is sent, however long that takes.
      case untilNextSent
    }

    /// NIST SP 800-63B's limit: 10 minutes.
    public static let nistLifetime = Duration.seconds(600)
    /// How many wrong codes in a row the default policy allows before locking the channel.
    public static let defaultFailureLimit = 10
    /// The failure limits a policy may have: 1 to §5.2.2's 100.
    public static let failureLimitRange = 1...100

    /// How long a code stays valid.
    public var validity: Validity = .expires(after: nistLifetime)
    /// At most so many codes in a span, or `nil` for no limit.
    public var resendLimit: ResendLimit? = .standard
    /// Wrong codes in a row that lock the channel, in ``failureLimitRange``.
    public var failureLimit = defaultFailureLimit

    public init() {}
  }

  /// At most `sends` codes in any span of `span`.
  public struct ResendLimit: Equatable, Sendable {
    /// Codes allowed in the span.
    public let sends: Int
    /// The span.
    public let span: Duration

    /// The default: 3 codes in any 10 minutes.
    public static let standard = ResendLimit(checkedSends: 3, span: .seconds(600))
    /// The counts a limit may allow.
    public static let sendRange = 1...100
    /// The spans a limit may cover: 1 second to 1 day.
    public static let spanRange = Duration.seconds(1)...Duration.seconds(86_400)

    /// Creates a limit, or `nil` outside ``sendRange`` and ``spanRange``.
    public init?(sends: Int, span: Duration) {
      guard Self.sendRange.contains(sends), Self.spanRange.contains(span) else { return nil }
      self.init(checkedSends: sends, span: span)
    }

    private init(checkedSends sends: Int, span: Duration) {
      self.sends = sends
      self.span = span
    }
  }

  /// A code the server sent.
  public struct Issued: Equatable, Sendable {
    /// The code.
    public let code: String
    /// When it was sent.
    public let sentAt: UnixTime
    /// When it logged in, if it did.
    public internal(set) var usedAt: UnixTime?
    /// When the next code was sent, if one was.
    public internal(set) var replacedAt: UnixTime?
  }

  /// Why the server sent no code.
  public enum SendRefusal: Error, Equatable, Sendable {
    /// The resend limit: `limit.sends` codes were sent in the last `limit.span`; the next may
    /// be sent at `nextAllowed`.
    case resendLimited(ResendLimit, nextAllowed: UnixTime)
  }

  /// Why a code was refused.
  public enum Refusal: Equatable, Sendable {
    /// No code has been sent.
    case noCodeSent
    /// Not six digits.
    case malformed
    /// Not a code this server sent.
    case wrongCode
    /// The live code, past its lifetime since `at`.
    case expired(Issued, at: UnixTime)
    /// A code that already logged in.
    case used(Issued)
    /// An earlier code, replaced when the next was sent.
    case replaced(Issued)
    /// Too many wrong codes in a row: `failures` of them.
    case lockedOut(failures: Int)
  }

  /// The server's decision on a code.
  public enum Decision: Equatable, Sendable {
    case accepted(Issued)
    case rejected(Refusal)

    /// Whether the code logged in.
    public var isAccepted: Bool { if case .accepted = self { true } else { false } }
  }

  /// The number of digits of a code.
  public static let digits = 6

  /// The policy.
  public var policy = Policy()
  /// Every code sent, oldest first; only the last can log in.
  public private(set) var issued: [Issued] = []
  /// Codes refused in a row since the last accepted one (not reset by sending a new code).
  public private(set) var failuresInARow = 0

  public init() {}

  /// Whether too many wrong codes in a row have locked the channel.
  public var isLockedOut: Bool { failuresInARow >= policy.failureLimit }

  /// When a code stops being valid by time, or `nil` if it has no time limit.
  public func expiry(of code: Issued) -> UnixTime? {
    if case .expires(let lifetime) = policy.validity { code.sentAt + lifetime } else { nil }
  }

  /// The codes sent in the resend limit's span up to `time`.
  public func sends(inSpanBefore time: UnixTime) -> Int {
    guard let limit = policy.resendLimit else { return 0 }
    return issued.filter { $0.sentAt <= time && time - $0.sentAt < limit.span }.count
  }

  /// Makes and records a random six-digit code, replacing the live one.
  ///
  /// - Throws: ``SendRefusal/resendLimited(_:nextAllowed:)`` when the resend limit's span
  ///   already holds its codes; a refused send is not counted.
  public mutating func issue(at time: UnixTime, using random: inout some RandomNumberGenerator) throws(SendRefusal)
    -> Issued
  {
    if let limit = policy.resendLimit {
      let inSpan = issued.filter { $0.sentAt <= time && time - $0.sentAt < limit.span }
      if inSpan.count >= limit.sends, let oldest = inSpan.first {
        throw .resendLimited(limit, nextAllowed: oldest.sentAt + limit.span)
      }
    }
    let value = UInt64.random(in: 0..<1_000_000, using: &random)
    let code = String(value).leftPadded(to: Self.digits)
    if !issued.isEmpty, issued[issued.count - 1].replacedAt == nil { issued[issued.count - 1].replacedAt = time }
    let fresh = Issued(code: code, sentAt: time)
    issued.append(fresh)
    return fresh
  }

  /// Checks a typed code at `time`, and records the decision.
  ///
  /// A code is accepted if it is the live one, unused, and (with a lifetime) `time` is before
  /// its sending time plus the lifetime. A wrong, used, replaced or expired code counts as a
  /// failure; a malformed one, or one typed while locked out or before any code was sent, is
  /// refused without being compared.
  public mutating func verify(_ typed: String, at time: UnixTime) -> Decision {
    if isLockedOut { return .rejected(.lockedOut(failures: failuresInARow)) }
    guard typed.count == Self.digits, typed.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
      return .rejected(.malformed)
    }
    guard let live = issued.last else { return .rejected(.noCodeSent) }
    let decision: Decision
    if Self.constantTimeEqual(typed, live.code) {
      if live.usedAt != nil {
        decision = .rejected(.used(live))
      } else if let expiry = expiry(of: live), time >= expiry {
        decision = .rejected(.expired(live, at: expiry))
      } else {
        issued[issued.count - 1].usedAt = time
        decision = .accepted(issued[issued.count - 1])
      }
    } else if let earlier = issued.dropLast().last(where: { Self.constantTimeEqual(typed, $0.code) }) {
      decision = .rejected(earlier.usedAt != nil ? .used(earlier) : .replaced(earlier))
    } else {
      decision = .rejected(.wrongCode)
    }
    failuresInARow = decision.isAccepted ? 0 : failuresInARow + 1
    return decision
  }

  /// Forgets the failures in a row: the server's recovery procedure, not the user's.
  public mutating func unlock() {
    failuresInARow = 0
  }

  /// Compares two codes in time that depends only on their lengths.
  static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
    let left = Array(lhs.utf8)
    let right = Array(rhs.utf8)
    guard left.count == right.count else { return false }
    var difference: UInt8 = 0
    for index in left.indices { difference |= left[index] ^ right[index] }
    return difference == 0
  }
}
