import OTP

/// Values of the session that a lesson writes as `{{name}}` in a demo (its commands, answers
/// and expected output), a solution or an `expect:` line, so an author never works a code out
/// by hand: `solution: verify {{app.code}}`. Each is read at the moment the line is used.
///
/// | variable | value |
/// |---|---|
/// | `{{app.code}}` | the code the app shows now: TOTP at the app's clock (drift included), HOTP at its next counter |
/// | `{{server.code}}` | the code the server expects now: TOTP at the server's clock, HOTP at its counter |
/// | `{{hotp.N}}` | the HOTP code of the current secret at counter N |
/// | `{{secret}}` | the current secret in base32 |
enum LessonVariable: Equatable {
  case appCode
  case serverCode
  case hotp(UInt64)
  case secret

  /// The names as an author writes them, for error messages.
  static let spellings = ["app.code", "server.code", "hotp.<counter>", "secret"]

  init?(name: String) {
    switch name {
    case "app.code": self = .appCode
    case "server.code": self = .serverCode
    case "secret": self = .secret
    default:
      guard name.hasPrefix("hotp."), let counter = UInt64(name.dropFirst(5)) else { return nil }
      self = .hotp(counter)
    }
  }

  /// The variable's value in a world.
  func value(in world: World) throws(TutorError) -> String {
    guard let enrolled = world.currentURI else {
      throw TutorError("there is no secret yet for \(self.written)", remedy: "run 'secret new' or 'enroll' before this line")
    }
    let inApp = world.app.account(named: enrolled.account)
    let uri = inApp?.effective ?? enrolled
    do {
      switch self {
      case .secret:
        return enrolled.secret.base32
      case .hotp(let counter):
        return uri.hotp().code(for: counter)
      case .appCode:
        if case .hotp = uri.kind { return uri.hotp().code(for: inApp?.nextCounter ?? 0) }
        return try uri.totp().code(at: world.appTime)
      case .serverCode:
        if case .hotp = enrolled.kind {
          let counter = world.server.records[enrolled.account].flatMap { record -> UInt64? in
            if case .hotp(let verifier) = record.verifier { verifier.counter } else { nil }
          }
          return enrolled.hotp().code(for: counter ?? 0)
        }
        return try enrolled.totp().code(at: world.clock.time)
      }
    } catch {
      throw TutorError("\(self.written) has no value: \(error)", remedy: "check the lesson's steps before this line")
    }
  }

  var written: String {
    switch self {
    case .appCode: "{{app.code}}"
    case .serverCode: "{{server.code}}"
    case .hotp(let counter): "{{hotp.\(counter)}}"
    case .secret: "{{secret}}"
    }
  }
}

enum LessonVariables {
  /// The pieces of a line: text, and the variables between `{{` and `}}`. Linear in the line.
  enum Piece: Equatable {
    case text(Substring)
    case variable(LessonVariable)
  }

  /// What is wrong with a line's variables, if anything: an unknown name or an unclosed `{{`.
  static func problem(in line: String) -> (problem: String, remedy: String)? {
    do {
      _ = try pieces(of: line)
      return nil
    } catch {
      return (error.problem, error.remedy ?? "")
    }
  }

  static func pieces(of line: String) throws(TutorError) -> [Piece] {
    guard line.contains("{{") else { return [.text(line[...])] }
    var pieces: [Piece] = []
    var rest = line[...]
    while let open = rest.firstRange(of: "{{") {
      if open.lowerBound > rest.startIndex { pieces.append(.text(rest[..<open.lowerBound])) }
      guard let close = rest[open.upperBound...].firstRange(of: "}}") else {
        throw TutorError("'{{' is not closed", remedy: "write a variable as {{app.code}}, {{server.code}}, {{hotp.5}} or {{secret}}")
      }
      let name = rest[open.upperBound..<close.lowerBound].trimmingSpaces()
      guard let variable = LessonVariable(name: name) else {
        var remedy = "use one of " + LessonVariable.spellings.map { "{{\($0)}}" }.joined(separator: ", ")
        if let suggestion = Suggestion.closest(to: name, among: ["app.code", "server.code", "secret"]) {
          remedy = "did you mean {{\(suggestion)}}? " + remedy
        }
        throw TutorError("'{{\(name.quotedForMessage)}}' is not a variable", remedy: remedy)
      }
      pieces.append(.variable(variable))
      rest = rest[close.upperBound...]
    }
    if !rest.isEmpty { pieces.append(.text(rest)) }
    return pieces
  }

  /// The line with each variable's value filled in from the world.
  static func expand(_ line: String, in world: World) throws(TutorError) -> String {
    guard line.contains("{{") else { return line }
    var result = ""
    for piece in try pieces(of: line) {
      switch piece {
      case .text(let text): result += text
      case .variable(let variable): result += try variable.value(in: world)
      }
    }
    return result
  }
}
