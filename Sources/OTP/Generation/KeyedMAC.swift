import Crypto
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// An HMAC already keyed with a secret, copied for each message.
///
/// Keying HMAC hashes the padded key twice; doing it once per secret instead of once per
/// code more than halves the cost of a code.
struct KeyedMAC: Sendable {
  // `@unchecked`: swift-crypto 3 does not mark `HMAC` `Sendable` (4 does). The keyed states are
  // never mutated in place: each code copies one (`var hmac = keyed`), and the copy-on-write
  // digest contexts inside are copied before they are written, so sharing them across tasks is safe.
  private enum Storage: @unchecked Sendable {
    case sha1(HMAC<Insecure.SHA1>)
    case sha256(HMAC<SHA256>)
    case sha512(HMAC<SHA512>)
  }

  private let storage: Storage

  init(secret: Secret, algorithm: HashAlgorithm) {
    let key = secret.withUnsafeBytes { SymmetricKey(data: $0) }
    switch algorithm {
    case .sha1: storage = .sha1(HMAC(key: key))
    case .sha256: storage = .sha256(HMAC(key: key))
    case .sha512: storage = .sha512(HMAC(key: key))
    }
  }

  /// Computes the HMAC of the 8-byte big-endian counter and passes it to `body`.
  func withMAC<Result>(
    counter: UInt64,
    _ body: (UnsafeRawBufferPointer) -> Result
  ) -> Result {
    let message = CounterMessage(counter)
    switch storage {
    case .sha1(let keyed): return Self.authenticate(message, keyed, body)
    case .sha256(let keyed): return Self.authenticate(message, keyed, body)
    case .sha512(let keyed): return Self.authenticate(message, keyed, body)
    }
  }

  @inline(__always)
  private static func authenticate<H: HashFunction, Result>(
    _ message: CounterMessage,
    _ keyed: HMAC<H>,
    _ body: (UnsafeRawBufferPointer) -> Result
  ) -> Result {
    var hmac = keyed
    hmac.update(data: message)
    return hmac.finalize().withUnsafeBytes(body)
  }
}
