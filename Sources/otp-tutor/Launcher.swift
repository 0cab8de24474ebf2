import ArgumentParser
import Foundation
import LineEditor
import OTP
import Tutor

/// Builds a session from the options and runs it at a terminal or over a script.
struct Launcher {
  let options: SessionOptions
  let script: String?
  let stopOnError: Bool
  let lesson: String?

  /// This program's own path, to find the checkout's or the installation's lessons.
  static var executablePath: String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
  }

  /// Whether the locale the environment asks for is UTF-8 (the first of LC_ALL, LC_CTYPE, LANG that is set).
  static func localeIsUTF8(_ environment: [String: String]) -> Bool {
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
    let folded = locale.lowercased()
    return folded.contains("utf-8") || folded.contains("utf8")
  }

  func run() throws {
    let start: UnixTime?
    do {
      start = try options.clock.map { text throws(TutorError) in try UnixTime.parse(typed: text) }
    } catch {
      throw ValidationError("--clock: " + Escaping.visible(error.description))
    }
    let interactive = script == nil && Terminal.isInteractive
    let environment = ProcessInfo.processInfo.environment
    let color = Terminal.standardOutputIsTerminal && !options.noColor && (environment["NO_COLOR"] ?? "").isEmpty
    let configuration = Session.Configuration(
      start: start ?? (interactive ? WallClock.now() : .scriptDefault),
      clockMode: interactive && start == nil ? .running : .frozen,
      realTime: WallClock.now,
      seed: options.seed,
      style: Style(usesColor: color),
      isInteractive: interactive,
      usesUnicode: Self.localeIsUTF8(environment))
    let output = StandardOutput()
    let session = Session(configuration: configuration, output: output)
    session.lessonFolder = LessonCatalog.findFolder(
      explicit: options.lessons, environment: environment, executable: Self.executablePath)

    if interactive {
      let progressPath = ProgressStore.defaultPath(environment: environment)
      session.progressStore = progressPath.map(ProgressStore.init(path:))
      session.lessonWorkspace = progressPath.map { (($0 as NSString).deletingLastPathComponent as NSString).appendingPathComponent("lessons") }
      ShellLoop(session: session, output: output, style: configuration.style).runInteractive(lesson: lesson)
      return
    }
    let reader: PlainLineReader
    if let script, script != "-" {
      let descriptor = open(script, O_RDONLY)
      guard descriptor >= 0 else {
        throw ValidationError("cannot open script '\(Escaping.visible(script))': \(String(cString: strerror(errno)))")
      }
      reader = PlainLineReader(fileDescriptor: descriptor)
    } else {
      reader = PlainLineReader(fileDescriptor: 0)
    }
    if let seed = options.seed {
      output.write("note: seeded with \(seed): secrets are repeatable, for demos only; never use them for real accounts\n")
    }
    let loop = ShellLoop(session: session, output: output, style: configuration.style)
    var succeeded = true
    if let lesson { succeeded = loop.runFirst("lesson \(lesson)") }
    succeeded = loop.runScript(reader: reader, stopOnError: stopOnError) && succeeded
    output.flush()
    if !succeeded { throw ExitCode(1) }
  }
}
