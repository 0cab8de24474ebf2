/// One line of a command's output, as spans of text that each have a role.
///
/// A command says what a span *is* (a code, a good outcome, a heading); the ``Renderer`` of
/// the medium decides how it looks. Lines are written with string interpolation:
///
/// ```swift
/// let line: Line = "secret: \(code: secret.base32)  (\(secret.bitCount) bits)"
/// ```
public struct Line: Sendable, Equatable, ExpressibleByStringInterpolation {
  /// What a span of text is.
  public enum Role: Sendable, Equatable {
    case plain
    /// A code or a value the learner will type.
    case code
    /// A secret (a key, a URI carrying it, a scratch code): left out of recordings made
    /// without `--keep-secrets` unless it is a demo secret.
    case secret
    /// A good outcome: accepted, done.
    case good
    /// A bad outcome: rejected, refused.
    case bad
    /// A title.
    case heading
    /// An aside.
    case dim
    /// The shell's prompt, as a demo shows it.
    case prompt
    /// A countdown bar of which `filled` cells are full: drawn at a terminal only, in the
    /// warning colour when `ending` (so little time is left that a code typed now may expire).
    case bar(filled: Int, ending: Bool)
  }

  /// A run of text with one role.
  public struct Span: Sendable, Equatable {
    public let text: String
    public let role: Role
  }

  /// The spans, in order.
  public private(set) var spans: [Span]
  /// Where the line goes on when a terminal narrower than it breaks it between words, in
  /// columns; `nil` to take it from the line's layout (its indent, a list marker, a last column).
  public var hangingIndent: Int?

  /// A line of spans.
  public init(spans: [Span]) {
    self.spans = spans
  }

  /// A line of plain text.
  public init(_ text: String) {
    spans = [Span(text: text, role: .plain)]
  }

  public init(stringLiteral value: String) {
    self.init(value)
  }

  public init(stringInterpolation: StringInterpolation) {
    spans = stringInterpolation.spans
  }

  /// This line followed by another.
  public static func + (lhs: Line, rhs: Line) -> Line {
    Line(spans: lhs.spans + rhs.spans)
  }

  public struct StringInterpolation: StringInterpolationProtocol {
    var spans: [Span] = []

    public init(literalCapacity: Int, interpolationCount: Int) {
      spans.reserveCapacity(interpolationCount * 2 + 1)
    }

    mutating func append(_ text: String, _ role: Role) {
      guard !text.isEmpty else { return }
      if role == .plain, let last = spans.last, last.role == .plain {
        spans[spans.count - 1] = Span(text: last.text + text, role: .plain)
      } else {
        spans.append(Span(text: text, role: role))
      }
    }

    public mutating func appendLiteral(_ literal: String) { append(literal, .plain) }
    public mutating func appendInterpolation(_ value: some CustomStringConvertible) { append(value.description, .plain) }
    public mutating func appendInterpolation(_ line: Line) { for span in line.spans { append(span.text, span.role) } }
    public mutating func appendInterpolation(code: some CustomStringConvertible) { append(code.description, .code) }
    public mutating func appendInterpolation(secret: String) { append(secret, .secret) }
    public mutating func appendInterpolation(good: String) { append(good, .good) }
    public mutating func appendInterpolation(bad: String) { append(bad, .bad) }
    public mutating func appendInterpolation(heading: String) { append(heading, .heading) }
    public mutating func appendInterpolation(dim: String) { append(dim, .dim) }
  }
}

extension Line {
  /// Whether the line holds a secret.
  var holdsSecret: Bool { spans.contains { $0.role == .secret } }
}
