#if canImport(FoundationEssentials)
  internal import FoundationEssentials
#else
  internal import Foundation
#endif

/// Google Authenticator's export format: the `otpauth-migration://offline?data=…` link its
/// "Transfer accounts" QR codes carry, a base64 `MigrationPayload` protocol buffer.
///
/// ```proto
/// message MigrationPayload {
///   repeated OtpParameters otp_parameters = 1;
///   int32 version = 2; int32 batch_size = 3; int32 batch_index = 4; int32 batch_id = 5;
///   message OtpParameters {
///     bytes secret = 1; string name = 2; string issuer = 3;
///     Algorithm algorithm = 4;  // 1 SHA1, 2 SHA256, 3 SHA512 (4 MD5 is refused)
///     DigitCount digits = 5;    // 1 six, 2 eight
///     OtpType type = 6;         // 1 HOTP, 2 TOTP
///     int64 counter = 7;
///   }
/// }
/// ```
///
/// The reader and writer here handle exactly this message: varints and length-delimited
/// fields, in one pass over the bytes, skipping fields it does not know (as protocol buffers
/// require), refusing truncated or malformed input with a ``MigrationError``. The writer
/// writes every field, zeros included, in field order, as Google Authenticator does, so a
/// payload read and written again is byte for byte the same.
///
/// An export holds every account's secret: it is as secret as the keys themselves.
public struct MigrationPayload: Sendable, Equatable {
  /// One account of an export.
  public struct Account: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
      case hotp(counter: UInt64)
      case totp
    }

    /// The shared secret's bytes.
    public var secret: [UInt8]
    /// The label, often `Issuer:account`.
    public var name: String
    public var issuer: String
    public var algorithm: HashAlgorithm
    /// 6 or 8: the format has no other digit counts (and no period: TOTP is always 30 s).
    public var digits: Int
    public var kind: Kind

    public init(secret: [UInt8], name: String, issuer: String, algorithm: HashAlgorithm = .sha1, digits: Int = 6, kind: Kind = .totp) {
      self.secret = secret
      self.name = name
      self.issuer = issuer
      self.algorithm = algorithm
      self.digits = digits
      self.kind = kind
    }
  }

  public var accounts: [Account]
  public var version: Int32
  public var batchSize: Int32
  public var batchIndex: Int32
  /// Ties the QR codes of one export together.
  public var batchID: Int32

  public init(accounts: [Account], version: Int32 = 1, batchSize: Int32 = 1, batchIndex: Int32 = 0, batchID: Int32) {
    self.accounts = accounts
    self.version = version
    self.batchSize = batchSize
    self.batchIndex = batchIndex
    self.batchID = batchID
  }

  /// The scheme and the place of the data, as the link starts.
  static let prefix = "otpauth-migration://offline?data="

  /// Reads an `otpauth-migration://offline?data=…` link (the data percent-encoded or not).
  public init(link: String) throws(MigrationError) {
    try self.init(bytes: try Self.bytes(ofLink: link))
  }

  /// Reads the base64 `data` of a link.
  public init(base64: String) throws(MigrationError) {
    try self.init(bytes: try Self.bytes(ofBase64: base64))
  }

  /// The protocol buffer an `otpauth-migration://offline?data=…` link carries, not yet read:
  /// to compare with what ``bytes`` writes back.
  public static func bytes(ofLink link: String) throws(MigrationError) -> [UInt8] {
    guard link.hasPrefix(Self.prefix) else { throw .notAMigrationLink }
    var data = link.dropFirst(Self.prefix.count)
    if let end = data.firstIndex(of: "&") { data = data[..<end] }
    guard let decoded = PercentEncoding.decode(data, plusIsSpace: false) else { throw .badBase64 }
    return try bytes(ofBase64: decoded)
  }

  /// The protocol buffer the base64 `data` of a link carries.
  public static func bytes(ofBase64 base64: String) throws(MigrationError) -> [UInt8] {
    // Links carry standard base64, sometimes with the padding dropped or '+' turned to ' '.
    var text = String(base64.map { $0 == " " ? "+" : $0 })
    while text.count % 4 != 0 { text += "=" }
    guard let data = Data(base64Encoded: text) else { throw .badBase64 }
    return Array(data)
  }

  /// Reads the protocol buffer itself.
  public init(bytes: [UInt8]) throws(MigrationError) {
    var reader = ProtobufReader(bytes[...])
    var accounts: [Account] = []
    var version: Int32 = 0
    var batchSize: Int32 = 0
    var batchIndex: Int32 = 0
    var batchID: Int32 = 0
    while let (field, value) = try reader.next() {
      switch (field, value) {
      case (1, .bytes(let message)): accounts.append(try Self.account(message))
      case (2, .varint(let number)): version = Int32(truncatingIfNeeded: number)
      case (3, .varint(let number)): batchSize = Int32(truncatingIfNeeded: number)
      case (4, .varint(let number)): batchIndex = Int32(truncatingIfNeeded: number)
      case (5, .varint(let number)): batchID = Int32(truncatingIfNeeded: number)
      case (1...5, _): throw .wrongWireType(field: field)
      default: continue
      }
    }
    self.init(accounts: accounts, version: version, batchSize: batchSize, batchIndex: batchIndex, batchID: batchID)
  }

  private static func account(_ bytes: ArraySlice<UInt8>) throws(MigrationError) -> Account {
    var reader = ProtobufReader(bytes)
    var account = Account(secret: [], name: "", issuer: "")
    var type: UInt64 = 0
    var counter: UInt64 = 0
    while let (field, value) = try reader.next() {
      switch (field, value) {
      case (1, .bytes(let secret)): account.secret = Array(secret)
      case (2, .bytes(let name)): account.name = try text(name, field: "name")
      case (3, .bytes(let issuer)): account.issuer = try text(issuer, field: "issuer")
      case (4, .varint(let number)):
        switch number {
        case 0, 1: account.algorithm = .sha1  // 0: unspecified, which apps read as SHA-1
        case 2: account.algorithm = .sha256
        case 3: account.algorithm = .sha512
        default: throw .unsupported("algorithm \(number) (4 is MD5, which RFC 4226 does not allow)")
        }
      case (5, .varint(let number)):
        switch number {
        case 0, 1: account.digits = 6
        case 2: account.digits = 8
        default: throw .unsupported("digit count \(number)")
        }
      case (6, .varint(let number)): type = number
      case (7, .varint(let number)): counter = number
      case (1...7, _): throw .wrongWireType(field: field)
      default: continue
      }
    }
    switch type {
    case 1: account.kind = .hotp(counter: counter)
    case 0, 2: account.kind = .totp
    default: throw .unsupported("OTP type \(type)")
    }
    guard !account.secret.isEmpty else { throw .missingSecret(account.name) }
    return account
  }

  private static func text(_ bytes: ArraySlice<UInt8>, field: String) throws(MigrationError) -> String {
    guard let text = String(validating: bytes, as: UTF8.self) else { throw .notUTF8(field: field) }
    return text
  }

  /// The protocol buffer, every field written in order.
  public var bytes: [UInt8] {
    var writer = ProtobufWriter()
    for account in accounts {
      var inner = ProtobufWriter()
      inner.bytes(1, account.secret)
      inner.bytes(2, Array(account.name.utf8))
      inner.bytes(3, Array(account.issuer.utf8))
      let algorithm: UInt64 =
        switch account.algorithm {
        case .sha1: 1
        case .sha256: 2
        case .sha512: 3
        }
      inner.varint(4, algorithm)
      inner.varint(5, account.digits == 8 ? 2 : 1)
      switch account.kind {
      case .hotp(let counter):
        inner.varint(6, 1)
        inner.varint(7, counter)
      case .totp:
        inner.varint(6, 2)
      }
      writer.bytes(1, inner.output)
    }
    for (field, value) in [(2, version), (3, batchSize), (4, batchIndex), (5, batchID)] {
      // int32: a negative number is sign-extended to ten bytes, as protocol buffers do.
      writer.varint(field, UInt64(bitPattern: Int64(value)))
    }
    return writer.output
  }

  /// The link a QR code carries: base64 data, percent-encoded as Google Authenticator writes it.
  public var link: String {
    Self.prefix + PercentEncoding.encode(Data(bytes).base64EncodedString(), keeping: PercentEncoding.unreserved)
  }
}

/// Why a migration link or payload cannot be read.
public enum MigrationError: Error, Equatable, Sendable, CustomStringConvertible {
  case notAMigrationLink
  case badBase64
  case truncated
  case malformedVarint
  case wrongWireType(field: Int)
  case notUTF8(field: String)
  case unsupported(String)
  case missingSecret(String)

  public var description: String {
    switch self {
    case .notAMigrationLink: "not an export link: it starts with otpauth-migration://offline?data="
    case .badBase64: "the link's data is not base64"
    case .truncated: "the export is cut short"
    case .malformedVarint: "the export holds a malformed number"
    case .wrongWireType(let field): "field \(field) of the export has the wrong type"
    case .notUTF8(let field): "an account's \(field) is not UTF-8 text"
    case .unsupported(let what): "the export uses \(what), which this app does not support"
    case .missingSecret(let name): "the account '\(name)' has no secret"
    }
  }
}

/// Reads protocol buffer fields: a tag (field number and wire type), then its value.
struct ProtobufReader {
  enum Value {
    case varint(UInt64)
    case bytes(ArraySlice<UInt8>)
    case fixed
  }

  private var bytes: ArraySlice<UInt8>

  init(_ bytes: ArraySlice<UInt8>) {
    self.bytes = bytes
  }

  /// The next field, or nil at the end.
  mutating func next() throws(MigrationError) -> (Int, Value)? {
    guard !bytes.isEmpty else { return nil }
    let tag = try varint()
    let field = tag >> 3
    guard field > 0, field <= UInt64(Int32.max) else { throw .malformedVarint }
    switch tag & 7 {
    case 0: return (Int(field), .varint(try varint()))
    case 2:
      let length = try varint()
      guard length <= UInt64(bytes.count) else { throw .truncated }
      let value = bytes.prefix(Int(length))
      bytes = bytes.dropFirst(Int(length))
      return (Int(field), .bytes(value))
    case 1, 5:
      let size = tag & 7 == 1 ? 8 : 4
      guard bytes.count >= size else { throw .truncated }
      bytes = bytes.dropFirst(size)
      return (Int(field), .fixed)
    default:
      throw .wrongWireType(field: Int(field))
    }
  }

  /// A base-128 varint: at most ten bytes.
  private mutating func varint() throws(MigrationError) -> UInt64 {
    var value: UInt64 = 0
    for shift in stride(from: 0, to: 70, by: 7) {
      guard let byte = bytes.popFirst() else { throw .truncated }
      guard shift < 63 || byte <= 1 else { throw .malformedVarint }
      value |= UInt64(byte & 0x7F) << UInt64(shift)
      if byte & 0x80 == 0 { return value }
    }
    throw .malformedVarint
  }
}

/// Writes protocol buffer fields.
struct ProtobufWriter {
  private(set) var output: [UInt8] = []

  mutating func varint(_ field: Int, _ value: UInt64) {
    raw(UInt64(field) << 3)
    raw(value)
  }

  mutating func bytes(_ field: Int, _ value: [UInt8]) {
    raw(UInt64(field) << 3 | 2)
    raw(UInt64(value.count))
    output += value
  }

  private mutating func raw(_ value: UInt64) {
    var value = value
    while value >= 0x80 {
      output.append(UInt8(value & 0x7F) | 0x80)
      value >>= 7
    }
    output.append(UInt8(value))
  }
}
