public import OTP

/// Moving accounts between apps: Google Authenticator's `otpauth-migration://` export.
///
/// The export carries each account's secret, name, issuer, algorithm, digits, type and HOTP
/// counter (``MigrationPayload``); it has no field for a period, and knows only 6 and 8 digits,
/// so an account with another period or digit count cannot travel in it and is left out.
extension AuthenticatorApp {
  /// Why an account cannot go into an export.
  public enum ExportGap: Equatable, Sendable {
    /// A TOTP period other than 30 seconds: the format has no period field.
    case period(Duration)
    /// A digit count other than 6 or 8: the format has no other.
    case digits(Int)
  }

  /// What an export holds.
  public struct Export: Sendable {
    /// The payloads, one per QR code, in order; empty when no account could go in.
    public let payloads: [MigrationPayload]
    /// The accounts that could not go in, by label, with the reason.
    public let leftOut: [(label: String, gap: ExportGap)]
  }

  /// The most accounts one QR code of an export holds.
  ///
  /// More make a batch of several codes (`batch_size`, `batch_index`), tied together by one
  /// `batch_id`, as Google Authenticator splits a large export. Ten is this app's choice: it
  /// keeps each code small enough to scan from a screen.
  public static let accountsPerExportCode = 10

  /// Exports every account as the app uses it (after its profile), with HOTP accounts at the
  /// counter of the next code the app would show.
  ///
  /// - Parameter batchID: The number that ties the export's QR codes together.
  public func export(batchID: Int32) -> Export {
    var exported: [MigrationPayload.Account] = []
    var leftOut: [(label: String, gap: ExportGap)] = []
    for account in accounts {
      let uri = account.effective
      if case .totp(let period) = uri.kind, period != .seconds(30) {
        leftOut.append((uri.label, .period(period)))
        continue
      }
      guard uri.digits == 6 || uri.digits == 8 else {
        leftOut.append((uri.label, .digits(uri.digits)))
        continue
      }
      let kind: MigrationPayload.Account.Kind =
        if case .hotp = uri.kind { .hotp(counter: account.nextCounter) } else { .totp }
      let secret = uri.secret.withUnsafeBytes { Array($0) }
      exported.append(
        .init(
          secret: secret, name: uri.label, issuer: uri.issuer ?? "", algorithm: uri.algorithm, digits: uri.digits,
          kind: kind))
    }
    let size = Self.accountsPerExportCode
    let chunks = stride(from: 0, to: exported.count, by: size).map {
      Array(exported[$0..<min($0 + size, exported.count)])
    }
    let payloads = chunks.enumerated().map { index, chunk in
      MigrationPayload(
        accounts: chunk, version: 1, batchSize: Int32(chunks.count), batchIndex: Int32(index), batchID: batchID)
    }
    return Export(payloads: payloads, leftOut: leftOut)
  }

  /// What importing one account of an export did.
  public enum ImportResult: Sendable {
    /// The account was new to the app.
    case added(Account)
    /// The app held an account of that name, and the export's replaced it.
    case replaced(Account)
    /// The account could not be added; the reason in words, with the name as exported.
    case refused(name: String, reason: String)
  }

  /// Adds every account of a payload, as scanning an export QR code does: HOTP counters kept,
  /// an account of the same name replaced.
  public mutating func importing(_ payload: MigrationPayload) -> [ImportResult] {
    payload.accounts.map { exported in
      let uri: KeyURI
      do throws(MigrationImportError) { uri = try Self.uri(of: exported) } catch {
        return .refused(name: exported.name, reason: error.description)
      }
      let replaces = account(named: uri.account) != nil
      let account = add(uri)
      return replaces ? .replaced(account) : .added(account)
    }
  }

  /// An exported account as a Key URI: the name's `Issuer:` prefix, when it matches the issuer
  /// (or there is no issuer), is the issuer; TOTP is 30 seconds, the only period the format has.
  public static func uri(of exported: MigrationPayload.Account) throws(MigrationImportError) -> KeyURI {
    var account = exported.name
    var issuer: String? = exported.issuer.isEmpty ? nil : exported.issuer
    if let colon = account.firstIndex(of: ":") {
      let prefix = String(account[..<colon])
      if issuer == nil || issuer == prefix {
        issuer = prefix.isEmpty ? issuer : prefix
        account = String(account[account.index(after: colon)...])
      }
    }
    account = String(account.drop { $0 == " " })
    guard !account.isEmpty, !account.contains(":") else { throw .badName(exported.name) }
    if let issuer, issuer.contains(":") { throw .badIssuer(issuer) }
    let secret: Secret
    do { secret = try Secret(bytes: exported.secret) } catch { throw .badSecret(exported.name) }
    let kind: KeyURI.Kind =
      switch exported.kind {
      case .totp: .totp
      case .hotp(let counter): .hotp(counter: counter)
      }
    do {
      return try KeyURI(
        kind: kind, secret: secret, account: account, issuer: issuer, algorithm: exported.algorithm,
        digits: exported.digits)
    } catch {
      throw .unusable(error.description)
    }
  }
}

/// Why an account of an export cannot become an account in the app.
public enum MigrationImportError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The name gives no account, or one with a colon inside it.
  case badName(String)
  /// The issuer holds a colon.
  case badIssuer(String)
  /// The secret is empty.
  case badSecret(String)
  /// The engine cannot make codes with these parameters.
  case unusable(String)

  public var description: String {
    switch self {
    case .badName(let name): "its name '\(name.quotedForMessage)' gives no account name, or one with ':' inside it"
    case .badIssuer(let issuer): "its issuer '\(issuer.quotedForMessage)' holds a ':'"
    case .badSecret: "it has no secret"
    case .unusable(let problem): problem
    }
  }
}
