extension KeyURI {
  /// A parsed URI and what was forgiven while reading it.
  public struct Parsed: Equatable, Sendable {
    /// The account the URI carries.
    public let uri: KeyURI
    /// Departures from the Key URI format that were accepted anyway, to show the user.
    public let warnings: [KeyURIWarning]
  }

  /// The longest URI text accepted; far beyond what fits in a QR code.
  public static let maximumLength = 4096

  /// Parses an `otpauth://` URI.
  ///
  /// Strict where a mistake would give wrong codes, tolerant where real URIs in the wild
  /// need it; every tolerance becomes a ``KeyURIWarning``.
  ///
  /// - Parameter text: The URI.
  /// - Returns: The account and the warnings.
  /// - Throws: ``KeyURIError`` for the first problem found.
  public static func parse(_ text: String) throws(KeyURIError) -> Parsed {
    var warnings: [KeyURIWarning] = []
    guard text.utf8.count <= maximumLength else { throw .tooLong(text.utf8.count) }
    let trimmed = text.trimmingSurroundingWhitespace()
    guard let schemeEnd = trimmed.firstRange(of: "://") else { throw .notOTPAuth(scheme: nil) }
    let scheme = trimmed[..<schemeEnd.lowerBound]
    guard scheme.lowercased() == "otpauth" else { throw .notOTPAuth(scheme: String(scheme)) }
    if scheme != "otpauth" { warnings.append(.schemeCase(String(scheme))) }

    let rest = trimmed[schemeEnd.upperBound...]
    if rest.contains(" ") { warnings.append(.rawSpace) }
    let beforeFragment = rest.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
    let pathAndQuery = beforeFragment.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
    let path = pathAndQuery[0]
    let query = pathAndQuery.count > 1 ? pathAndQuery[1] : ""
    guard let slash = path.firstIndex(of: "/") else {
      throw path.isEmpty ? .unknownType("") : .missingLabel
    }
    let typeName = path[..<slash]
    let rawLabel = path[path.index(after: slash)...]

    // Parameters.
    var parameters: [String: String] = [:]
    for pair in query.split(separator: "&") where !pair.isEmpty {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard let name = PercentEncoding.decode(parts[0], plusIsSpace: false) else {
        throw .badPercentEncoding(String(parts[0]))
      }
      let rawValue = parts.count > 1 ? parts[1] : ""
      guard let value = PercentEncoding.decode(rawValue, plusIsSpace: true) else {
        throw .badPercentEncoding(String(rawValue))
      }
      if rawValue.contains("+") { warnings.append(.plusAsSpace(parameter: name)) }
      let key = name.lowercased()
      guard parameters[key] == nil else { throw .duplicateParameter(name) }
      parameters[key] = value
      if !Self.knownParameters.contains(key) { warnings.append(.unknownParameter(name)) }
    }

    // The label: "Issuer:account", "Issuer%3Aaccount", or "account".
    guard let label = PercentEncoding.decode(rawLabel, plusIsSpace: false) else {
      throw .badPercentEncoding(String(rawLabel))
    }
    guard !label.isEmpty else { throw .missingLabel }
    var account = label
    var labelIssuer: String?
    if let colon = label.firstIndex(of: ":") {
      labelIssuer = String(label[..<colon])
      account = String(label[label.index(after: colon)...]).trimmingLeadingSpaces()
      if !rawLabel.contains(":") { warnings.append(.encodedColon) }
    }
    guard !account.isEmpty else { throw .missingLabel }
    if account.contains(":") { warnings.append(.colonInAccount) }

    var issuer = parameters["issuer"]
    try Self.refuseInvisibleCharacters(in: account, field: "account name")
    try Self.refuseInvisibleCharacters(in: labelIssuer, field: "issuer in the label")
    try Self.refuseInvisibleCharacters(in: issuer, field: "issuer")
    if let issuer, issuer.contains(":") { throw .colonInIssuer(issuer) }
    if let labelIssuer {
      if let issuer, issuer != labelIssuer { throw .issuerMismatch(label: labelIssuer, parameter: issuer) }
      if issuer == nil { warnings.append(.issuerOnlyInLabel) }
      issuer = labelIssuer
    }

    // Secret.
    guard let secretText = parameters["secret"], !secretText.isEmpty else { throw .missingSecret }
    let secret: Secret
    do { secret = try Secret(base32: secretText) } catch { throw .invalidSecret(error) }
    if secretText.contains("=") { warnings.append(.paddedSecret) }
    if secretText.contains(where: \.isLowercase) { warnings.append(.lowercaseSecret) }
    if secret.strength == .weak { warnings.append(.weakSecret(bits: secret.bitCount)) }

    // Algorithm and digits.
    var algorithm = HashAlgorithm.sha1
    if let name = parameters["algorithm"] {
      guard let parsed = HashAlgorithm(name: name) else { throw .invalidAlgorithm(name) }
      if name != parsed.rawValue { warnings.append(.algorithmCase(name)) }
      algorithm = parsed
    }
    var digits = 6
    if let text = parameters["digits"] {
      guard let value = Int(text), HOTP.supportedDigits.contains(value) else { throw .invalidDigits(text) }
      digits = value
    }

    // Type and its own parameter.
    let kind: Kind
    switch typeName.lowercased() {
    case "totp":
      var period = Duration.seconds(30)
      if let text = parameters["period"] {
        guard let value = Int64(text), Self.periodSeconds(.seconds(value)) != nil else { throw .invalidPeriod(text) }
        period = .seconds(value)
      }
      if parameters["counter"] != nil { warnings.append(.ignoredParameter("counter", type: "totp")) }
      kind = .totp(period: period)
    case "hotp":
      guard let text = parameters["counter"] else { throw .missingCounter }
      guard let counter = UInt64(text) else { throw .invalidCounter(text) }
      if parameters["period"] != nil { warnings.append(.ignoredParameter("period", type: "hotp")) }
      kind = .hotp(counter: counter)
    default:
      throw .unknownType(String(typeName))
    }
    if typeName != kind.name { warnings.append(.typeCase(String(typeName))) }

    // The digits and period were checked above, with the URI's own errors.
    let uri = KeyURI(
      checkedKind: kind, secret: secret, account: account, issuer: issuer, algorithm: algorithm, digits: digits)
    // Only accept what can be written back: its canonical form must fit the same limit.
    let canonical = uri.string(includingDefaults: true).utf8.count
    guard canonical <= maximumLength else { throw .tooLong(canonical) }
    return Parsed(uri: uri, warnings: warnings)
  }

  /// The longest period a URI may give: one day.
  public static let maximumPeriod = Duration.seconds(86_400)

  /// A period's seconds if it is a whole number of them from 1 to ``maximumPeriod``'s.
  static func periodSeconds(_ period: Duration) -> Int64? {
    guard let seconds = period.exactSeconds, seconds >= 1, period <= maximumPeriod else { return nil }
    return seconds
  }

  static let knownParameters: Set<String> = [
    "secret", "issuer", "algorithm", "digits", "period", "counter", "image",
  ]

  /// Refuses names holding a control character (C0, DEL, C1), a bidirectional control, an
  /// invisible formatting character (zero-width space, joiners, BOM) or a line separator.
  static func refuseInvisibleCharacters(in name: String?, field: String) throws(KeyURIError) {
    guard let name, let scalar = name.unicodeScalars.first(where: \.isInvisibleInNames) else { return }
    throw .invisibleCharacter(field: field, scalar: scalar.value)
  }
}

extension StringProtocol {
  func trimmingSurroundingWhitespace() -> SubSequence {
    let start = firstIndex { !$0.isWhitespace } ?? endIndex
    let end = lastIndex { !$0.isWhitespace }.map(index(after:)) ?? start
    return self[start..<Swift.max(start, end)]
  }

  func trimmingLeadingSpaces() -> String {
    String(drop { $0 == " " })
  }

}

extension Unicode.Scalar {
  /// Whether the scalar has no business in a displayed name: Unicode's Cc, Cf, Zl and Zp.
  var isInvisibleInNames: Bool {
    switch properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator: true
    default: false
    }
  }
}
