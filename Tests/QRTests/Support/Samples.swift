/// Texts the QR tests encode: short to about 300 characters, as an authenticator app would see them.
enum Samples {
  /// A single character: the smallest code.
  static let single = "A"
  /// Mixed case and punctuation, to show 8-bit mode keeps case.
  static let mixedCase = "Hello, World! MiXeD cAsE 0123"
  /// A plain URL of 20 characters.
  static let url = "https://example.com/"
  /// The tutorial's enrollment URI.
  static let otpauth =
    "otpauth://totp/CodingFleet.com:Muhammad?secret=JVVWQYLNNVQWIMZSJVVWQYLNNVQWIMZS&issuer=CodingFleet.com"
  /// A long key URI, about 300 characters, full of percent-escapes.
  static let escaped =
    "otpauth://totp/ACME%20Co%3Ajohn.doe%2Bsecurity%40example.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ"
    + "&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=60"
    + "&image=https%3A%2F%2Fexample.com%2Fstatic%2Flogos%2Facme-co%2Fapple-touch-icon-180x180.png%3Fv%3D2024-05-01"
    + "&label=Work%20%E2%80%94%20Main%20Account"
  /// Text outside ASCII: Latin, CJK and an emoji, several bytes each in UTF-8.
  static let unicode = "Zürich – 東京 – 🔑 otpauth://totp/Ünïcödé?secret=JBSWY3DPEHPK3PXP"

  /// Every sample, short to long.
  static let all = [single, mixedCase, url, otpauth, unicode, escaped]
  /// The URIs, about 20 to about 300 characters.
  static let uris = [url, otpauth, escaped]
}
