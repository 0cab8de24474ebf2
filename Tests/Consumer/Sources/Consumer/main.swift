// A server's use of the OTP library, as README shows it: a verifier that learns a phone's
// clock skew, saves its state after the login, and a new verifier (after a "restart")
// restored from the saved state that still refuses the replay and still knows the skew.
// The codes come from oathtool, the peer, not from the engine.

import Foundation
import OTP

var failures = 0
@MainActor func check(_ condition: Bool, _ what: String) {
  print((condition ? "ok    " : "FAILED ") + what)
  if !condition { failures += 1 }
}

/// The code oathtool computes for the key at a Unix time.
nonisolated func oathtool(_ key: String, at seconds: Int64) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["oathtool", "--totp", "-N", "@\(seconds)", key]
  let output = Pipe()
  process.standardOutput = output
  try process.run()
  process.waitUntilExit()
  let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
  return text.trimmingCharacters(in: .whitespacesAndNewlines)
}

let key = "3132333435363738393031323334353637383930"
let secret = try Secret(hex: key)
let totp = try TOTP(secret: secret)
let policy = TOTPVerifier.Policy(learnsSkew: true)  // the safe defaults, plus skew learning
let start: Int64 = 1_700_000_010
let phoneAhead: Int64 = 5 * 30  // the phone's clock runs five steps fast

// Three logins a step apart teach the server the skew; the third logs in.
var server = TOTPVerifier(totp: totp, policy: policy)
var decision = server.verify(try oathtool(key, at: start + phoneAhead), at: UnixTime(seconds: start))
check(decision == .rejected(.learningSkew(TOTPMatch(step: 56_666_672, offset: 5), count: 1)), "first code outside the window: \(decision)")
decision = server.verify(try oathtool(key, at: start + 30 + phoneAhead), at: UnixTime(seconds: start + 30))
check(!decision.isAccepted, "second code outside the window: \(decision)")
let login = try oathtool(key, at: start + 60 + phoneAhead)
decision = server.verify(login, at: UnixTime(seconds: start + 60))
check(decision.isAccepted, "third agreeing code logs in: \(decision)")
check("\(decision)".hasPrefix("accepted: "), "a decision prints readably")
check(server.skew == 5, "the skew is learned: \(server.skew)")

// Saved after the login, as JSON in a file; the verifier is gone.
let file = FileManager.default.temporaryDirectory.appendingPathComponent("otp-consumer-state-\(getpid()).json")
try JSONEncoder().encode(server.state).write(to: file)
let text = try String(contentsOf: file, encoding: .utf8)
check(!text.contains(secret.base32) && !text.contains(key), "the saved state holds no secret")

// A restart: a new verifier from the saved state.
let saved = try JSONDecoder().decode(TOTPVerifier.State.self, from: Data(contentsOf: file))
try FileManager.default.removeItem(at: file)
var restored = TOTPVerifier(totp: try TOTP(secret: Secret(hex: key)), policy: policy, state: saved)
check(restored.state == server.state, "the restored state equals the saved one")
check(restored.skew == 5, "the restored verifier knows the skew: \(restored.skew)")

let replay = restored.verify(login, at: UnixTime(seconds: start + 70))
check(replay == .rejected(.replayed(TOTPMatch(step: 56_666_674, offset: 5))), "the replayed code is still refused: \(replay)")

var forgetful = TOTPVerifier(totp: totp, policy: policy)
check(forgetful.verify(login, at: UnixTime(seconds: start + 70)) != replay, "without the state the replay would not be caught the same way")

let next = try oathtool(key, at: start + 90 + phoneAhead)
check(
  restored.verify(next, at: UnixTime(seconds: start + 90)) == .accepted(.code(TOTPMatch(step: 56_666_675, offset: 5))),
  "the next code logs in at once, the skew still applied")

// HOTP: the counter survives too.
var hotpServer = HOTPVerifier(hotp: try HOTP(secret: secret))
check(hotpServer.accepts("755224", at: .now()), "HOTP counter 0 (RFC 4226 Appendix D) logs in")
let hotpState = try JSONDecoder().decode(HOTPVerifier.State.self, from: JSONEncoder().encode(hotpServer.state))
var hotpRestored = HOTPVerifier(hotp: try HOTP(secret: secret), state: hotpState)
check(hotpRestored.counter == 1 && !hotpRestored.accepts("755224", at: .now()), "the used HOTP code stays used")

// A damaged record is refused, not trusted.
let damaged = text.replacingOccurrences(of: "\"version\":1", with: "\"version\":99")
check((try? JSONDecoder().decode(TOTPVerifier.State.self, from: Data(damaged.utf8))) == nil, "an unknown state version is refused")

// Errors explain themselves through Foundation too.
do {
  _ = try Secret(base32: "JBSW0")
  check(false, "a bad secret throws")
} catch {
  check(error.localizedDescription == error.description && error.localizedDescription.contains("did you mean the letter O"),
    "localizedDescription: \(error.localizedDescription)")
}
check(UnixTime(Date(timeIntervalSince1970: 59.5)) == UnixTime(.milliseconds(59_500)), "UnixTime(Date)")

print(failures == 0 ? "consumer: all checks passed" : "consumer: \(failures) checks failed")
exit(failures == 0 ? 0 : 1)
