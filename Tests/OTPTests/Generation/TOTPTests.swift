import OTP
import Testing

/// RFC 6238 Appendix B: 8-digit codes, 30-second steps, T0 = 0, each hash with its own seed.
@Suite("TOTP, RFC 6238")
struct TOTPTests {
  struct Vector: CustomTestStringConvertible, Sendable {
    let time: Int64
    let utc: String
    let step: UInt64
    let algorithm: HashAlgorithm
    let code: String
    var testDescription: String { "\(algorithm) at \(time) → \(code)" }
  }

  /// The seeds of Appendix A's reference code: 20, 32 and 64 ASCII bytes.
  static func seed(for algorithm: HashAlgorithm) -> String {
    switch algorithm {
    case .sha1: "12345678901234567890"
    case .sha256: "12345678901234567890123456789012"
    case .sha512: "1234567890123456789012345678901234567890123456789012345678901234"
    }
  }

  /// RFC 6238 Appendix B, "Test Vectors": all 18 rows.
  static let appendixB: [Vector] = [
    .init(time: 59, utc: "1970-01-01T00:00:59Z", step: 0x1, algorithm: .sha1, code: "94287082"),
    .init(time: 59, utc: "1970-01-01T00:00:59Z", step: 0x1, algorithm: .sha256, code: "46119246"),
    .init(time: 59, utc: "1970-01-01T00:00:59Z", step: 0x1, algorithm: .sha512, code: "90693936"),
    .init(time: 1_111_111_109, utc: "2005-03-18T01:58:29Z", step: 0x23523EC, algorithm: .sha1, code: "07081804"),
    .init(time: 1_111_111_109, utc: "2005-03-18T01:58:29Z", step: 0x23523EC, algorithm: .sha256, code: "68084774"),
    .init(time: 1_111_111_109, utc: "2005-03-18T01:58:29Z", step: 0x23523EC, algorithm: .sha512, code: "25091201"),
    .init(time: 1_111_111_111, utc: "2005-03-18T01:58:31Z", step: 0x23523ED, algorithm: .sha1, code: "14050471"),
    .init(time: 1_111_111_111, utc: "2005-03-18T01:58:31Z", step: 0x23523ED, algorithm: .sha256, code: "67062674"),
    .init(time: 1_111_111_111, utc: "2005-03-18T01:58:31Z", step: 0x23523ED, algorithm: .sha512, code: "99943326"),
    .init(time: 1_234_567_890, utc: "2009-02-13T23:31:30Z", step: 0x273EF07, algorithm: .sha1, code: "89005924"),
    .init(time: 1_234_567_890, utc: "2009-02-13T23:31:30Z", step: 0x273EF07, algorithm: .sha256, code: "91819424"),
    .init(time: 1_234_567_890, utc: "2009-02-13T23:31:30Z", step: 0x273EF07, algorithm: .sha512, code: "93441116"),
    .init(time: 2_000_000_000, utc: "2033-05-18T03:33:20Z", step: 0x3F940AA, algorithm: .sha1, code: "69279037"),
    .init(time: 2_000_000_000, utc: "2033-05-18T03:33:20Z", step: 0x3F940AA, algorithm: .sha256, code: "90698825"),
    .init(time: 2_000_000_000, utc: "2033-05-18T03:33:20Z", step: 0x3F940AA, algorithm: .sha512, code: "38618901"),
    .init(time: 20_000_000_000, utc: "2603-10-11T11:33:20Z", step: 0x27BC86AA, algorithm: .sha1, code: "65353130"),
    .init(time: 20_000_000_000, utc: "2603-10-11T11:33:20Z", step: 0x27BC86AA, algorithm: .sha256, code: "77737706"),
    .init(time: 20_000_000_000, utc: "2603-10-11T11:33:20Z", step: 0x27BC86AA, algorithm: .sha512, code: "47863826"),
  ]

  @Test("Appendix B codes and steps", arguments: appendixB)
  func appendixBVector(_ vector: Vector) throws {
    let totp = try TOTP(
      secret: Secret(text: Self.seed(for: vector.algorithm)), algorithm: vector.algorithm, digits: 8)
    let time = UnixTime(seconds: vector.time)
    #expect(try totp.step(at: time) == vector.step)
    #expect(try totp.code(at: time) == vector.code)
    #expect(time.iso8601 == vector.utc)
    #expect(try UnixTime(iso8601: vector.utc) == time)
  }

  @Test("the 20-byte seed with SHA-256 gives a different code than Appendix B's")
  func wrongSeedGivesOtherCode() throws {
    let totp = try TOTP(secret: Secret(text: Self.seed(for: .sha1)), algorithm: .sha256, digits: 8)
    #expect(try totp.code(at: UnixTime(seconds: 59)) != "46119246")
  }

  @Test("step and time remaining")
  func stepAndRemaining() throws {
    let totp = try TOTP(secret: Secret(text: "12345678901234567890"))
    #expect(try totp.step(at: UnixTime(seconds: 29)) == 0)
    #expect(try totp.step(at: UnixTime(seconds: 30)) == 1)
    #expect(try totp.timeRemaining(at: UnixTime(seconds: 59)) == .seconds(1))
    #expect(try totp.timeRemaining(at: UnixTime(seconds: 60)) == .seconds(30))
    #expect(try totp.timeRemaining(at: UnixTime(.milliseconds(59_500))) == .milliseconds(500))
    #expect(totp.interval(of: 2) == UnixTime(seconds: 60)..<UnixTime(seconds: 90))
  }

  @Test("T0 and other periods")
  func t0AndPeriod() throws {
    let totp = try TOTP(
      secret: Secret(text: "12345678901234567890"), period: .seconds(60), t0: UnixTime(seconds: 100))
    #expect(try totp.step(at: UnixTime(seconds: 159)) == 0)
    #expect(try totp.step(at: UnixTime(seconds: 160)) == 1)
    #expect(throws: OTPError.timeBeforeT0(UnixTime(seconds: 99), t0: UnixTime(seconds: 100))) {
      try totp.step(at: UnixTime(seconds: 99))
    }
  }

  @Test("the last second of year 9999 has a code; the next does not")
  func year9999() throws {
    let totp = try TOTP(secret: Secret(text: "12345678901234567890"))
    #expect(try totp.code(at: .latest).count == 6)
    #expect(throws: OTPError.self) { try totp.code(at: .latest + .seconds(1)) }
  }

  @Test(
    "a period that is not a positive whole number of seconds is refused",
    arguments: [Duration.zero, .seconds(-30), .milliseconds(1500), .milliseconds(500)])
  func invalidPeriod(_ period: Duration) {
    #expect(throws: OTPError.invalidPeriod(period)) {
      try TOTP(secret: Secret(text: "1"), period: period)
    }
  }
}
