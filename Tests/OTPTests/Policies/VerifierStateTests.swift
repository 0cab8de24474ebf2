import Foundation
import OTP
import Testing
import _OTPTestSupport

/// A verifier's state saved and restored: the restored verifier decides every later attempt as
/// the original would have, and a record no verifier could have left is refused.
@Suite("Verifier state")
struct VerifierStateTests {
  static let key = "3132333435363738393031323334353637383930"
  static let start: Int64 = 1_700_000_010

  /// oathtool's TOTP code for the key at each Unix time.
  static func oathtool(at times: [Int64]) async throws -> [String] {
    try await Peer.shellLines(times.map { "oathtool --totp -N @\($0) \(key)" })
  }

  static func roundTrip<State: Codable>(_ state: State) throws -> State {
    try JSONDecoder().decode(State.self, from: JSONEncoder().encode(state))
  }

  @Test("a TOTP state saved at any point restores a verifier that decides the rest as the original does")
  func totpRoundTrip() async throws {
    let totp = try TOTP(secret: Secret(hex: Self.key))
    let policy = TOTPVerifier.Policy(window: try .init(past: 1, future: 1), learnsSkew: true)
    // The phone runs 6 steps fast: three logins a step apart teach the skew, then a replay, wrong
    // codes until the rate limit refuses, a scratch code, and the next step's code.
    let times = (0..<5).map { Self.start + Int64($0) * 30 }
    let phone = try await Self.oathtool(at: times.map { $0 + 180 })
    let t = times
    let attempts: [(code: String, at: Int64)] = [
      (phone[0], t[0]), (phone[1], t[1]), (phone[2], t[2]), (phone[2], t[2] + 5),
      ("000000", t[2] + 6), ("111111", t[2] + 7), ("12345678", t[3] + 8), ("222222", t[3] + 9),
      ("333333", t[3] + 10), (phone[4], t[4] + 11), (phone[4], t[4] + 12),
    ]
    var original = TOTPVerifier(totp: totp, policy: policy)
    try original.scratchCodes = ScratchCodes(["12345678", "87654321"])
    var saw: Set<String> = []
    for (index, attempt) in attempts.enumerated() {
      let state = try Self.roundTrip(original.state)
      #expect(state == original.state)
      var restored = TOTPVerifier(totp: totp, policy: policy, state: state)
      let rest = attempts[index...]
      var copy = original
      for later in rest {
        let expected = copy.verify(later.code, at: UnixTime(seconds: later.at))
        #expect(restored.verify(later.code, at: UnixTime(seconds: later.at)) == expected)
        saw.insert(String("\(expected)".prefix(20)))
      }
      #expect(restored.state == copy.state)
      _ = original.verify(attempt.code, at: UnixTime(seconds: attempt.at))
    }
    // The sequence reached what the state must carry.
    #expect(original.skew == 6)
    #expect(saw.contains { $0.hasPrefix("rejected: replayed") })
    #expect(saw.contains { $0.hasPrefix("rejected: rate-limit") })
    #expect(saw.contains { $0.hasPrefix("rejected: skew learn") })
  }

  @Test("an HOTP state carries the counter, the failures in a row and the scratch codes")
  func hotpRoundTrip() async throws {
    let hotp = try HOTP(secret: Secret(hex: Self.key))
    let codes = try await Peer.shellLines(["oathtool --hotp -c 0 -w 4 \(Self.key)"].map { $0 })
    var server = HOTPVerifier(hotp: hotp, policy: .init(lookAhead: try LookAhead(3), rateLimit: nil))
    try server.scratchCodes = ScratchCodes(["12345678"])
    let accepted1 = server.accepts(codes[2], at: .epoch)
    #expect(accepted1)
    let accepted2 = server.accepts("000000", at: .epoch)
    #expect(!accepted2)
    var restored = HOTPVerifier(hotp: hotp, policy: server.policy, state: try Self.roundTrip(server.state))
    #expect(restored.counter == 3)
    #expect(restored.consecutiveFailures == 1)
    #expect(restored.verify(codes[2], at: .epoch) == .rejected(.alreadyUsed(counter: 2)))
    #expect(restored.verify("12345678", at: .epoch) == .accepted(.scratchCode(remaining: 0)))
    #expect(restored.verify(codes[4], at: .epoch) == .accepted(.code(counter: 4, skipped: 1)))
  }

  /// A saved TOTP state with one field replaced.
  static func totpRecord(_ field: String, _ value: String) throws -> Data {
    var server = TOTPVerifier(totp: try TOTP(secret: Secret(hex: key)), policy: .init(rateLimit: .libpamDefault))
    _ = server.verify("000000", at: UnixTime(seconds: start))
    let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(server.state)) as? [String: Any] ?? [:]
    var text = String(decoding: try JSONSerialization.data(withJSONObject: object.filter { $0.key != field }), as: UTF8.self)
    text.removeLast()
    return Data((text + ",\"\(field)\":\(value)}").utf8)
  }

  @Test(
    "a TOTP record no verifier could have left is refused",
    arguments: [
      ("version", "2"),
      ("skew", "1500"),
      ("consecutiveFailures", "-1"),
      ("replayGuard", #"{"horizon":5,"usedSteps":[4]}"#),
      ("replayGuard", #"{"horizon":0,"usedSteps":[7,7]}"#),
      ("skewLearner", #"{"observations":[{"step":1,"skew":1},{"step":2,"skew":1},{"step":3,"skew":1},{"step":4,"skew":1}]}"#),
      ("rateLimiter", #"{"limit":{"attempts":3,"seconds":30},"attempts":[1,2,3,4]}"#),
      ("rateLimiter", #"{"limit":{"attempts":3,"seconds":30},"attempts":[2,1]}"#),
      ("rateLimiter", #"{"limit":{"attempts":0,"seconds":30},"attempts":[]}"#),
      ("scratchCodes", #"["1234567"]"#),
      ("scratchCodes", #"["01234567"]"#),
    ])
  func corrupted(_ field: String, _ value: String) throws {
    let valid = try Self.totpRecord("skew", "0")
    #expect(throws: Never.self) { try JSONDecoder().decode(TOTPVerifier.State.self, from: valid) }
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(TOTPVerifier.State.self, from: Self.totpRecord(field, value))
    }
  }

  @Test("an HOTP record with a negative failure count or an unknown version is refused")
  func corruptedHOTP() throws {
    let valid = #"{"version":1,"counter":18446744073709551615,"consecutiveFailures":0,"scratchCodes":[]}"#
    #expect(try JSONDecoder().decode(HOTPVerifier.State.self, from: Data(valid.utf8)).counter == .max)
    for bad in [
      #"{"version":1,"counter":0,"consecutiveFailures":-3,"scratchCodes":[]}"#,
      #"{"version":0,"counter":0,"consecutiveFailures":0,"scratchCodes":[]}"#,
    ] {
      #expect(throws: DecodingError.self) { try JSONDecoder().decode(HOTPVerifier.State.self, from: Data(bad.utf8)) }
    }
  }

  @Test("the saved state holds neither the secret nor its encodings")
  func noSecret() throws {
    let secret = try Secret(hex: Self.key)
    var server = TOTPVerifier(totp: try TOTP(secret: secret))
    _ = server.verify("000000", at: UnixTime(seconds: Self.start))
    let text = String(decoding: try JSONEncoder().encode(server.state), as: UTF8.self)
    for form in [secret.hex, secret.base32, "12345678901234567890"] { #expect(!text.contains(form)) }
  }
}
