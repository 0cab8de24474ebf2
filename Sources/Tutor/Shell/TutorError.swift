/// A problem with what the user typed: what was wrong, and what to type instead.
///
/// Rendered on one line as `error: <problem>; <remedy>`, the shape every error in the shell
/// takes, so a learner always knows the next thing to type.
public struct TutorError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What was wrong.
  public let problem: String
  /// What to type instead, when there is something to say.
  public let remedy: String?

  /// Creates an error.
  public init(_ problem: String, remedy: String? = nil) {
    self.problem = problem
    self.remedy = remedy
  }

  /// Wraps an engine error whose description already says what to do.
  init(_ error: some CustomStringConvertible) {
    self.init(error.description)
  }

  public var description: String {
    remedy.map { "\(problem); \($0)" } ?? problem
  }
}
