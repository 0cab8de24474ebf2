import Foundation
import Testing
import _OTPTestSupport

@testable import Tutor

/// `lab kat`'s explanations: each mistake is made by an independent Python implementation,
/// and the explanation must name it. The expected codes are checked against pyotp.
@Suite("Labs: known answers and their explanations")
struct KnownAnswersTests {
  /// A Python HOTP with one mistake switched on; prints the code for a case's words.
  static let mistaken = """
    import hashlib, hmac, struct, sys
    mistake, key, moving, digits, algorithm, kind = sys.argv[1], bytes.fromhex(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
    if kind == "totp":
        if mistake == "time32":
            moving = (moving + 2**31) % 2**32 - 2**31
        counter = moving if mistake == "no-step" else moving // 30
    else:
        counter = moving
    if mistake == "seed20":
        key = key[:20]
    if mistake == "sha1":
        algorithm = "sha1"
    if mistake == "counter32":
        counter %= 2**32
    message = struct.pack("<Q" if mistake == "little" else ">Q", counter)
    mac = hmac.new(key, message, getattr(hashlib, algorithm)).digest()
    offset = (mac[19] if mistake == "offset19" else mac[-1]) & 15
    if mistake == "signed":
        value = struct.unpack(">i", mac[offset:offset + 4])[0]
    elif mistake == "top-bit":
        value = struct.unpack(">I", mac[offset:offset + 4])[0]
    else:
        value = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
    code = value % 10**digits
    print(code if mistake == "no-zero" else str(code).zfill(digits))
    """

  static func answer(_ mistake: String, for test: KnownAnswers.Case) async throws -> String {
    let folder = try Repository.temporaryDirectory("kat")
    let script = folder.appendingPathComponent("mistaken.py")
    try Self.mistaken.write(to: script, atomically: true, encoding: .utf8)
    let words = [mistake] + test.words + [test.kind == .hotp ? "hotp" : "totp"]
    return try await Peer.output("python3", [script.path] + words).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  @Test("every expected code is pyotp's")
  func expectedArePyotps() async throws {
    let cases = KnownAnswers.hotpCases + KnownAnswers.totpCases
    let lines = cases.map { test -> String in
      let b32 = "base64.b32encode(bytes.fromhex('\(test.words[0])')).decode()"
      let digest = "hashlib.\(test.words[3])"
      if test.kind == .hotp {
        return "print(pyotp.HOTP(\(b32), digits=\(test.digits), digest=\(digest)).at(\(test.words[1])))"
      }
      return test.moving < 0
        ? "print('none')" : "print(pyotp.TOTP(\(b32), digits=\(test.digits), digest=\(digest)).at(\(test.moving)))"
    }
    let output = try await Peer.python("import base64, hashlib, pyotp\n" + lines.joined(separator: "\n"))
    let codes = output.split(separator: "\n").map(String.init)
    #expect(codes == cases.map { $0.expected ?? "none" })
  }

  /// The mistake, a case on which it shows, and a word its explanation must hold.
  static let mistakes: [(mistake: String, test: KnownAnswers.Case, says: String)] = {
    let hotp = KnownAnswers.hotpCases
    let totp = KnownAnswers.totpCases
    func hotpCase(_ prefix: String) -> KnownAnswers.Case { hotp.first { $0.name.hasPrefix(prefix) }! }
    func totpCase(_ prefix: String) -> KnownAnswers.Case { totp.first { $0.name.hasPrefix(prefix) }! }
    return [
      ("no-zero", hotpCase("leading zero"), "dropped the leading zero"),
      ("signed", hotpCase("RFC 4226 App. D, counter 0"), "signed number"),
      ("top-bit", hotpCase("RFC 4226 App. D, counter 0"), "did not clear the top bit"),
      ("counter32", hotpCase("large counter 2^32"), "32 bits"),
      ("little", hotpCase("RFC 4226 App. D, counter 1"), "little-endian"),
      ("seed20", totpCase("RFC 6238 App. B, SHA256, time 59"), "20-byte seed for SHA256"),
      ("sha1", hotpCase("SHA-512"), "used SHA-1"),
      ("offset19", hotpCase("SHA-512"), "byte 19"),
      ("time32", totpCase("after 2106"), "32-bit"),
      ("no-step", totpCase("RFC 6238 App. B, SHA1, time 59"), "divide by the 30-second step"),
    ]
  }()

  @Test("each mistake is named by its explanation", arguments: 0..<10)
  func explained(_ index: Int) async throws {
    let (mistake, test, says) = Self.mistakes[index]
    let got = try await Self.answer(mistake, for: test)
    guard case .failed(_, _, let cause) = KnownAnswers.judge(got, for: test) else {
      Issue.record("\(mistake) gave the right answer on \(test.name)")
      return
    }
    #expect(cause?.contains(says) == true, "\(mistake) on \(test.name): \(cause ?? "no cause")")
  }

  @Test("before T0 a code is wrong, and no code is right")
  func beforeT0() throws {
    let test = try #require(KnownAnswers.totpCases.first { $0.moving < 0 })
    #expect(KnownAnswers.judge(nil, for: test) == .passed)
    guard case .failed(_, _, let cause) = KnownAnswers.judge("123456", for: test) else {
      Issue.record("a code before T0 passed")
      return
    }
    #expect(cause?.contains("before T0") == true)
  }
}
