/// The learner's phones, each with its own authenticator app, and the one in use.
///
/// A world starts with one phone, ``firstName``, so that a session that never names a phone
/// works as it always did. A second phone starts with an empty app; a lost phone is gone with
/// every account on it, and no command can reach its app again.
///
/// ```swift
/// var phones = Phones()
/// try phones.add(named: "new-phone")
/// try phones.use(named: "new-phone")
/// phones.appInUse?.add(uri)
/// let lost = try phones.lose(named: "my-phone")   // its accounts are gone
/// ```
public struct Phones: Sendable {
  /// What can go wrong with phones.
  public enum Failure: Error, Equatable, Sendable {
    /// There is no phone of this name; `known` lists those there are.
    case noSuchPhone(String, known: [String])
    /// A phone of this name exists already.
    case nameTaken(String)
    /// A phone's name is letters, digits, `-`, `_` and `.`, at most ``Phones/maximumNameLength``.
    case badName(String)
    /// Every phone was lost.
    case noPhone
  }

  /// One phone and the app on it.
  public struct Phone: Sendable {
    /// The name the learner gave it.
    public let name: String
    /// Its authenticator app.
    public var app: AuthenticatorApp
  }

  /// The name of the phone a world starts with.
  public static let firstName = "my-phone"
  /// The longest name a phone may have.
  public static let maximumNameLength = 32

  /// The phones, in the order they were got.
  public private(set) var phones: [Phone] = [Phone(name: firstName, app: AuthenticatorApp())]
  /// The name of the phone the `app` commands act on; `nil` once every phone is lost.
  public private(set) var inUse: String? = firstName

  public init() {}

  /// The names of the phones, in the order they were got.
  public var names: [String] { phones.map(\.name) }

  /// The phone of a name (case ignored).
  public func phone(named name: String) -> Phone? {
    phones.first { $0.name.lowercased() == name.lowercased() }
  }

  /// The app on the phone in use, or `nil` when there is none.
  ///
  /// Setting it changes that app; with no phone in use, a new value goes nowhere (there is no
  /// app to hold it).
  public var appInUse: AuthenticatorApp? {
    get { inUse.flatMap { phone(named: $0)?.app } }
    set {
      guard let newValue, let index = phones.firstIndex(where: { $0.name == inUse }) else { return }
      phones[index].app = newValue
    }
  }

  /// Gets a new phone with an empty app; the phone in use stays the same, unless there was none.
  @discardableResult
  public mutating func add(named name: String) throws(Failure) -> Phone {
    guard Self.isValidName(name) else { throw .badName(name) }
    guard phone(named: name) == nil else { throw .nameTaken(name) }
    let phone = Phone(name: name, app: AuthenticatorApp())
    phones.append(phone)
    if inUse == nil { inUse = name }
    return phone
  }

  /// Makes a phone the one the `app` commands act on.
  public mutating func use(named name: String) throws(Failure) {
    guard let phone = phone(named: name) else { throw .noSuchPhone(name, known: names) }
    inUse = phone.name
  }

  /// Loses a phone (the one in use if `name` is `nil`) and its app with every account on it.
  ///
  /// If it was the phone in use, the first phone left becomes the one in use, if there is one.
  /// - Returns: The phone lost, as it was.
  @discardableResult
  public mutating func lose(named name: String? = nil) throws(Failure) -> Phone {
    guard let name = name ?? inUse else { throw .noPhone }
    guard let index = phones.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) else {
      throw .noSuchPhone(name, known: names)
    }
    let lost = phones.remove(at: index)
    if lost.name == inUse { inUse = phones.first?.name }
    return lost
  }

  /// Whether a name is one a phone may have: letters, digits, `-`, `_` and `.`, starting with a
  /// letter or digit, at most ``maximumNameLength`` characters.
  public static func isValidName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= maximumNameLength else { return false }
    let allowed = { (scalar: Unicode.Scalar) in
      scalar.isASCII
        && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_.".unicodeScalars.contains(scalar))
    }
    return allowed(first) && !"-_.".unicodeScalars.contains(first) && name.unicodeScalars.allSatisfy(allowed)
  }
}
