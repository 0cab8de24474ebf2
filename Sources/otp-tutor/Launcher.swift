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

/// Builds a session from the options and runs it at a terminal or over a script.
struct Launcher {
  let options: SessionOptions
  let script: String?
  let stopOnError: Bool
  /// The lesson to start, with a step after a space (`totp 3`).
  var lesson: String?
  /// A lesson file previewed: played from the file, keeping no progress.
  var preview: Lesson?

  init(options: SessionOptions, script: String?, stopOnError: Bool) {
    self.options = options
    self.script = script
    self.stopOnError = stopOnError
  }

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
      start = try options.clock.map { text throws(TutorError) in try UnixTime.parse(typed: text) }
    } catch {
      throw ValidationError("--clock: " + Escaping.visible(error.description))
    }
    // A person is there when standard input is a terminal, even if the output goes to a pipe
    // (`otp-tutor | tee log`); only a script, or input from a pipe or file, runs as a script.
    let interactive = script == nil && Terminal.standardInputIsTerminal
    let environment = ProcessInfo.processInfo.environment
    let plain = Self.wantsPlain(flag: options.plain, environment)
    let color = Self.usesColor(disabled: options.noColor || plain, environment)
    let configuration = Session.Configuration(
      start: start ?? (interactive ? WallClock.now() : .scriptDefault),
      clockMode: interactive && start == nil ? .running : .frozen,
      realTime: WallClock.now,
      seed: options.seed,
      style: Style(usesColor: color),
      isInteractive: interactive,
      usesUnicode: Self.localeIsUTF8(environment),
      isPlain: plain,
      columns: interactive ? Self.terminalColumns : nil)
    let output = StandardOutput()
    let session = Session(configuration: configuration, output: output)
    session.lessonFolders = LessonCatalog.findFolders(
      explicit: options.lessons, environment: environment, executable: Self.executablePath)
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
