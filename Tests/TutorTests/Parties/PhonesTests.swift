import OTP
import Testing
import Tutor

@Suite("The learner's phones")
struct PhonesTests {
  static func uri() throws -> KeyURI {
    try KeyURI.parse("otpauth://totp/Example:alice@google.com?issuer=Example&secret=JBSWY3DPEHPK3PXP").uri
  }

  @Test("a world starts with one phone in use, whose app is the world's app")
  func firstPhone() {
    let phones = Phones()
    #expect(phones.names == [Phones.firstName])
    #expect(phones.inUse == Phones.firstName)
    #expect(phones.appInUse?.accounts.isEmpty == true)
  }

  @Test("a new phone has an empty app; the app in use is the one on the phone in use")
  func newPhone() throws {
    var phones = Phones()
    phones.appInUse?.add(try Self.uri())
    try phones.add(named: "new-phone")
    #expect(phones.inUse == Phones.firstName)
    #expect(phones.phone(named: "new-phone")?.app.accounts.isEmpty == true)
    try phones.use(named: "NEW-PHONE")
    #expect(phones.inUse == "new-phone")
    #expect(phones.appInUse?.accounts.isEmpty == true)
    try phones.use(named: Phones.firstName)
    #expect(phones.appInUse?.accountNames == ["alice@google.com"])
  }

  @Test("a lost phone is gone with its accounts; the first phone left comes into use")
  func lose() throws {
    var phones = Phones()
    phones.appInUse?.add(try Self.uri())
    try phones.add(named: "backup")
    let lost = try phones.lose()
    #expect(lost.name == Phones.firstName)
    #expect(lost.app.accountNames == ["alice@google.com"])
    #expect(phones.names == ["backup"])
    #expect(phones.inUse == "backup")
    try phones.lose(named: "backup")
    #expect(phones.inUse == nil)
    #expect(phones.appInUse == nil)
    // With no phone, nothing can be put in an app.
    phones.appInUse = AuthenticatorApp()
    #expect(phones.appInUse == nil)
    #expect(throws: Phones.Failure.noPhone) { try phones.lose() }
    // A new phone, when there is none, is the one in use.
    try phones.add(named: "replacement")
    #expect(phones.inUse == "replacement")
  }

  @Test("names are checked, unique, and found case ignored")
  func names() {
    var phones = Phones()
    #expect(throws: Phones.Failure.nameTaken("My-Phone")) { try phones.add(named: "My-Phone") }
    for bad in ["", "two words", "-dash", "a:b", "\u{1b}[2J", String(repeating: "a", count: 33), "téléphone"] {
      #expect(throws: Phones.Failure.badName(bad)) { try phones.add(named: bad) }
    }
    #expect(throws: Phones.Failure.noSuchPhone("pager", known: [Phones.firstName])) { try phones.use(named: "pager") }
    #expect(throws: Phones.Failure.noSuchPhone("pager", known: [Phones.firstName])) { try phones.lose(named: "pager") }
    #expect(Phones.isValidName("pixel-8a.work_2"))
  }
}
