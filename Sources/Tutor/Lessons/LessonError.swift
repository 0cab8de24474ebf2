/// A problem in a lesson file, reported as `file:line: problem; what to write instead`.
public struct LessonError: Error, Equatable, Sendable, CustomStringConvertible {
  public let file: String
  public let line: Int
  public let problem: String
  public let remedy: String

  public var description: String {
    "\(file):\(line): \(problem); \(remedy)"
  }
}
