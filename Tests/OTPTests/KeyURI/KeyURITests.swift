import OTP
import Testing

@Suite("Key URI")
struct KeyURITests {
  let secret: Secret
  init() throws {
    secret = try Secret(base32: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
  }

  @Test("builds the tutorial's URI")
  func tutorial() throws {
    let uri = try KeyURI(secret: secret, account: "Muhammad", issuer: "CodingFleet.com")
    #expect(uri.string == "otpauth://totp/CodingFleet.com:Muhammad?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=CodingFleet.com")
  }

  @Test("spaces are %20, defaults are left out unless asked for")
  func encodingAndDefaults() throws {
    let uri = try KeyURI(secret: secret, account: "alice smith", issuer: "ACME Co")
    #expect(uri.string == "otpauth://totp/ACME%20Co:alice%20smith?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=ACME%20Co")
    #expect(uri.string(includingDefaults: true).hasSuffix("&algorithm=SHA1&digits=6&period=30"))
    let hotp = try KeyURI(kind: .hotp(counter: 3), secret: secret, account: "x", algorithm: .sha256, digits: 8)
    #expect(hotp.string == "otpauth://hotp/x?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&counter=3&algorithm=SHA256&digits=8")
  }

  @Test("what it builds, it parses back without warnings")
  func roundTrip() throws {
    let uri = try KeyURI(kind: .totp(period: .seconds(60)), secret: secret, account: "a b@c", issuer: "Is/su er", algorithm: .sha512, digits: 8)
    let parsed = try KeyURI.parse(uri.string)
    #expect(parsed.uri == uri)
    #expect(parsed.warnings.isEmpty)
  }

  @Test("tolerances are accepted, each with a warning")
  func tolerances() throws {
    let parsed = try KeyURI.parse("otpauth://totp/ACME%20Co%3Aalice?secret=gezdgnbvgy3tqojqgezdgnbvgy%3D%3D%3D%3D%3D%3D&issuer=ACME+Co&algorithm=sha256")
    #expect(parsed.uri.issuer == "ACME Co")
    #expect(parsed.uri.account == "alice")
    #expect(parsed.uri.algorithm == .sha256)
    #expect(Set(parsed.warnings) == [
      .encodedColon, .plusAsSpace(parameter: "issuer"), .paddedSecret, .lowercaseSecret, .algorithmCase("sha256"),
    ])
  }

  @Test("the issuer may be only in the label, and a space may follow the colon")
  func labelIssuer() throws {
    let parsed = try KeyURI.parse("otpauth://totp/Example:%20alice@google.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    #expect(parsed.uri.issuer == "Example")
    #expect(parsed.uri.account == "alice@google.com")
    #expect(parsed.warnings == [.issuerOnlyInLabel])
  }

  @Test("one precise error per problem", arguments: [
    ("https://example.com/", KeyURIError.notOTPAuth(scheme: "https")),
    ("otpauth:totp", KeyURIError.notOTPAuth(scheme: nil)),
    ("otpauth://motp/a?secret=JBSWY3DP", KeyURIError.unknownType("motp")),
    ("otpauth://totp/?secret=JBSWY3DP", KeyURIError.missingLabel),
    ("otpauth://totp/a?issuer=x", KeyURIError.missingSecret),
    ("otpauth://totp/a?secret=JBSW1", KeyURIError.invalidSecret(.invalidBase32(.invalidCharacter("1", position: 5)))),
    ("otpauth://hotp/a?secret=JBSWY3DP", KeyURIError.missingCounter),
    ("otpauth://hotp/a?secret=JBSWY3DP&counter=18446744073709551616", KeyURIError.invalidCounter("18446744073709551616")),
    ("otpauth://totp/a?secret=JBSWY3DP&digits=5", KeyURIError.invalidDigits("5")),
    ("otpauth://totp/a?secret=JBSWY3DP&period=0", KeyURIError.invalidPeriod("0")),
    ("otpauth://totp/a?secret=JBSWY3DP&algorithm=MD5", KeyURIError.invalidAlgorithm("MD5")),
    ("otpauth://totp/a?secret=JBSWY3DP&secret=JBSWY3DP", KeyURIError.duplicateParameter("secret")),
    ("otpauth://totp/A:b?secret=JBSWY3DP&issuer=B", KeyURIError.issuerMismatch(label: "A", parameter: "B")),
    ("otpauth://totp/a%ZZ?secret=JBSWY3DP", KeyURIError.badPercentEncoding("a%ZZ")),
  ])
  func errors(_ text: String, _ error: KeyURIError) {
    #expect(throws: error) { try KeyURI.parse(text) }
  }

  @Test("error messages show the right shape to type")
  func messages() {
    #expect(KeyURIError.missingSecret.description.contains("secret=BASE32"))
    #expect(KeyURIError.notOTPAuth(scheme: nil).description.contains("otpauth://totp/"))
  }

  @Test("a description leaves the secret out")
  func description() throws {
    let uri = try KeyURI(secret: secret, account: "Muhammad", issuer: "CodingFleet.com")
    #expect(uri.description == "TOTP CodingFleet.com:Muhammad (SHA1, 6 digits, 30 s)")
  }
}

/// Inputs the fuzzer found, kept as tests (their bytes are also in Fuzz/corpus/).
@Suite("Key URI: fuzzer findings")
struct KeyURIFuzzFindingTests {
  @Test("an issuer parameter with a colon is refused: the label it rebuilds would be ambiguous")
  func issuerWithColon() {
    #expect(throws: KeyURIError.colonInIssuer("a:b")) {
      try KeyURI.parse("otpauth://totp/alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=a:b")
    }
  }
}

@Suite("Key URI: raw spaces")
struct KeyURIRawSpaceTests {
  @Test("a raw space is accepted with a warning")
  func rawSpace() throws {
    let parsed = try KeyURI.parse("otpauth://totp/ACME Co:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=ACME Co")
    #expect(parsed.uri.issuer == "ACME Co")
    #expect(parsed.warnings.contains(.rawSpace))
  }
}

@Suite("Key URI: fuzzer findings, length")
struct KeyURILengthFindingTests {
  @Test("a URI whose canonical form would be too long to write back is refused")
  func rebuiltTooLong() {
    // 1,000 characters that each take 9 bytes once percent-encoded.
    let label = String(repeating: "é", count: 1000)
    #expect(throws: KeyURIError.self) {
      try KeyURI.parse("otpauth://totp/\(label)?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    }
  }
}

@Suite("Key URI: colons in the account")
struct KeyURIColonAccountTests {
  @Test("an account with a colon is accepted with a warning")
  func colonInAccount() throws {
    let parsed = try KeyURI.parse("otpauth://totp/ACME:alice%3Awork?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=ACME")
    #expect(parsed.uri.account == "alice:work")
    #expect(parsed.warnings == [.colonInAccount])
  }
}

@Suite("Key URI: names a terminal would obey")
struct KeyURIInvisibleCharacterTests {
  @Test(
    "control, bidirectional and invisible characters in the account or issuer are refused",
    arguments: [
      ("otpauth://totp/Evil%1B%5D0%3Bowned%07:alice?secret=JBSWY3DPEHPK3PXP", "issuer in the label", 0x1B),
      ("otpauth://totp/alice%1B%5B2J?secret=JBSWY3DPEHPK3PXP", "account name", 0x1B),
      ("otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer=Bank%07", "issuer", 0x07),
      ("otpauth://totp/Bank:%E2%80%AEecilA?secret=JBSWY3DPEHPK3PXP", "account name", 0x202E),
      ("otpauth://totp/Bank:al%E2%80%8Bice?secret=JBSWY3DPEHPK3PXP", "account name", 0x200B),
      ("otpauth://totp/Bank:alice%C2%9B?secret=JBSWY3DPEHPK3PXP", "account name", 0x9B),
    ])
  func refused(_ text: String, _ field: String, _ scalar: UInt32) {
    #expect(throws: KeyURIError.invisibleCharacter(field: field, scalar: scalar)) { try KeyURI.parse(text) }
  }

  @Test("the message names the character without containing it")
  func message() {
    let message = KeyURIError.invisibleCharacter(field: "account name", scalar: 0x1B).description
    #expect(message.contains("U+001B"))
    #expect(!message.unicodeScalars.contains { $0.properties.generalCategory == .control })
  }

  @Test("ordinary names in any script are still accepted")
  func ordinaryNames() throws {
    let parsed = try KeyURI.parse("otpauth://totp/%E9%8A%80%E8%A1%8C:%C3%A9lodie%20M?secret=JBSWY3DPEHPK3PXP")
    #expect(parsed.uri.account == "élodie M")
  }

  @Test("a URI is checked when made, so its generators always exist")
  func checkedWhenMade() throws {
    let secret = try Secret(base32: "JBSWY3DPEHPK3PXP")
    #expect(throws: OTPError.unsupportedDigits(99)) { try KeyURI(secret: secret, account: "a", digits: 99) }
    for period in [Duration.zero, .seconds(86_401), .milliseconds(30_500)] {
      #expect(throws: OTPError.invalidPeriod(period)) { try KeyURI(kind: .totp(period: period), secret: secret, account: "a") }
    }
    let uri = try KeyURI(kind: .hotp(counter: 7), secret: secret, account: "a", digits: 10)
    #expect(uri.hotp().digits == 10)
    #expect(uri.resettingCounter(to: 0).kind == .hotp(counter: 0))
    #expect(uri.withDefaultParameters.digits == 6)
  }

  @Test("one algorithm-name parser: the URI reads SHA-256 and sha512 as HashAlgorithm(name:) does, with a warning")
  func algorithmNames() throws {
    for (name, algorithm) in [("SHA-256", HashAlgorithm.sha256), ("sha512", .sha512), ("Sha-1", .sha1)] {
      let parsed = try KeyURI.parse("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&algorithm=\(name)")
      #expect(parsed.uri.algorithm == algorithm)
      #expect(HashAlgorithm(name: name) == algorithm)
      #expect(parsed.warnings.contains(.algorithmCase(name)))
    }
  }
}
