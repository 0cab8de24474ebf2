#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif
import OTP
import QR

/// `lab files`: the key file and the QR image a learner's enrolment program wrote, checked as
/// an authenticator app and a careful server would check them.
enum LabFiles {
  /// One check, passed or not, in words.
  struct Check: Sendable, Equatable {
    /// What was checked.
    enum Subject: Sendable, Equatable {
      case keyFormat, keyStrength, keyMode, qrDecodes, qrSecret, qrLabel, appCodes
    }
    let subject: Subject
    let passed: Bool
    let text: String
    /// The text holds a secret (a URI): left out of recordings.
    var holdsSecret = false
  }

  /// The checks, in order; an unreadable key file or image ends them early.
  static func check(key keyPath: String, qr qrPath: String, in directory: String?, at appTime: UnixTime) -> [Check] {
    var checks: [Check] = []
    var secret: Secret?
    do {
      let bytes = try FileStore.read(keyPath, in: directory, what: "key file")
      let text = String(decoding: bytes, as: UTF8.self).trimmingSpaces()
      do {
        let key = try Secret(base32: text)
        secret = key
        checks.append(Check(subject: .keyFormat, passed: true, text: "\(keyPath) holds a valid base32 key (\(key.bitCount) bits)"))
        let strong = key.bitCount >= Secret.minimumBitCount
        checks.append(
          Check(
            subject: .keyStrength, passed: strong,
            text: strong
              ? "the key has \(key.bitCount) bits: strong enough (RFC 4226 §4: 128 at least, 160 recommended)"
              : "the key is only \(key.bitCount) bits: RFC 4226 §4 asks for 128 at least and recommends 160 (pyotp.random_base32() makes 160)"))
      } catch {
        checks.append(
          Check(subject: .keyFormat, passed: false, text: "\(keyPath) does not hold a base32 key: \(error)"))
      }
    } catch {
      checks.append(Check(subject: .keyFormat, passed: false, text: error.description))
    }
    var status = stat()
    if stat(FileStore.resolve(keyPath, in: directory), &status) == 0 {
      let mode = status.st_mode & 0o777
      let octal = String(mode, radix: 8).leftPadded(to: 4)
      checks.append(
        mode & 0o077 == 0
          ? Check(subject: .keyMode, passed: true, text: "\(keyPath) is mode \(octal): only its owner can read the secret")
          : Check(
            subject: .keyMode, passed: false,
            text:
              "\(keyPath) is mode \(octal): every user on this machine can read the secret; chmod 600 \(keyPath), or let"
              + " the program create it so: os.open(\"\(keyPath)\", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)"))
    }

    let parsed: KeyURI.Parsed
    do {
      let bytes = try FileStore.read(qrPath, in: directory, what: "PNG image")
      let texts: [String]
      do { texts = try QRReader.decode(png: bytes) } catch {
        checks.append(Check(subject: .qrDecodes, passed: false, text: "\(qrPath) does not decode: \(error)"))
        return checks
      }
      guard let text = texts.first(where: { $0.lowercased().hasPrefix("otpauth:") }) ?? texts.first else {
        checks.append(Check(subject: .qrDecodes, passed: false, text: "\(qrPath) has no QR code that libzbar can read"))
        return checks
      }
      do {
        parsed = try KeyURI.parse(text)
      } catch {
        checks.append(
          Check(subject: .qrDecodes, passed: false, text: "the QR code in \(qrPath) is not an enrolment URI: \(error.description)"))
        return checks
      }
      checks.append(
        Check(subject: .qrDecodes, passed: true, text: "\(qrPath) decodes (libzbar) to \(parsed.uri.string)", holdsSecret: true))
    } catch {
      checks.append(Check(subject: .qrDecodes, passed: false, text: error.description))
      return checks
    }
    let uri = parsed.uri
    if let secret {
      checks.append(
        uri.secret == secret
          ? Check(subject: .qrSecret, passed: true, text: "its secret is the key in \(keyPath)")
          : Check(
            subject: .qrSecret, passed: false,
            text: "its secret differs from the key in \(keyPath): the phone would make codes the server never accepts"))
    }
    let issuer = uri.issuer.map { "issuer \($0)" } ?? "no issuer"
    let warnings = parsed.warnings.map(\.description)
    checks.append(
      Check(
        subject: .qrLabel, passed: uri.issuer != nil && warnings.isEmpty,
        text: "account \(uri.account), \(issuer)" + (warnings.isEmpty ? "" : ": " + warnings.joined(separator: "; "))
          + (uri.issuer == nil ? ": an app lists it by account alone; add issuer_name=" : "")))

    var app = AuthenticatorApp()
    let account = app.add(uri)
    if let secret, case .totp = account.effective.kind,
      let shown = try? app.totpCode(for: account.scanned.account, at: appTime).code,
      let fromKey = try? { () throws(OTPError) -> String in
        var keyed = uri
        keyed.secret = secret
        return try keyed.totp().code(at: appTime)
      }()
    {
      checks.append(
        Check(
          subject: .appCodes, passed: shown == fromKey,
          text: "the simulated app scanned it and shows \(shown) at \(appTime); the key file gives \(fromKey)"))
    }
    return checks
  }
}
