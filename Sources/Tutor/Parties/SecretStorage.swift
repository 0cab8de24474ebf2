import Crypto
import OTP

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// How the login server's database keeps each account's TOTP or HOTP secret and its scratch
/// codes: what an attacker who copies the database gets.
///
/// A verifier needs the secret itself to compute the code it compares (RFC 6238 §4), so a
/// secret cannot be stored as a one-way hash the way a password is: it can only be kept
/// encrypted under a key the database does not hold (OWASP ASVS 4.0 V2.8.2: "highly
/// protected"). Scratch codes are only compared, so they are stored hashed (NIST SP 800-63B
/// §5.1.2.2).
public enum SecretStorage: Sendable, Equatable {
  /// Secrets and scratch codes as they are: the tutorial's `2fa.txt`, and many real servers.
  case plaintext
  /// Secrets sealed with AES-GCM under a server key kept apart from the database (in a key
  /// service or hardware module); scratch codes as salted hashes keyed with another key derived
  /// from it.
  case encrypted(ServerKey)

  /// The server's key for secrets at rest: never stored in the database it protects.
  public struct ServerKey: Sendable, Equatable {
    /// The AES-256 key's bytes.
    let bytes: [UInt8]

    /// A key from 32 random bytes.
    init(bytes: [UInt8]) {
      precondition(bytes.count == 32, "AES-256 takes a 32-byte key")
      self.bytes = bytes
    }

    /// The key that seals secrets, derived from the server key with HKDF (RFC 5869) so that no
    /// key serves two algorithms.
    var sealingKey: SymmetricKey { derived("otp-tutor secret sealing") }
    /// The key that hashes scratch codes, derived the same way with another label.
    var hashingKey: SymmetricKey { derived("otp-tutor scratch code hashing") }

    private func derived(_ label: String) -> SymmetricKey {
      HKDF<SHA256>.deriveKey(
        inputKeyMaterial: SymmetricKey(data: bytes), info: Array(label.utf8), outputByteCount: 32)
    }

    /// A short, non-secret name for the key: the first bytes of its SHA-256.
    public var fingerprint: String {
      SHA256.hash(data: bytes).prefix(4).map { Format.hex($0) }.joined()
    }
  }

  /// Whether the secrets are encrypted at rest.
  public var isEncrypted: Bool {
    if case .encrypted = self { true } else { false }
  }
}

/// One account's row of the login server's database, as it is stored and as it leaks.
public struct DatabaseRow: Sendable, Equatable {
  /// How the secret is stored.
  public enum StoredSecret: Sendable, Equatable {
    /// The secret's base32 text.
    case plaintext(String)
    /// An AES-GCM sealed box: the 12-byte nonce, the ciphertext and the 16-byte tag.
    case sealed(nonce: [UInt8], ciphertext: [UInt8], tag: [UInt8])
  }

  /// How one scratch code is stored.
  public enum StoredScratchCode: Sendable, Equatable {
    case plaintext(String)
    /// HMAC-SHA256 under the server key of a random salt and the code.
    case hashed(salt: [UInt8], digest: [UInt8])
  }

  public let account: String
  public let secret: StoredSecret
  public let scratchCodes: [StoredScratchCode]
}

/// What can go wrong reading a stored secret back.
public enum SecretStorageError: Error, Equatable, Sendable {
  /// The sealed box does not open with this key for this account: the wrong key, a row
  /// moved to another account, or altered bytes (AES-GCM authenticates all three).
  case cannotOpen(account: String)
  /// The row holds a sealed secret but the server has no key.
  case noKey(account: String)
}

extension SecretStorage {
  /// Stores one account as its database row, drawing nonces and salts from `random`.
  ///
  /// The account's name is the sealed box's authenticated data, so a sealed secret copied
  /// into another account's row does not open there.
  func row(
    account: String, secret: Secret, scratchCodes: [String], using random: inout some RandomNumberGenerator
  ) -> DatabaseRow {
    switch self {
    case .plaintext:
      return DatabaseRow(
        account: account, secret: .plaintext(secret.base32), scratchCodes: scratchCodes.map { .plaintext($0) })
    case .encrypted(let key):
      let nonceBytes = (0..<12).map { _ in UInt8.random(in: .min ... .max, using: &random) }
      let box: AES.GCM.SealedBox
      do {
        box = try AES.GCM.seal(
          secret.withUnsafeBytes { Array($0) }, using: key.sealingKey, nonce: try AES.GCM.Nonce(data: nonceBytes),
          authenticating: Array(account.utf8))
      } catch {
        preconditionFailure("AES-GCM with a 32-byte key and a 12-byte nonce cannot fail: \(error)")
      }
      let hashed = scratchCodes.map { code -> DatabaseRow.StoredScratchCode in
        let salt = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &random) }
        return .hashed(salt: salt, digest: Self.digest(of: code, salt: salt, key: key))
      }
      return DatabaseRow(
        account: account, secret: .sealed(nonce: nonceBytes, ciphertext: Array(box.ciphertext), tag: Array(box.tag)),
        scratchCodes: hashed)
    }
  }

  /// Reads a row's secret back, as the server does when it checks a code.
  func secret(of row: DatabaseRow) throws(SecretStorageError) -> Secret {
    switch row.secret {
    case .plaintext(let text):
      guard let secret = try? Secret(base32: text) else { throw .cannotOpen(account: row.account) }
      return secret
    case .sealed(let nonce, let ciphertext, let tag):
      guard case .encrypted(let key) = self else { throw .noKey(account: row.account) }
      do {
        let box = try AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: nonce), ciphertext: ciphertext, tag: tag)
        let bytes = try AES.GCM.open(box, using: key.sealingKey, authenticating: Array(row.account.utf8))
        return try Secret(bytes: Array(bytes))
      } catch {
        throw .cannotOpen(account: row.account)
      }
    }
  }

  /// Whether a typed scratch code is one of a row's, as the server checks it.
  func matches(_ code: String, _ stored: DatabaseRow.StoredScratchCode) -> Bool {
    switch (self, stored) {
    case (_, .plaintext(let text)): return text == code
    case (.encrypted(let key), .hashed(let salt, let digest)):
      return HMAC<SHA256>.isValidAuthenticationCode(digest, authenticating: salt + Array(code.utf8), using: key.hashingKey)
    case (.plaintext, .hashed): return false
    }
  }

  static func digest(of code: String, salt: [UInt8], key: ServerKey) -> [UInt8] {
    Array(HMAC<SHA256>.authenticationCode(for: salt + Array(code.utf8), using: key.hashingKey))
  }
}
