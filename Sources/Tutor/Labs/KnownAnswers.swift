import OTP

/// The known-answer tests of `lab kat`: RFC 4226 App. D and RFC 6238 App. B, plus the cases
/// where hand-written implementations go wrong, and the likely cause of each wrong answer.
///
/// A learner's program gets one case per run, as arguments `KEY-HEX COUNTER DIGITS ALGORITHM`
/// (HOTP) or `KEY-HEX UNIX-TIME DIGITS ALGORITHM` (TOTP: 30-second steps from T0 = 0), or the
/// same words as one line on standard input with `--stdin`, and prints the code. The expected
/// codes come from the engine; the explanations recompute the code with each known mistake and
/// name the one that gives the learner's answer.
enum KnownAnswers {
  /// HOTP (a counter) or TOTP (a time).
  enum Kind: Sendable { case hotp, totp }

  /// One case.
  struct Case: Sendable {
    /// What it tests, citing its source.
    let name: String
    let key: [UInt8]
    let algorithm: HashAlgorithm
    let digits: Int
    /// The counter (HOTP) or the Unix time (TOTP).
    let moving: Int64
    let kind: Kind

    /// The words the program gets.
    var words: [String] {
      let counter = kind == .hotp ? String(UInt64(bitPattern: moving)) : String(moving)
      return [key.map { Format.hex($0) }.joined(), counter, String(digits), algorithm.pythonName]
    }

    /// The right code, or `nil` when there is none (a time before T0).
    var expected: String? {
      switch kind {
      case .hotp: Self.hotp(key, algorithm, digits)?.code(for: UInt64(bitPattern: moving))
      case .totp:
        moving < 0 ? nil : Self.hotp(key, algorithm, digits)?.code(for: UInt64(moving) / 30)
      }
    }

    static func hotp(_ key: [UInt8], _ algorithm: HashAlgorithm, _ digits: Int) -> HOTP? {
      (try? Secret(bytes: key)).flatMap { try? HOTP(secret: $0, algorithm: algorithm, digits: digits) }
    }
  }

  /// RFC 6238 App. B's seeds: each hash its own length (RFC errata 2866).
  static let seed20 = Array("12345678901234567890".utf8)
  static let seed32 = Array("12345678901234567890123456789012".utf8)
  static let seed64 = Array("1234567890123456789012345678901234567890123456789012345678901234".utf8)

  static func seed(for algorithm: HashAlgorithm) -> [UInt8] {
    switch algorithm {
    case .sha1: seed20
    case .sha256: seed32
    case .sha512: seed64
    }
  }

  /// The cases for a kind, in the order they run.
  static func cases(_ kind: Kind) -> [Case] {
    switch kind {
    case .hotp: hotpCases
    case .totp: totpCases
    }
  }

  static let hotpCases: [Case] = {
    var cases = (0...9).map { counter in
      Case(name: "RFC 4226 App. D, counter \(counter)", key: seed20, algorithm: .sha1, digits: 6, moving: Int64(counter), kind: .hotp)
    }
    // A code that starts with 0: the first counter past App. D whose code does.
    if let hotp = Case.hotp(seed20, .sha1, 6), let counter = (10...100_000).first(where: { hotp.code(for: UInt64($0)).hasPrefix("0") }) {
      cases.append(Case(name: "leading zero, counter \(counter)", key: seed20, algorithm: .sha1, digits: 6, moving: Int64(counter), kind: .hotp))
    }
    cases += [
      Case(name: "8 digits, counter 1", key: seed20, algorithm: .sha1, digits: 8, moving: 1, kind: .hotp),
      Case(name: "10 digits, counter 0", key: seed20, algorithm: .sha1, digits: 10, moving: 0, kind: .hotp),
      Case(name: "SHA-256 (32-byte seed), counter 1", key: seed32, algorithm: .sha256, digits: 6, moving: 1, kind: .hotp),
      Case(name: "SHA-512 (64-byte seed), counter 1", key: seed64, algorithm: .sha512, digits: 6, moving: 1, kind: .hotp),
      Case(name: "large counter 2^32", key: seed20, algorithm: .sha1, digits: 6, moving: 1 << 32, kind: .hotp),
      Case(name: "large counter 2^63", key: seed20, algorithm: .sha1, digits: 6, moving: Int64.min, kind: .hotp),
      Case(name: "largest counter 2^64-1", key: seed20, algorithm: .sha1, digits: 6, moving: -1, kind: .hotp),
    ]
    return cases
  }()

  static let totpCases: [Case] = {
    var cases: [Case] = []
    for time: Int64 in [59, 1_111_111_109, 1_111_111_111, 1_234_567_890, 2_000_000_000, 20_000_000_000] {
      for algorithm in HashAlgorithm.allCases {
        cases.append(
          Case(
            name: "RFC 6238 App. B, \(algorithm.rawValue), time \(time)", key: seed(for: algorithm), algorithm: algorithm,
            digits: 8, moving: time, kind: .totp))
      }
    }
    cases += [
      Case(name: "the last second of step 0, time 29", key: seed20, algorithm: .sha1, digits: 6, moving: 29, kind: .totp),
      Case(name: "the first second of step 1, time 30", key: seed20, algorithm: .sha1, digits: 6, moving: 30, kind: .totp),
      Case(name: "after 2038 (2^31), time 2147483648", key: seed20, algorithm: .sha1, digits: 6, moving: 1 << 31, kind: .totp),
      Case(name: "after 2106 (2^32), time 4294967296", key: seed20, algorithm: .sha1, digits: 6, moving: 1 << 32, kind: .totp),
      Case(name: "before T0, time -1: no code", key: seed20, algorithm: .sha1, digits: 6, moving: -1, kind: .totp),
    ]
    return cases
  }()

  // MARK: Judging

  /// What one run answered.
  enum Verdict: Equatable, Sendable {
    case passed
    /// Wrong, with the likely cause (or `nil` when no known mistake explains it).
    case failed(expected: String?, got: String?, cause: String?)
  }

  /// Judges the code a program printed (`nil`: it printed none, or failed).
  static func judge(_ got: String?, for test: Case) -> Verdict {
    let expected = test.expected
    if got == expected { return .passed }
    return .failed(expected: expected, got: got, cause: cause(of: got, for: test))
  }

  /// The known mistake that gives `got`, in words, with what to change.
  static func cause(of got: String?, for test: Case) -> String? {
    guard let expected = test.expected else {
      return "a time before T0 has no time step (RFC 6238 §4: T = floor((time − T0) / X) is never negative): refuse it, print no code and exit with a status other than 0"
    }
    guard let got else {
      return "it printed no code: it should print the \(test.digits) digits on a line of their own"
    }
    if got.count < test.digits, let number = UInt64(got), number == UInt64(expected) {
      return "you dropped the leading zero: a code is always \(test.digits) digits, so pad it with zeros (str(code).zfill(\(test.digits)) in Python; RFC 4226 §5.3)"
    }
    if got.count != test.digits, test.digits != 6, got.count == 6 {
      return "you always make 6 digits: the code has as many digits as asked (\(test.digits)): value mod 10^\(test.digits), padded"
    }
    if got.hasPrefix("-") {
      return "you truncated with a signed number: mask the first selected byte with 0x7f (RFC 4226 §5.3) so the value is positive"
    }
    guard let hotp = Case.hotp(test.key, test.algorithm, test.digits) else { return nil }
    let counter: UInt64 = test.kind == .hotp ? UInt64(bitPattern: test.moving) : UInt64(test.moving) / 30
    let mac = hotp.trace(for: counter).mac
    // 10^digits: what leaves `digits` decimal digits (RFC 4226 §5.3).
    let modulus = (0..<test.digits).reduce(Int64(1)) { value, _ in value * 10 }
    func padded(_ value: Int64) -> String {
      let positive = ((value % modulus) + modulus) % modulus
      return String(positive).leftPadded(to: test.digits)
    }
    func word(at offset: Int) -> UInt32 {
      (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(mac[offset + $1]) }
    }
    let offset = Int(mac[mac.count - 1] & 0x0F)
    let full = word(at: offset)
    var candidates: [(String, String)] = [
      (
        padded(Int64(Int32(bitPattern: full))),
        "you read the four bytes as a signed number and did not clear the top bit: mask the value with 0x7fffffff (RFC 4226 §5.3)"
      ),
      (padded(Int64(full)), "you did not clear the top bit: mask the first selected byte with 0x7f (RFC 4226 §5.3)"),
      (
        padded(Int64(Int32(bitPattern: signExtendedBytes(mac, offset)))),
        "you truncated with a signed byte: each byte after the first sign-extends unless it is masked with 0xff (b & 0xff)"
      ),
    ]
    if mac.count > 20 {
      let sha1Offset = Int(mac[19] & 0x0F)
      candidates.append(
        (
          padded(Int64(word(at: sha1Offset) & 0x7FFF_FFFF)),
          "you took the offset from byte 19 (SHA-1's last byte): it is the low 4 bits of the HMAC's last byte, whatever its length"
        ))
    }
    if test.algorithm != .sha1, let sha1 = Case.hotp(test.key, .sha1, test.digits) {
      candidates.append((sha1.code(for: counter), "you used SHA-1 whatever the algorithm asked: use \(test.algorithm.rawValue)"))
    }
    if test.key.count > 20, let short = Case.hotp(Array(test.key.prefix(20)), test.algorithm, test.digits) {
      candidates.append(
        (
          short.code(for: counter),
          "you used the 20-byte seed for \(test.algorithm.rawValue): RFC 6238 App. B gives SHA-256 a 32-byte seed and SHA-512 a 64-byte one (RFC errata 2866); use the whole key"
        ))
    }
    if counter > UInt64(UInt32.max) || counter.byteSwapped != counter {
      candidates.append(
        (
          hotp.code(for: counter & 0xFFFF_FFFF),
          "you kept the counter in 32 bits (4 bytes): RFC 4226 §5.2 makes it 8 bytes, big-endian (struct.pack(\">Q\", counter))"
        ))
      candidates.append((hotp.code(for: counter.byteSwapped), "you packed the counter little-endian: RFC 4226 §5.2 uses big-endian (\">Q\")"))
    }
    if test.kind == .totp {
      let wrapped = Int64(Int32(truncatingIfNeeded: test.moving))
      if wrapped != test.moving {
        let step = wrapped >= 0 ? UInt64(wrapped) / 30 : UInt64(bitPattern: wrapped / 30)
        candidates.append((hotp.code(for: step), "your time is a 32-bit number, which wraps after 2038-01-19: keep it in 64 bits"))
      }
      let rounded = UInt64((Double(test.moving) / 30).rounded())
      if rounded != counter {
        candidates.append((hotp.code(for: rounded), "you rounded time/30 to the nearest step: take the floor (RFC 6238 §4)"))
      }
      candidates.append((hotp.code(for: UInt64(test.moving)), "you used the time itself as the counter: divide by the 30-second step first (RFC 6238 §4)"))
    }
    return candidates.first { $0.0 == got }?.1
  }

  /// The 4 bytes at `offset` combined as Java or C with signed bytes would without `& 0xff`:
  /// the first masked with 0x7f, each later one sign-extended before it is ORed in.
  private static func signExtendedBytes(_ mac: [UInt8], _ offset: Int) -> UInt32 {
    var value = Int32(mac[offset] & 0x7F) << 24
    for index in 1..<4 {
      value |= Int32(Int8(bitPattern: mac[offset + index])) << (8 * (3 - index))
    }
    return UInt32(bitPattern: value)
  }
}

extension HashAlgorithm {
  /// The name Python's `hashlib` and most libraries use: sha1, sha256, sha512.
  var pythonName: String {
    switch self {
    case .sha1: "sha1"
    case .sha256: "sha256"
    case .sha512: "sha512"
    }
  }
}
