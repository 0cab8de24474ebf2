public import OTP

/// Everything the shell's commands act on: the clocks, the login server, the phones with their
/// authenticator apps, the account in use and the source of randomness.
///
/// The world is kept apart from the interpreter that runs commands on it, so a lesson can
/// rebuild it from its start, and a test can look at it after each command.
public struct World: Sendable {
  /// The login server's clock.
  public let clock: VirtualClock
  /// How far the app's clock is ahead of the server's (negative: behind).
  public var drift: Duration = .zero
  /// The login server.
  public var server = LoginServer()
  /// The learner's phones, each with an authenticator app, and the one in use.
  public var phones = Phones()
  /// The simulated authenticator app on the phone in use (an empty one, which keeps nothing
  /// given to it, once every phone is lost).
  public var app: AuthenticatorApp {
    get { phones.appInUse ?? AuthenticatorApp() }
    set { phones.appInUse = newValue }
  }
  /// The passkey authenticator beside the app, and the login server's passkey side.
  public var passkeys = PasskeyAuthenticator()
  public var passkeyServer = PasskeyServer()
  /// The carriers of codes sent by SMS and e-mail, and who holds the learner's phone number.
  public var channel = OutOfBandChannel()
  /// The login server's verifiers of the codes it sends, one per medium.
  public var sentCodes: [OutOfBandChannel.Medium: OutOfBandVerifier] = [.sms: .init(), .email: .init()]
  /// The learner's phone answering push "approve?" requests.
  public var push = PushApprovals()
  /// The account commands act on: the last one enrolled.
  public var currentAccount: String?
  /// Where new secrets and scratch codes come from.
  var random: RandomSource
  /// The accounts (and `<account>#scratch` for scratch codes) whose secrets are real: typed,
  /// loaded, scanned, or made by the system's generator. A lesson's secrets and seeded ones
  /// are demo secrets.
  var realSecrets: Set<String> = []

  /// Whether the world holds a real secret that a recording must leave out.
  public var holdsRealSecrets: Bool { !realSecrets.isEmpty }
  /// The folder relative file names are taken from; `nil` for the process's working directory.
  public var workingDirectory: String?

  /// A world whose clock starts at `start`, with nothing enrolled.
  public init(clock: VirtualClock, seed: UInt64?, workingDirectory: String? = nil) {
    self.clock = clock
    self.random = seed.map { .seeded(SplitMix64(seed: $0), seed: $0) } ?? .system
    self.workingDirectory = workingDirectory
  }

  /// The app's clock: the server's plus the drift.
  public var appTime: UnixTime { clock.time + drift }

  /// The account commands act on, as enrolled.
  public var currentURI: KeyURI? {
    currentAccount.flatMap { server.records[$0]?.uri }
  }

  /// The seed of the generator, if it is seeded.
  public var seed: UInt64? { random.seed }
}
