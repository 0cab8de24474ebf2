import OTP
import Testing
import Tutor

@Suite("The simulated authenticator app")
struct AuthenticatorAppTests {
  @Test("app scan --uri, list, code, remove; several accounts")
  func accounts() {
    let shell = Harness(start: UnixTime(seconds: 59))
    #expect(shell.text("app code") == "error: the app has no accounts yet; scan one with 'app scan <png>' or 'app scan --uri <URI>'\n")
    let added = shell.text("app scan --uri otpauth://totp/RFC:6238?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8&issuer=RFC")
    #expect(added.contains("the app added RFC:6238: TOTP RFC:6238 (SHA1, 8 digits, 30 s)"))
    shell.run("app scan --uri otpauth://hotp/Muhammad?secret=MUHAMMAD&counter=0")
    // RFC 6238 Appendix B at 59 s.
    #expect(shell.text("app code 6238").hasPrefix("94287082  (RFC:6238, 1 s left in step 1)"))
    // Pressing the HOTP button walks the tutorial's sequence.
    #expect(shell.text("app code Muhammad").hasPrefix("486480  (Muhammad, counter 0; the app's next counter is 1)"))
    #expect(shell.text("app code Muhammad").hasPrefix("069773"))
    let list = shell.text("app list")
    #expect(list.contains("Muhammad: HOTP Muhammad (SHA1, 6 digits, counter 0), next counter 2"))
    #expect(shell.text("app remove Muhammad") == "the app removed Muhammad\n")
    #expect(shell.text("app remove Muhammad").hasPrefix("error: the app has no account 'Muhammad'; the app holds: 6238"))
  }

  @Test("the app's codes follow the app's clock")
  func drift() {
    let shell = Harness(start: UnixTime(seconds: 0))
    shell.run("secret set --text 12345678901234567890")
    #expect(shell.text("app code").hasPrefix("755224"))
    shell.run("clock drift +45s")
    // RFC 4226 Appendix D counter 1: the app is in step 1 while the server is in step 0.
    let shown = shell.text("app code")
    #expect(shown.hasPrefix("287082  (learner, 15 s left in step 1, app time 1970-01-01T00:00:45Z)"))
    #expect(shown.contains("warning: the server expects 755224 now; they differ in the app's clock (+45s from the server's)"))
  }

  @Test("an app that ignores parameters silently shows codes the server rejects, and says why")
  func ignoresParameters() {
    let shell = Harness(start: UnixTime(seconds: 59))
    shell.run("app profile ignores-parameters")
    let scan = shell.text("enroll --uri otpauth://totp/RFC:6238?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8&period=60")
    #expect(scan.contains("enrolled"))
    let shown = shell.text("app code")
    // The app uses 6 digits and 30 s: RFC 4226 Appendix D counter 1's code.
    #expect(shown.hasPrefix("287082"))
    #expect(shown.contains("they differ in digits (8 on the server, 6 in the app) and period (60 s on the server, 30 s in the app)"))
    let verdict = shell.text("verify 287082")
    #expect(verdict.hasPrefix("rejected: the code has 6 digits but this account uses 8"))
    #expect(shell.text("app profile").hasPrefix("profile: ignores-parameters"))
    #expect(shell.text("app profile lenient").hasPrefix("error: 'lenient' is not a profile; use strict or ignores-parameters"))
  }
}
