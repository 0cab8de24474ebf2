import OTP

extension Secret {
  /// A one-line warning for a weak secret (``Secret/Strength/weak``, as the engine reports
  /// it), or `nil` when the secret is long enough.
  ///
  /// The tutorial's key `Muhammad` is 8 base32 characters, 40 bits; modern pyotp refuses it
  /// for this reason.
  var weaknessWarning: String? {
    guard strength == .weak else { return nil }
    return "this secret is only \(bitCount) bits; RFC 4226 §4 requires at least"
      + " \(Self.minimumBitCount) and recommends \(Self.recommendedBitCount)"
      + " (modern pyotp refuses keys this short)"
  }
}

extension KeyURI {
  /// The tutorial's default account: TOTP, `learner`, the default parameters.
  static func learner(_ secret: Secret) -> KeyURI {
    guard let uri = try? KeyURI(secret: secret, account: "learner") else {
      preconditionFailure("the default digits and period are valid")
    }
    return uri
  }
}
