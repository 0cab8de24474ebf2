public import OTP

/// The simulated phone app: the accounts it was given and the codes it shows.
///
/// It knows only what enrollment gave it (a scanned QR code or a URI), and it reads the
/// app's clock, which is the server's clock plus any drift the learner sets. How faithfully
/// it follows the URI's parameters depends on its ``Profile``.
public struct AuthenticatorApp: Sendable {
  /// What can go wrong when asking the app.
  public enum Failure: Error, Equatable, Sendable {
    /// The app holds no account of this name; `known` lists those it does hold.
    case noSuchAccount(String, known: [String])
    /// The account's parameters are not ones the engine can make codes for.
    case unusableAccount(String)
  }

  /// How an app treats a URI's optional parameters.
  public enum Profile: String, CaseIterable, Sendable {
    /// Honours `algorithm`, `digits` and `period`, as the Key URI format says apps should.
    case strict
    /// Ignores them and always uses SHA1, 6 digits and 30 seconds, as Google's Key URI Format
    /// page said of Google Authenticator: "Currently, the algorithm parameter is ignored by the
    /// Google Authenticator implementations", and likewise for `digits` and `period`.
    case ignoresParameters = "ignores-parameters"
  }

  /// One account in the app.
  public struct Account: Sendable {
    /// What the app was given.
    public let scanned: KeyURI
    /// What the app actually uses, after its profile.
    public let effective: KeyURI
    /// For HOTP, the counter of the next code the app will show.
    public var nextCounter: UInt64
  }

  /// How the app treats parameters; applies to accounts added from now on.
  public var profile = Profile.strict
  /// The accounts, in the order added.
  public private(set) var accounts: [Account] = []

  public init() {}

  /// Adds an account, replacing one with the same name; returns what the app will use.
  @discardableResult
  public mutating func add(_ uri: KeyURI) -> Account {
    let effective = profile == .ignoresParameters ? uri.withDefaultParameters : uri
    let counter: UInt64 = if case .hotp(let counter) = uri.kind { counter } else { 0 }
    let account = Account(scanned: uri, effective: effective, nextCounter: counter)
    if let index = accounts.firstIndex(where: { $0.scanned.account == uri.account }) {
      accounts[index] = account
    } else {
      accounts.append(account)
    }
    return account
  }

  /// Removes an account; returns whether there was one.
  public mutating func remove(named name: String) -> Bool {
    guard let index = accounts.firstIndex(where: { $0.scanned.account == name || $0.scanned.label == name }) else {
      return false
    }
    accounts.remove(at: index)
    return true
  }

  /// The account with a name, given as the account alone or as the label the app shows
  /// (`CodingFleet.com:Muhammad`).
  public func account(named name: String) -> Account? {
    accounts.first { $0.scanned.account == name || $0.scanned.label == name }
  }

  /// The TOTP code the app shows for an account at the app's time.
  public func totpCode(for name: String, at appTime: UnixTime) throws(Failure) -> (
    code: String, remaining: Duration, step: UInt64
  ) {
    guard let account = account(named: name) else { throw .noSuchAccount(name, known: accountNames) }
    do {
      let totp = account.effective.totp()
      return (try totp.code(at: appTime), try totp.timeRemaining(at: appTime), try totp.step(at: appTime))
    } catch {
      throw .unusableAccount(error.description)
    }
  }

  /// The names of the accounts, in the order added.
  public var accountNames: [String] { accounts.map(\.scanned.account) }

  /// Shows the next HOTP code for an account, as pressing the app's button does, and moves its counter.
  public mutating func pressHOTP(for name: String) throws(Failure) -> (code: String, counter: UInt64) {
    guard let index = accounts.firstIndex(where: { $0.scanned.account == name || $0.scanned.label == name }) else {
      throw .noSuchAccount(name, known: accountNames)
    }
    let counter = accounts[index].nextCounter
    let code: String
    code = accounts[index].effective.hotp().code(for: counter)
    accounts[index].nextCounter = counter &+ 1
    return (code, counter)
  }
}
