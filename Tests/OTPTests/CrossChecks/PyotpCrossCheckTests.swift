import OTP
import Testing
import _OTPTestSupport

/// Random cases checked against Python's pyotp, run as one subprocess per batch.
/// pyotp refuses secrets under 112 bits and more than 10 digits.
@Suite("Cross-check: pyotp")
struct PyotpCrossCheckTests {
  static let caseCount = 1000

  /// Reads lines "totp|hotp base32 algorithm digits period time-or-counter" and prints one code each.
  static let codeProgram = """
    import sys, hashlib, pyotp
    for line in sys.stdin:
        kind, secret, algorithm, digits, period, moment = line.split()
        digest = getattr(hashlib, algorithm.lower())
        if kind == "totp":
            print(pyotp.TOTP(secret, digits=int(digits), digest=digest, interval=int(period)).at(int(moment)))
        else:
            print(pyotp.HOTP(secret, digits=int(digits), digest=digest).at(int(moment)))
    """

  @Test("1,000 random TOTP and HOTP cases: hash, 6–10 digits, period, time, counter")
  func randomCodes() async throws {
    var generator = SplitMix64(seed: 0x9_0_7)
    var lines: [String] = []
    var ours: [String] = []
    for index in 0..<Self.caseCount {
      let secret = try Secret.random(bits: 8 * Int.random(in: 14...64, using: &generator), using: &generator)
      let algorithm = HashAlgorithm.allCases.randomElement(using: &generator) ?? .sha1
      let digits = Int.random(in: 6...10, using: &generator)
      let period = Int.random(in: 1...120, using: &generator)  // pyotp allows at most 120
      if index.isMultiple(of: 2) {
        let time = Int64.random(in: 0...UnixTime.latest.seconds, using: &generator)
        let totp = try TOTP(secret: secret, algorithm: algorithm, digits: digits, period: .seconds(period))
        ours.append(try totp.code(at: UnixTime(seconds: time)))
        lines.append("totp \(secret.base32) \(algorithm.rawValue) \(digits) \(period) \(time)")
      } else {
        let counter = generator.next()
        ours.append(try HOTP(secret: secret, algorithm: algorithm, digits: digits).code(for: counter))
        lines.append("hotp \(secret.base32) \(algorithm.rawValue) \(digits) \(period) \(counter)")
      }
    }
    let theirs = try await Peer.python(Self.codeProgram, input: lines.joined(separator: "\n") + "\n")
      .split(separator: "\n").map(String.init)
    try #require(theirs.count == ours.count)
    for (index, line) in lines.enumerated() {
      #expect(ours[index] == theirs[index], "\(line)")
    }
  }

  /// Reads URIs, one per line, and prints "code-at-time" for each, with pyotp.parse_uri.
  static let parseProgram = """
    import sys, pyotp
    for line in sys.stdin:
        uri, moment = line.rstrip("\\n").rsplit(" ", 1)
        otp = pyotp.parse_uri(uri)
        print(otp.at(int(moment)))
    """

  static let names = [
    "alice", "Muhammad", "alice smith", "bob@example.com", "ünïcödé", "a+b", "x/y", "100%", "tab\there", "quote\"s",
  ]
  static let issuers: [String?] = [nil, "CodingFleet.com", "ACME Co", "Ünï & Co", "a/b", "50% off"]

  @Test("URIs built here parse in pyotp.parse_uri to the same codes")
  func ourURIsInPyotp() async throws {
    var generator = SplitMix64(seed: 0x0_1_2_3)
    var lines: [String] = []
    var ours: [String] = []
    for _ in 0..<300 {
      let secret = try Secret.random(bits: 8 * Int.random(in: 14...40, using: &generator), using: &generator)
      let algorithm = HashAlgorithm.allCases.randomElement(using: &generator) ?? .sha1
      let digits = Int.random(in: 6...8, using: &generator)  // parse_uri allows 6 to 8
      let isTOTP = Bool.random(using: &generator)
      let kind: KeyURI.Kind =
        isTOTP ? .totp(period: .seconds(Int.random(in: 1...120, using: &generator))) : .hotp(counter: UInt64.random(in: 0...1_000_000, using: &generator))
      let uri = try KeyURI(
        kind: kind, secret: secret, account: Self.names.randomElement(using: &generator) ?? "a",
        issuer: Self.issuers.randomElement(using: &generator) ?? nil, algorithm: algorithm, digits: digits)
      let moment = Int64.random(in: 0...4_000_000_000, using: &generator)
      switch kind {
      case .totp: ours.append(try uri.totp().code(at: UnixTime(seconds: moment)))
      // pyotp's HOTP.at(n) is the code for initial_count + n.
      case .hotp(let counter): ours.append(uri.hotp().code(for: counter + UInt64(moment)))
      }
      lines.append("\(uri.string) \(moment)")
    }
    let theirs = try await Peer.python(Self.parseProgram, input: lines.joined(separator: "\n") + "\n")
      .split(separator: "\n").map(String.init)
    try #require(theirs.count == ours.count)
    for (index, line) in lines.enumerated() {
      #expect(ours[index] == theirs[index], "\(line)")
    }
  }

  /// Prints pyotp's provisioning_uri for each "kind secret digits algorithm period counter name|issuer" line.
  static let buildProgram = """
    import sys, hashlib, pyotp
    for line in sys.stdin:
        fields = line.rstrip("\\n").split("\\t")
        kind, secret, digits, algorithm, period, counter, name, issuer = fields
        issuer = issuer or None
        digest = getattr(hashlib, algorithm.lower())
        if kind == "totp":
            otp = pyotp.TOTP(secret, digits=int(digits), digest=digest, interval=int(period))
            print(otp.provisioning_uri(name=name, issuer_name=issuer))
        else:
            otp = pyotp.HOTP(secret, digits=int(digits), digest=digest)
            print(otp.provisioning_uri(name=name, initial_count=int(counter), issuer_name=issuer))
    """

  @Test("pyotp's provisioning_uri parses here to the same account, and is the string built here")
  func pyotpURIsHere() async throws {
    var generator = SplitMix64(seed: 0x4_5_6)
    var lines: [String] = []
    var expected: [KeyURI] = []
    for _ in 0..<300 {
      let secret = try Secret.random(bits: 8 * Int.random(in: 16...40, using: &generator), using: &generator)
      let algorithm = HashAlgorithm.allCases.randomElement(using: &generator) ?? .sha1
      let digits = Int.random(in: 6...10, using: &generator)
      let period = [30, Int.random(in: 1...120, using: &generator)].randomElement(using: &generator) ?? 30
      let counter = UInt64.random(in: 0...1_000_000, using: &generator)
      let isTOTP = Bool.random(using: &generator)
      let name = (Self.names.randomElement(using: &generator) ?? "a").replacingTabs()
      let issuer = Self.issuers.randomElement(using: &generator) ?? nil
      lines.append(
        [isTOTP ? "totp" : "hotp", secret.base32, String(digits), algorithm.rawValue, String(period), String(counter), name, issuer ?? ""]
          .joined(separator: "\t"))
      expected.append(
        try KeyURI(
          kind: isTOTP ? .totp(period: .seconds(period)) : .hotp(counter: counter), secret: secret, account: name,
          issuer: issuer, algorithm: algorithm, digits: digits))
    }
    let uris = try await Peer.python(Self.buildProgram, input: lines.joined(separator: "\n") + "\n")
      .split(separator: "\n").map(String.init)
    try #require(uris.count == expected.count)
    for (uri, account) in zip(uris, expected) {
      let parsed = try KeyURI.parse(uri)
      #expect(parsed.uri == account, "\(uri)")
      #expect(parsed.warnings.isEmpty, "\(uri): \(parsed.warnings)")
      #expect(account.string == uri)
    }
  }
}

extension String {
  fileprivate func replacingTabs() -> String {
    String(map { $0 == "\t" ? " " : $0 })
  }
}
