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

/// What a learner has done: the lesson they are in, and for each lesson the step reached and
/// the exercises completed. Kept in `$XDG_STATE_HOME/otp-tutor/progress.json`.
public struct Progress: Codable, Equatable, Sendable {
  /// One lesson's progress.
  public struct LessonProgress: Codable, Equatable, Sendable {
    /// The step the learner is on.
    public var step: String
    /// Ids of the steps whose exercise is done (solved or skipped).
    public var completed: [String]
    /// Ids of the steps whose exercise was skipped rather than solved.
    public var skipped: [String] = []
    /// Whether the last step was reached.
    public var finished: Bool
    /// How many hints were shown.
    public var hints = 0
    /// Time spent in the lesson, in seconds of real time (a pause of more than five minutes
    /// counts as five).
    public var seconds = 0

    public init(step: String, completed: [String], skipped: [String] = [], finished: Bool, hints: Int = 0, seconds: Int = 0) {
      self.step = step
      self.completed = completed
      self.skipped = skipped
      self.finished = finished
      self.hints = hints
      self.seconds = seconds
    }

    public init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      step = try container.decode(String.self, forKey: .step)
      completed = try container.decode([String].self, forKey: .completed)
      // Files saved before skipped exercises were told apart have none.
      skipped = try container.decodeIfPresent([String].self, forKey: .skipped) ?? []
      finished = try container.decode(Bool.self, forKey: .finished)
      // Nor hints and time, counted since.
      hints = try container.decodeIfPresent(Int.self, forKey: .hints) ?? 0
      seconds = try container.decodeIfPresent(Int.self, forKey: .seconds) ?? 0
    }

    /// The exercises solved, not skipped.
    public var solved: Int { completed.filter { !skipped.contains($0) }.count }
  }

  /// The file format's version.
  public var version = 1
  /// The lesson the learner is in.
  public var current: String?
  /// Progress by lesson id.
  public var lessons: [String: LessonProgress] = [:]

  public init() {}
}

/// Loads and saves ``Progress`` atomically; a damaged file is set aside, never lost.
public final class ProgressStore {
  /// The file.
  public let path: String

  public init(path: String) {
    self.path = path
  }

  /// `$XDG_STATE_HOME/otp-tutor/progress.json`, or under `~/.local/state`.
  public static func defaultPath(environment: [String: String]) -> String? {
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
      return state + "/otp-tutor/progress.json"
    }
    if let home = environment["HOME"], !home.isEmpty {
      return home + "/.local/state/otp-tutor/progress.json"
    }
    return nil
  }

  /// Reads the progress. A missing file is a fresh start; a damaged one is renamed to
  /// `progress.json.damaged-<unix time>` and a warning says so.
  public func load(now: Int64) -> (progress: Progress, warning: String?) {
    guard FileManager.default.fileExists(atPath: path) else { return (Progress(), nil) }
    do {
      let bytes = try FileStore.read(path, what: "progress file")
      let progress = try JSONDecoder().decode(Progress.self, from: Data(bytes))
      guard progress.version == 1 else { throw TutorError("unknown progress version \(progress.version)") }
      return (progress, nil)
    } catch {
      let aside = "\(path).damaged-\(now)"
      let moved = rename(path, aside) == 0
      let warning =
        moved
        ? "your progress file was damaged; it was set aside as \(aside) and a fresh one started"
        : "your progress file \(path) is damaged and could not be set aside; progress will not be saved this session"
      return (Progress(), warning)
    }
  }

  /// Saves one session's changes without losing another's: under a lock, reads the file as it
  /// is now, applies this session's progress for the lessons in `changed` (and its current
  /// lesson), and writes it back atomically. Two shells in different lessons both keep theirs.
  ///
  /// - Returns: The progress as saved, other sessions' lessons included.
  public func merge(_ progress: Progress, changed: Set<String>) throws(TutorError) -> Progress {
    let folder = try makeFolder()
    let lock = open(path + ".lock", O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard lock >= 0 else {
      throw TutorError("cannot lock your progress file: \(String(cString: strerror(errno)))", remedy: "check \(folder)")
    }
    defer { close(lock) }
    while flock(lock, LOCK_EX) != 0 {
      guard errno == EINTR else {
        throw TutorError("cannot lock your progress file: \(String(cString: strerror(errno)))", remedy: "check \(folder)")
      }
    }
    defer { flock(lock, LOCK_UN) }
    var merged = Progress()
    if FileManager.default.fileExists(atPath: path), let bytes = try? FileStore.read(path, what: "progress file"),
      let saved = try? JSONDecoder().decode(Progress.self, from: Data(bytes)), saved.version == 1
    {
      merged = saved
    }
    for id in changed { merged.lessons[id] = progress.lessons[id] }
    if let current = progress.current { merged.current = current }
    try save(merged)
    return merged
  }

  /// Makes the file's folder (private to the user) if it is missing; returns it.
  private func makeFolder() throws(TutorError) -> String {
    let folder = Path.folder(of: path)
    do {
      try FileManager.default.createDirectory(
        atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    } catch {
      throw TutorError("cannot create \(folder) for your progress", remedy: "check that folder's permissions")
    }
    return folder
  }

  /// Writes the progress atomically, creating the folder if needed.
  public func save(_ progress: Progress) throws(TutorError) {
    _ = try makeFolder()
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let data: Data
    do { data = try encoder.encode(progress) } catch { throw TutorError("cannot encode your progress: \(error)") }
    try FileStore.write(Array(data) + [10], to: path)
  }
}
