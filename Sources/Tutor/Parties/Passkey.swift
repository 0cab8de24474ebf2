import Crypto

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A small model of an origin-bound credential (a passkey, as WebAuthn makes one), to set
/// beside a one-time code that a phishing relay can pass on.
///
/// What is modelled, with real cryptography (swift-crypto's P-256 ECDSA and SHA-256):
/// - at registration the authenticator makes a key pair for the relying party's id
///   (`example.com`) and the server keeps the public key;
/// - at login the server sends a fresh random challenge; the browser writes the client data
///   (`type`, the challenge and the origin *the browser sees*); the authenticator signs the
///   authenticator data (SHA-256 of the relying party id, flags, a signature counter) followed
///   by the SHA-256 of the client data;
/// - the server checks the signature with the stored public key, then the challenge, the
///   origin, the relying party id's hash and that the counter went up.
///
/// What is not modelled: CBOR and COSE encodings, attestation, user verification (a PIN or a
/// fingerprint), discoverable credentials, and the browser's own check that a page may only ask
/// for credentials of its own domain, which in a real browser stops a look-alike site even
/// earlier. Here the look-alike page passes on the real site's request, and the origin the
/// browser writes into the signed client data is what gives it away.
public struct PasskeyAuthenticator: Sendable {
  /// One credential: a key pair made for one relying party.
  struct Credential: Sendable {
    let id: [UInt8]
    let relyingParty: String
    let privateKey: P256.Signing.PrivateKey
    var signCount: UInt32 = 0
  }

  private(set) var credentials: [String: Credential] = [:]

  public init() {}

  /// Whether the authenticator holds a credential for a relying party id.
  public func hasCredential(for relyingParty: String) -> Bool { credentials[relyingParty] != nil }

  /// Makes a key pair for a relying party from `random`'s bytes, replacing any earlier one.
  mutating func register(
    relyingParty: String, using random: inout some RandomNumberGenerator
  ) -> PasskeyServer.Registration {
    var key: P256.Signing.PrivateKey?
    while key == nil {
      // 32 random bytes are a valid P-256 scalar unless zero or above the group order (p < 2^-32).
      let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &random) }
      key = try? P256.Signing.PrivateKey(rawRepresentation: bytes)
    }
    let id = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &random) }
    let credential = Credential(id: id, relyingParty: relyingParty, privateKey: key!)
    credentials[relyingParty] = credential
    return PasskeyServer.Registration(credentialID: id, publicKey: credential.privateKey.publicKey)
  }

  /// Signs a login request: the challenge as the browser passes it, with the origin the
  /// browser is at.
  mutating func assert(_ request: PasskeyServer.Challenge, origin: String) -> Assertion? {
    guard var credential = credentials[request.relyingParty] else { return nil }
    credential.signCount += 1
    credentials[request.relyingParty] = credential
    let clientData = Assertion.clientDataJSON(challenge: request.bytes, origin: origin)
    let authenticatorData = Assertion.authenticatorData(
      relyingParty: request.relyingParty, signCount: credential.signCount)
    let signed = authenticatorData + Array(SHA256.hash(data: clientData))
    guard let signature = try? credential.privateKey.signature(for: signed) else { return nil }
    return Assertion(
      credentialID: credential.id, clientDataJSON: clientData, authenticatorData: authenticatorData,
      signature: Array(signature.rawRepresentation))
  }
}

/// What an authenticator sends back for a login: the signed client data and authenticator data.
public struct Assertion: Sendable, Equatable {
  public let credentialID: [UInt8]
  /// The client data as the browser wrote it, the bytes that were hashed and signed.
  public let clientDataJSON: [UInt8]
  /// SHA-256 of the relying party id (32 bytes), the flags (user present) and the counter.
  public let authenticatorData: [UInt8]
  /// The P-256 ECDSA signature's 64 raw bytes (r and s).
  public let signature: [UInt8]

  /// The origin written in the client data, as the server reads it.
  public var origin: String? { ClientData(clientDataJSON)?.origin }

  static let userPresent: UInt8 = 0x01

  static func authenticatorData(relyingParty: String, signCount: UInt32) -> [UInt8] {
    Array(SHA256.hash(data: Array(relyingParty.utf8))) + [userPresent]
      + [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: signCount >> $0) }
  }

  static func clientDataJSON(challenge: [UInt8], origin: String) -> [UInt8] {
    let data = ClientData(type: "webauthn.get", challenge: Base64URL.encode(challenge), origin: origin)
    // Sorted keys: the same challenge and origin always give the same bytes.
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return Array((try? encoder.encode(data)) ?? Data())
  }

  /// The client data's fields.
  struct ClientData: Codable, Equatable {
    let type: String
    let challenge: String
    let origin: String

    init(type: String, challenge: String, origin: String) {
      self.type = type
      self.challenge = challenge
      self.origin = origin
    }

    init?(_ json: [UInt8]) {
      guard let decoded = try? JSONDecoder().decode(ClientData.self, from: Data(json)) else { return nil }
      self = decoded
    }
  }
}

/// The relying party's side: registered public keys, challenges, and the checks of a login.
public struct PasskeyServer: Sendable {
  /// What the authenticator hands the server at registration.
  public struct Registration: Sendable {
    let credentialID: [UInt8]
    let publicKey: P256.Signing.PublicKey
  }

  /// A login request: a fresh challenge for a relying party id.
  public struct Challenge: Sendable, Equatable {
    public let relyingParty: String
    public let bytes: [UInt8]
  }

  /// Why the server refused an assertion, in the order it checks.
  public enum Refusal: Error, Equatable, Sendable {
    case noCredential(account: String)
    case badSignature
    case wrongType(String)
    case staleChallenge
    case wrongOrigin(seen: String, expected: String)
    case wrongRelyingParty
    case counterWentBack
  }

  /// The relying party id credentials are made for.
  public let relyingParty: String
  /// The one origin logins must come from.
  public let origin: String
  private var keys: [String: (registration: Registration, signCount: UInt32)] = [:]
  private var pending: Challenge?

  public init(relyingParty: String = "example.com") {
    self.relyingParty = relyingParty
    self.origin = "https://" + relyingParty
  }

  /// Whether an account has a passkey.
  public func isRegistered(_ account: String) -> Bool { keys[account] != nil }

  /// Keeps an account's public key.
  mutating func register(_ registration: Registration, for account: String) {
    keys[account] = (registration, 0)
  }

  /// A short, non-secret name of an account's public key.
  func keyFingerprint(of account: String) -> String? {
    keys[account].map { SHA256.hash(data: $0.registration.publicKey.rawRepresentation).prefix(4).map { Format.hex($0) }.joined() }
  }

  /// Starts a login: a fresh 32-byte challenge, which only the next assertion may answer.
  mutating func challenge(using random: inout some RandomNumberGenerator) -> Challenge {
    let challenge = Challenge(
      relyingParty: relyingParty, bytes: (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &random) })
    pending = challenge
    return challenge
  }

  /// Checks an assertion for an account; the challenge is spent either way.
  mutating func verify(_ assertion: Assertion, account: String) throws(Refusal) {
    defer { pending = nil }
    guard let (registration, signCount) = keys[account], registration.credentialID == assertion.credentialID else {
      throw .noCredential(account: account)
    }
    let signed = assertion.authenticatorData + Array(SHA256.hash(data: assertion.clientDataJSON))
    guard let signature = try? P256.Signing.ECDSASignature(rawRepresentation: assertion.signature),
      registration.publicKey.isValidSignature(signature, for: signed)
    else { throw .badSignature }
    guard let clientData = Assertion.ClientData(assertion.clientDataJSON), clientData.type == "webauthn.get" else {
      throw .wrongType(Assertion.ClientData(assertion.clientDataJSON)?.type ?? "unreadable client data")
    }
    guard let pending, clientData.challenge == Base64URL.encode(pending.bytes) else { throw .staleChallenge }
    guard clientData.origin == origin else { throw .wrongOrigin(seen: clientData.origin, expected: origin) }
    guard assertion.authenticatorData.count == 37,
      Array(assertion.authenticatorData.prefix(32)) == Array(SHA256.hash(data: Array(relyingParty.utf8)))
    else { throw .wrongRelyingParty }
    let counter = assertion.authenticatorData.suffix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    guard counter > signCount else { throw .counterWentBack }
    keys[account]?.signCount = counter
  }
}

/// Base64url without padding (RFC 4648 §5), as WebAuthn writes challenges.
enum Base64URL {
  static func encode(_ bytes: [UInt8]) -> String {
    Data(bytes).base64EncodedString()
      .replacing("+", with: "-").replacing("/", with: "_")
      .replacing("=", with: "")
  }
}
