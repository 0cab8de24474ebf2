import OTP
import Testing
import _OTPTestSupport

/// Random cases checked against oathtool (OATH Toolkit), run as a subprocess.
/// oathtool supports 6 to 8 digits and SHA-1 only for HOTP.
@Suite("Cross-check: oathtool")
struct OathtoolCrossCheckTests {
  static let caseCount = 1000

  @Test("1,000 random TOTP cases: secret, hash, digits, period and time")
  func randomTOTP() async throws {
    var generator = SplitMix64(seed: 0x0A7_4700)
    var cases: [(TOTP, UnixTime, String)] = []
    for _ in 0..<Self.caseCount {
      let secret = try Secret.random(bits: 8 * Int.random(in: 1...64, using: &generator), using: &generator)
      let algorithm = HashAlgorithm.allCases.randomElement(using: &generator) ?? .sha1
      let digits = Int.random(in: 6...8, using: &generator)
      let period = [30, 60, Int.random(in: 1...600, using: &generator)].randomElement(using: &generator) ?? 30
      let time = UnixTime(seconds: Int64.random(in: 0...UnixTime.latest.seconds, using: &generator))
      let totp = try TOTP(secret: secret, algorithm: algorithm, digits: digits, period: .seconds(period))
      let command = "oathtool --totp=\(algorithm.rawValue.lowercased()) -s \(period)s -d \(digits) -N @\(time.seconds) \(secret.hex) || echo FAILED"
      cases.append((totp, time, command))
    }
    let expected = try await Peer.shellLines(cases.map(\.2))
    try #require(expected.count == cases.count)
    for ((totp, time, command), peer) in zip(cases, expected) {
      #expect(try totp.code(at: time) == peer, "\(command)")
    }
  }

  @Test("1,000 random HOTP cases: secret, digits and counter up to 2^64 − 1")
  func randomHOTP() async throws {
    var generator = SplitMix64(seed: 0x4_07_9)
    var cases: [(HOTP, UInt64, String)] = []
    for index in 0..<Self.caseCount {
      let secret = try Secret.random(bits: 8 * Int.random(in: 1...64, using: &generator), using: &generator)
      let digits = Int.random(in: 6...8, using: &generator)
      let counter = index % 4 == 0 ? UInt64.random(in: 0...1000, using: &generator) : generator.next()
      let hotp = try HOTP(secret: secret, digits: digits)
      cases.append((hotp, counter, "oathtool --hotp -c \(counter) -d \(digits) \(secret.hex) || echo FAILED"))
    }
    let expected = try await Peer.shellLines(cases.map(\.2))
    try #require(expected.count == cases.count)
    for ((hotp, counter, command), peer) in zip(cases, expected) {
      #expect(hotp.code(for: counter) == peer, "\(command)")
    }
  }

  @Test("the tutorial's HOTP program: Muhammad at counters 0...3")
  func tutorialSequence() async throws {
    let secret = try Secret(base32: "Muhammad")
    let peer = try await Peer.output("oathtool", ["--hotp", "-c", "0", "-w", "3", secret.hex])
    let hotp = try HOTP(secret: secret)
    #expect((0...3).map { hotp.code(for: $0) }.joined(separator: "\n") + "\n" == peer)
  }

  @Test("a window of codes matches oathtool's -w listing")
  func window() async throws {
    let secret = try Secret(text: "12345678901234567890")
    let peer = try await Peer.output("oathtool", ["--hotp", "-c", "1000", "-w", "99", secret.hex])
    let hotp = try HOTP(secret: secret)
    #expect((1000..<1100).map { hotp.code(for: $0) + "\n" }.joined() == peer)
  }
}
