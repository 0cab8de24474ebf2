import ArgumentParser
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
import LineEditor
import OTP
import Tutor

/// Builds a session and runs it at a terminal or over a script. Its values are what the command
/// line asked for; the defaults are `otp-tutor` with no arguments, which starts without the parser.
struct Launcher {
  var seed: UInt64?
  var clock: String?
  var noColor = false
  var plain = false
  var lessonFolders: [String] = []
  var script: String?
  var stopOnError = false
  /// The lesson to start, with a step after a space (`totp 3`).
  var lesson: String?
  /// A lesson file previewed: played from the file, keeping no progress.
  var preview: Lesson?

  init() {}

  init(options: SessionOptions, script: String? = nil, stopOnError: Bool = false) {
    seed = options.seed
    clock = options.clock
    noColor = options.noColor
    plain = options.plain
    lessonFolders = options.lessons
    self.script = script
    self.stopOnError = stopOnError
  }

  /// This program's own path, to find the checkout's or the installation's lessons.
  static var executablePath: String {
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = buffer.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
        readlink("/proc/self/exe", $0, buffer.count)
      }
    }
    guard count > 0, count < buffer.count else { return CommandLine.arguments[0] }
    return String(decoding: buffer[..<count], as: UTF8.self)
  }

  /// The process's environment, read once (nothing here changes it). Read from `environ`
  /// directly where there is one: building `ProcessInfo` costs a tenth of the start-up. Where a
  /// name repeats, the first counts, as for `getenv`.
  static let environment: [String: String] = {
    #if canImport(Darwin)
      return ProcessInfo.processInfo.environment
    #else
      var result: [String: String] = [:]
      var entry = environ
      while let pointer = entry.pointee {
        let text = String(cString: pointer)
        if let equals = text.firstIndex(of: "=") {
          let name = String(text[..<equals])
          if result[name] == nil { result[name] = String(text[text.index(after: equals)...]) }
        }
        entry += 1
      }
      return result
    #endif
  }()

  /// Whether the locale the environment asks for is UTF-8 (the first of LC_ALL, LC_CTYPE, LANG that is set).
  static func localeIsUTF8(_ environment: [String: String]) -> Bool {
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
    let folded = locale.lowercased()
    return folded.contains("utf-8") || folded.contains("utf8")
  }

  /// The terminal's width now.
  @Sendable static func terminalColumns() -> Int { Terminal.columns }

  /// Whether output is coloured: only on a terminal, and not with `--no-color`, a non-empty
  /// `NO_COLOR` (no-color.org) or `TERM=dumb`.
  static func usesColor(disabled: Bool, _ environment: [String: String]) -> Bool {
    Terminal.standardOutputIsTerminal && !disabled && (environment["NO_COLOR"] ?? "").isEmpty
      && environment["TERM"] != "dumb"
  }

  /// Whether `--plain` or `OTP_TUTOR_PLAIN=1` asks for output for screen readers and braille.
  static func wantsPlain(flag: Bool, _ environment: [String: String]) -> Bool {
    flag || environment["OTP_TUTOR_PLAIN"] == "1"
  }

  /// Runs the session; an input that cannot be read is one line and exit status 66.
  func run() throws {
    do {
      try runSession()
    } catch let error as NoInput {
      StandardOutput.error("Error: \(error.message)")
      throw ExitCode(66)
    }
  }

  private func runSession() throws {
    let start: UnixTime?
    do {
      start = try clock.map { text throws(TutorError) in try UnixTime.parse(typed: text) }
    } catch {
      throw ValidationError("--clock: " + Escaping.visible(error.description))
    }
    // A person is there when standard input is a terminal, even if the output goes to a pipe
    // (`otp-tutor | tee log`); only a script, or input from a pipe or file, runs as a script.
    let interactive = script == nil && Terminal.standardInputIsTerminal
    let environment = Self.environment
    let isPlain = Self.wantsPlain(flag: plain, environment)
    let color = Self.usesColor(disabled: noColor || isPlain, environment)
    let configuration = Session.Configuration(
      start: start ?? (interactive ? WallClock.now() : .scriptDefault),
      clockMode: interactive && start == nil ? .running : .frozen,
      realTime: WallClock.now,
      seed: seed,
      style: Style(usesColor: color),
      isInteractive: interactive,
      usesUnicode: Self.localeIsUTF8(environment),
      isPlain: isPlain,
      columns: interactive ? Self.terminalColumns : nil)
    let output = StandardOutput()
    let session = Session(configuration: configuration, output: output)
    session.lessonFolders = LessonCatalog.findFolders(
      explicit: lessonFolders, environment: environment, executable: Self.executablePath)
    if let preview { session.catalog = LessonCatalog(lessons: [preview]) }

    if interactive {
      // A preview is an author's trial run: it keeps no progress.
      let progressPath = preview == nil ? ProgressStore.defaultPath(environment: environment) : nil
      session.progressStore = progressPath.map(ProgressStore.init(path:))
      session.lessonWorkspace = progressPath.map { Path.join(Path.folder(of: $0), "lessons") }
      if ProgressStore.defaultPath(environment: environment) == nil {
        output.write(
          session.renderer.render(
            .note("neither XDG_STATE_HOME nor HOME is set, so your progress and history are not kept this session")))
      } else if preview != nil {
        output.write(session.renderer.render(.note("previewing \(preview?.file ?? ""): no progress is kept")))
      }
      ShellLoop(session: session, output: output, style: configuration.style).runInteractive(lesson: lesson)
      return
    }
    let reader: PlainLineReader
    if let script, script != "-" {
      let descriptor = open(script, O_RDONLY | O_CLOEXEC)
      guard descriptor >= 0 else {
        throw NoInput("cannot open the script '\(Escaping.visible(script))': \(String(cString: strerror(errno)))")
      }
      var status = stat()
      if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
        close(descriptor)
        throw NoInput("'\(Escaping.visible(script))' is a folder, not a script; give a file of commands, one per line")
      }
      reader = PlainLineReader(fileDescriptor: descriptor)
    } else {
      reader = PlainLineReader(fileDescriptor: 0)
    }
    if let seed {
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
