import OTP
import _OTPTestSupport
import Testing

@Suite("Base32, RFC 4648")
struct Base32Tests {
  /// RFC 4648 §10, "Test Vectors", BASE32.
  static let vectors: [(String, String)] = [
    ("", ""),
    ("f", "MY======"),
    ("fo", "MZXQ===="),
    ("foo", "MZXW6==="),
    ("foob", "MZXW6YQ="),
    ("fooba", "MZXW6YTB"),
    ("foobar", "MZXW6YTBOI======"),
  ]

  @Test("RFC 4648 §10 vectors, padded", arguments: vectors)
  func encodePadded(_ plain: String, _ encoded: String) {
    #expect(Base32.encode(Array(plain.utf8), padded: true) == encoded)
  }

  @Test("RFC 4648 §10 vectors, unpadded by default", arguments: vectors)
  func encodeUnpadded(_ plain: String, _ encoded: String) {
    #expect(Base32.encode(Array(plain.utf8)) == encoded.filter { $0 != "=" })
  }

  @Test("RFC 4648 §10 vectors decode, with and without padding", arguments: vectors)
  func decode(_ plain: String, _ encoded: String) throws {
    #expect(try Base32.decode(encoded) == Array(plain.utf8))
    #expect(try Base32.decode(encoded.filter { $0 != "=" }) == Array(plain.utf8))
  }

  @Test("lower case, spaces and hyphens are accepted")
  func forgiving() throws {
    #expect(try Base32.decode("mzxw 6ytb-oi") == Array("foobar".utf8))
    #expect(try Base32.decode("Muhammad").count == 5)
  }

  @Test("decoding errors name the character and its position")
  func errors() {
    #expect(throws: Base32Error.invalidCharacter("0", position: 3)) { try Base32.decode("MZ0W6") }
    #expect(throws: Base32Error.invalidCharacter("!", position: 1)) { try Base32.decode("!") }
    #expect(throws: Base32Error.invalidCharacter("é", position: 2)) { try Base32.decode("Mé") }
    #expect(throws: Base32Error.dataAfterPadding(position: 4)) { try Base32.decode("MY=A") }
    #expect(throws: Base32Error.incompleteGroup(symbols: 1)) { try Base32.decode("M") }
    #expect(throws: Base32Error.incompleteGroup(symbols: 3)) { try Base32.decode("MZX") }
    #expect(throws: Base32Error.wrongPadding(found: 1, expected: 6, position: 3)) { try Base32.decode("MY=") }
  }

  @Test("error messages say what to type instead")
  func messages() {
    let message = Base32Error.invalidCharacter("0", position: 3).description
    #expect(message.contains("position 3"))
    #expect(message.contains("A–Z and 2–7"))
    #expect(message.contains("letter O"))
  }

  @Test("decode inverts encode for every length", arguments: 0..<41)
  func roundTrip(_ length: Int) throws {
    var generator = SplitMix64(seed: UInt64(length))
    let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
    #expect(try Base32.decode(Base32.encode(bytes)) == bytes)
    #expect(try Base32.decode(Base32.encode(bytes, padded: true)) == bytes)
  }
}
