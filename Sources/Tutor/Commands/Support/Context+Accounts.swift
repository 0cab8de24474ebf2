import OTP

extension Context {
  /// The account commands act on, as enrolled, or an error that says how to make one.
  func requireURI() throws(TutorError) -> KeyURI {
    guard let uri = world.currentURI else {
      throw TutorError("there is no secret yet", remedy: "type 'secret new' or 'secret set <base32>' first")
    }
    return uri
  }

  /// The current account as the app uses it (after its profile), which must be TOTP.
  func requireTOTP() throws(TutorError) -> (KeyURI, TOTP) {
    let enrolled = try requireURI()
    let uri = world.app.account(named: enrolled.account)?.effective ?? enrolled
    guard case .totp = uri.kind else {
      throw TutorError(
        "'\(uri.account)' is an HOTP account, so it has no time-based code",
        remedy: "use 'hotp <n>', or 'enroll --type totp' to switch")
    }
    return (uri, uri.totp())
  }

  /// Gives a new secret to the current account (or a new default one) on the server and in the app.
  func share(_ secret: Secret) throws(TutorError) {
    if let warning = secret.weaknessWarning { warn(warning) }
    var uri = (world.currentURI ?? KeyURI.learner(secret)).resettingCounter(to: 0)
    uri.secret = secret
    try install(uri)
    if world.phones.inUse == nil {
      say("The login server now holds this secret: \(uri.description); you have no phone to hold it ('phone new <name>').")
    } else {
      say("The login server and the authenticator app now share this secret: \(uri.description).")
    }
  }

  /// Puts an account on the server and in the app on the phone in use (if any), and makes it current.
  func install(_ uri: KeyURI) throws(TutorError) {
    do { try world.server.enroll(uri) } catch { throw TutorError(error) }
    world.app.add(uri)
    world.currentAccount = uri.account
    // Enrolling again replaces the account's record, and its scratch codes with it.
    world.realSecrets.remove(uri.account + "#scratch")
  }

  /// Marks where the secret an account (or `<account>#scratch`) now holds came from: a real
  /// one, unless it came from a seeded generator or a lesson (whose secrets are published
  /// with it).
  func secretEntered(for account: String, fromSeededGenerator: Bool = false) {
    if !fromSeededGenerator && session.run == nil {
      world.realSecrets.insert(account)
    } else {
      world.realSecrets.remove(account)
    }
  }

  /// Marks the current account's secret, as ``secretEntered(for:fromSeededGenerator:)``.
  func secretEntered(fromSeededGenerator: Bool = false) {
    guard let account = world.currentAccount else { return }
    secretEntered(for: account, fromSeededGenerator: fromSeededGenerator)
  }

  /// Inside a lesson at a terminal, files go to the lesson's own folder: says where one went.
  func noteWhereSaved(_ typed: String) {
    guard session.lessonWorkspace != nil, let folder = world.workingDirectory, !typed.hasPrefix("/") else { return }
    emit(.tip("\(typed) is \(FileStore.resolve(typed, in: folder))"))
  }

  /// Notes that a secret came from a seeded generator, when it did.
  func noteIfSeeded() {
    if let seed = world.seed {
      note("seeded secret (seed \(seed)): for demos only; never use it for a real account")
    }
  }
}

extension TutorError {
  /// The login server's failure, in words.
  init(_ failure: LoginServer.Failure) {
    switch failure {
    case .noSuchAccount(let name, let known):
      self.init(
        "no account '\(name.quotedForMessage)' on the server",
        remedy: known.isEmpty
          ? "enroll one first with 'enroll' (or 'secret new')" : "the server holds: " + known.joined(separator: ", "))
    case .unusableAccount(let problem):
      self.init(problem)
    }
  }

  /// The app's failure, in words.
  init(_ failure: AuthenticatorApp.Failure) {
    switch failure {
    case .noSuchAccount(let name, let known):
      self.init(
        "the app has no account '\(name.quotedForMessage)'",
        remedy: known.isEmpty
          ? "scan one with 'app scan <png>' or 'app scan --uri <URI>'" : "the app holds: " + known.joined(separator: ", "))
    case .unusableAccount(let problem):
      self.init(problem)
    }
  }
}
