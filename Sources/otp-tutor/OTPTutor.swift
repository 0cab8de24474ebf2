import ArgumentParser
import Foundation
import LineEditor
import OTP
import Tutor

@main
struct OTPTutor: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "otp-tutor",
    abstract: "Learn two-factor authentication by doing it: TOTP, HOTP, QR enrollment and a login server on a virtual clock.",
    discussion: """
      With a terminal on stdin and stdout, otp-tutor is an interactive shell with line editing, \
      history and Tab completion; its clock starts at the real time and runs. Otherwise (a pipe, \
      a file, CI, or --script) it reads one command per line, echoes each after the prompt so the \
      output reads as a transcript, and exits 1 if any command failed. Scripts start with the \
      clock frozen at --clock, or at \(UnixTime.scriptDefault) (unix \(UnixTime.scriptDefault.seconds)) \
      without it, so the same script prints the same bytes every time.

      Type 'help' in the shell for its commands.
      """,
    version: "0.1.0"
  )

  @Option(name: .long, help: ArgumentHelp("Run the commands in FILE ('-' for standard input).", valueName: "file"))
  var script: String?

  @Option(name: .long, help: ArgumentHelp("Make secrets repeatable, for demos only.", valueName: "n"))
  var seed: UInt64?

  @Option(
    name: .long,
    help: ArgumentHelp("Start the clock at this time: Unix seconds or ISO 8601.", valueName: "time"))
  var clock: String?

  @Flag(name: .long, help: "No colour, even on a terminal (NO_COLOR does the same).")
  var noColor = false

  @Flag(name: .long, help: "In a script, stop at the first command that fails.")
  var stopOnError = false

  /// Whether the locale the environment asks for is UTF-8 (the first of LC_ALL, LC_CTYPE, LANG that is set).
  static func localeIsUTF8(_ environment: [String: String]) -> Bool {
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
    let folded = locale.lowercased()
    return folded.contains("utf-8") || folded.contains("utf8")
  }

  mutating func run() throws {
    let start: UnixTime?
    do {
      start = try clock.map { text throws(TutorError) in try UnixTime.parse(typed: text) }
    } catch {
      throw ValidationError("--clock: \(error)")
    }
    let interactive = script == nil && Terminal.isInteractive
    let environment = ProcessInfo.processInfo.environment
    let color = Terminal.standardOutputIsTerminal && !noColor && (environment["NO_COLOR"] ?? "").isEmpty
    let configuration = Session.Configuration(
      start: start ?? (interactive ? WallClock.now() : .scriptDefault),
      clockMode: interactive && start == nil ? .running : .frozen,
      realTime: WallClock.now,
      seed: seed,
      style: Style(usesColor: color),
      isInteractive: interactive,
      usesUnicode: Self.localeIsUTF8(environment))
    let output = StandardOutput()
    let session = Session(configuration: configuration, output: output)

    if interactive {
      Shell(session: session, output: output, style: configuration.style).runInteractive()
      return
    }
    let reader: PlainLineReader
    if let script, script != "-" {
      let descriptor = open(script, O_RDONLY)
      guard descriptor >= 0 else {
        throw ValidationError("cannot open script '\(script)': \(String(cString: strerror(errno)))")
      }
      reader = PlainLineReader(fileDescriptor: descriptor)
    } else {
      reader = PlainLineReader(fileDescriptor: 0)
    }
    if seed != nil {
      output.write("note: seeded with \(seed ?? 0): secrets are repeatable, for demos only; never use them for real accounts\n")
    }
    let succeeded = Shell(session: session, output: output, style: configuration.style)
      .runScript(reader: reader, stopOnError: stopOnError)
    output.flush()
    if !succeeded { throw ExitCode(1) }
  }
}
