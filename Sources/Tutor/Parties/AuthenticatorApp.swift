public import OTP

/// The simulated phone app: the accounts it was given and the codes it shows.
///
/// It knows only what enrollment gave it, and it reads the app's clock, which is the
/// server's clock plus any drift the learner sets.
public struct AuthenticatorApp: Sendable {
  /// One account in the app.
  public struct Account: Sendable {
    /// What the app was given.
    public let uri: KeyURI
    /// For HOTP, the counter of the next code the app will show.
    public var nextCounter: UInt64
  }

  /// The accounts, by name, in the order added.
  public private(set) var accounts: [Account] = []

  public init() {}

  /// Adds an account, replacing one with the same name.
  public mutating func add(_ uri: KeyURI) {
    let counter: UInt64 = if case .hotp(let counter) = uri.kind { counter } else { 0 }
    let account = Account(uri: uri, nextCounter: counter)
    if let index = accounts.firstIndex(where: { $0.uri.account == uri.account }) {
      accounts[index] = account
    } else {
      accounts.append(account)
    }
  }

  /// The account with a name.
  public func account(named name: String) -> Account? {
    accounts.first { $0.uri.account == name }
  }

  /// The TOTP code the app shows for an account at the app's time.
  public func totpCode(for name: String, at appTime: UnixTime) throws(TutorError) -> (code: String, remaining: Duration, step: UInt64) {
    guard let account = account(named: name) else {
      throw TutorError("the app has no account '\(name.quotedForMessage)'", remedy: "enroll it first")
    }
    do {
      let totp = try account.uri.totp()
      return (try totp.code(at: appTime), try totp.timeRemaining(at: appTime), try totp.step(at: appTime))
    } catch {
      throw TutorError(error)
    }
  }
}
