/// Why a typed code was not accepted by ``TOTP/match(_:at:window:)`` or ``HOTP/match(_:counter:lookAhead:)``.
public enum CodeRejection: Error, Hashable, Sendable {
  /// Nothing was typed.
  case empty
  /// A character that is not a digit, with its 1-based position.
  case notDigits(Character, position: Int)
  /// The code has the wrong number of digits.
  case wrongLength(expected: Int, actual: Int)
  /// A well-formed code that matches no step (or counter) the window allows.
  case noMatch
  /// The verifier's time has no TOTP time step: it is before T0 or after the end of year 9999.
  case unusableTime(OTPError)
}

extension CodeRejection: CustomStringConvertible {
  /// The rejection in one line, such as `the code has 5 digits but this account uses 6`.
  public var description: String {
    switch self {
    case .empty:
      "no code was given; type the digits the app shows"
    case .notDigits(let character, let position):
      "'\(character.printable)' at position \(position) is not a digit; codes are digits only"
    case .wrongLength(let expected, let actual):
      "the code has \(actual) digit\(actual == 1 ? "" : "s") but this account uses \(expected)"
    case .noMatch:
      "wrong code"
    case .unusableTime(let error):
      error.description
    }
  }
}

/// A typed code, checked for form and read as a number, ready to compare.
struct TypedCode {
  let value: UInt64

  /// Reads a code as people type it: surrounding white space and spaces between digit
  /// groups ("123 456") are ignored.
  init(_ text: String, digits: Int) throws(CodeRejection) {
    var value: UInt64 = 0
    var count = 0
    for (index, character) in text.enumerated() {
      if character == " " || character == "\t" { continue }
      guard character.isASCII, let digit = character.wholeNumberValue else {
        throw .notDigits(character, position: index + 1)
      }
      count += 1
      if count <= 20 { value = value &* 10 &+ UInt64(digit) }
    }
    guard count > 0 else { throw .empty }
    guard count == digits else { throw .wrongLength(expected: digits, actual: count) }
    self.value = value
  }

  /// Compares with a candidate without branching on where they differ.
  @inline(__always)
  func matches(_ candidate: UInt64) -> Bool {
    (value ^ candidate) == 0
  }
}
