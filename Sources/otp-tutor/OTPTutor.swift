import ArgumentParser
import CProcessHardening
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

@main
struct OTPTutor: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "otp-tutor",
    abstract: "Learn two-factor authentication by doing it: TOTP, HOTP, QR enrollment and a login server on a virtual clock.",
    discussion: """
      With a terminal on stdin, otp-tutor is an interactive shell with line editing, history and \
      Tab completion (also when stdout goes to a pipe, as in 'otp-tutor | tee log'); its clock \
      starts at the real time and runs. Otherwise (input from a pipe or a file, CI, or --script) \
      it reads one command per line, echoes each after the prompt so the \
      output reads as a transcript, and exits 1 if any command failed. Scripts start with the \
      clock frozen at --clock, or at \(UnixTime.scriptDefault) (unix \(UnixTime.scriptDefault.seconds)) \
      without it, so the same script prints the same bytes every time.

      Type 'help' in the shell for its commands, 'lessons' for the lessons.

      EXAMPLES:
        otp-tutor                          the shell ('lesson totp' starts a lesson)
        otp-tutor lesson totp              start (or resume) a lesson
        otp-tutor < commands.txt           a script: the same bytes every run
        otp-tutor --script x.txt --seed 7  a script file, repeatable secrets
        otp-tutor play demo.transcript     type a demo out for a class
        otp-tutor check Lessons Examples   replay every lesson and transcript
        otp-tutor new lesson my-lesson     write a lesson that checks clean

      ENVIRONMENT:
        NO_COLOR           set and not empty: no colour (no-color.org)
        TERM               'dumb': no colour
        OTP_TUTOR_PLAIN    1: for screen readers and braille (as --plain)
        OTP_TUTOR_LESSONS  the lesson folder, when --lessons is not given
        XDG_STATE_HOME     progress and history go to $XDG_STATE_HOME/otp-tutor
        HOME               ... or to ~/.local/state/otp-tutor; with neither,
                           progress and history are not kept
      """,
    version: "otp-tutor \(OTPTutor.version)",
    subcommands: [Shell.self, Check.self, StartLesson.self, Play.self, New.self, ProgressCommand.self],
    defaultSubcommand: Shell.self
  )
}

extension OTPTutor {
  static let version = "0.1.0"

  /// Runs the command line, with core dumps off first: the process holds secrets, and a core
  /// file would keep them on disk. `OTP_TUTOR_CORE_DUMPS=1` leaves them on, for debugging.
  static func main() {
    if Launcher.environment["OTP_TUTOR_CORE_DUMPS"] != "1" {
      _ = hardening_disable_core_dumps()
    }
    let arguments = Array(CommandLine.arguments.dropFirst())
    // With no arguments (the shell, or a script on standard input) there is nothing to parse, so
    // the session starts at once: building the parser's command tree by reflection would be
    // most of the start-up time.
    if arguments.isEmpty {
      do { try Launcher().run() } catch let code as ExitCode { terminate(code.rawValue) } catch {
        exit(withError: error)
      }
      return
    }
    // `otp-tutor --help` also shows the options of the default command, the shell, which is
    // what most people run.
    if arguments == ["--help"] || arguments == ["-h"] {
      print(helpMessage(), terminator: "")
      let shell = helpMessage(for: Shell.self)
      if let options = shell.firstRange(of: "OPTIONS:") {
        print("\nSHELL OPTIONS (otp-tutor [shell] <options>):" + shell[options.upperBound...], terminator: "")
      }
      return
    }
    if arguments.count == 2, arguments[0] == "--generate-completion-script",
      let shell = CompletionShell(rawValue: arguments[1])
    {
      print(Completions.script(for: shell), terminator: "")
      return
    }
    main(nil)
  }
}

/// Ends the process with a status (the C library's `exit`, which a command's own
/// `exit(withError:)` hides inside its type).
private func terminate(_ status: Int32) -> Never { exit(status) }

/// Options every way of starting a session shares.
struct SessionOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("Make secrets repeatable, for demos only.", valueName: "n"))
  var seed: UInt64?

  @Option(
    name: .long,
    help: ArgumentHelp("Start the clock at this time: Unix seconds or ISO 8601.", valueName: "time"))
  var clock: String?

  @Flag(name: .long, help: "No colour, even on a terminal (NO_COLOR or TERM=dumb does the same).")
  var noColor = false

  @Flag(
    name: .long,
    help: "For screen readers and braille displays: no colour, QR drawings, bars or box drawing (OTP_TUTOR_PLAIN=1).")
  var plain = false

  @Option(
    name: .long, help: ArgumentHelp("Read lessons from this folder: a pack (repeatable).", valueName: "dir"),
    completion: .directory)
  var lessons: [String] = []
}

extension OTPTutor {
  struct Shell: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "shell", abstract: "The interactive shell, or a script (the default).")

    @OptionGroup var options: SessionOptions

    @Option(
      name: .long, help: ArgumentHelp("Run the commands in FILE ('-' for standard input).", valueName: "file"),
      completion: .file())
    var script: String?

    @Flag(name: .long, help: "In a script, stop at the first command that fails.")
    var stopOnError = false

    mutating func run() throws {
      try Launcher(options: options, script: script, stopOnError: stopOnError).run()
    }
  }

  struct StartLesson: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "lesson", abstract: "Start (or resume) a lesson, or preview a lesson file.",
      discussion: """
        Given a file (otp-tutor lesson my-lesson.md), the lesson is read from it directly, as an \
        author previews it: no progress is kept.
        """)

    @OptionGroup var options: SessionOptions

    @Argument(
      help: "The lesson's id ('lessons' in the shell lists them), or a lesson file to preview.",
      completion: .custom { words, _, prefix in Completions.lessonNames(words).filter { $0.hasPrefix(prefix) } })
    var id: String

    @Option(
      name: .long, help: ArgumentHelp("Start at this step (its id or number).", valueName: "id"),
      completion: .custom { words, _, prefix in Completions.stepIDs(words).filter { $0.hasPrefix(prefix) } })
    var step: String?

    mutating func run() throws {
      var launcher = Launcher(options: options)
      if id.hasSuffix(".md") || id.contains("/") && FileManager.default.fileExists(atPath: id) {
        do { launcher.preview = try LessonCatalog.load(id) } catch {
          throw Failure(Escaping.visible(error.description))
        }
      }
      launcher.lesson = (launcher.preview?.key ?? id) + (step.map { " " + $0 } ?? "")
      try launcher.run()
    }
  }

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check",
      abstract: "Replay lessons and transcripts; report every difference with file:line.",
      discussion: """
        A path may be a lesson (.md), a transcript (commands after 'otp> ', each followed by its \
        output, as recorded by 'record' or written by hand), or a folder of them, searched with \
        its sub-folders. Markdown files without a lesson header (notes) are skipped with a note. \
        Exits 1 if anything differs, or if there is nothing to check.
        """)

    @Option(
      name: .long,
      help: ArgumentHelp("A lesson folder to check when no path is given, and for transcripts' 'lesson <id>' (repeatable).", valueName: "dir"),
      completion: .directory)
    var lessons: [String] = []

    @Flag(name: .long, help: "Rewrite the expected output of demos that differ (only the lines that differ), for review.")
    var update = false

    @Option(name: .long, help: ArgumentHelp("How to report: text, tap, junit or json.", valueName: "format"))
    var format = "text"

    @Flag(name: .long, help: "Check again each time a file is saved, until Ctrl-C.")
    var watch = false

    @Argument(
      help: "Lesson or transcript files, or folders of them (default: all lessons).",
      completion: .file(extensions: ["md", "transcript"]))
    var paths: [String] = []

    mutating func validate() throws {
      guard CheckReport.Format(rawValue: format) != nil else {
        throw ValidationError("--format must be one of " + CheckReport.Format.allCases.map(\.rawValue).joined(separator: ", "))
      }
    }

    mutating func run() throws {
      let environment = Launcher.environment
      let folders = LessonCatalog.findFolders(explicit: lessons, environment: environment, executable: Launcher.executablePath)
      let targets = paths.isEmpty ? folders : paths
      guard !targets.isEmpty else {
        throw Failure("no lessons were found to check; give files or folders (otp-tutor check Lessons), or --lessons DIR")
      }
      var passed = try checkOnce(targets, folders: folders)
      guard watch else {
        if !passed { throw ExitCode(1) }
        return
      }
      var seen = Self.modificationTimes(targets)
      print("watching \(targets.count == 1 ? Escaping.visible(targets[0]) : "\(targets.count) paths"); Ctrl-C to stop")
      fflush(nil)
      while true {
        usleep(300_000)
        let now = Self.modificationTimes(targets)
        guard now != seen else { continue }
        seen = now
        print("── changed; checking again")
        passed = (try? checkOnce(targets, folders: folders)) ?? false
        fflush(nil)
      }
    }

    /// Checks once and prints the report; whether all passed.
    private func checkOnce(_ targets: [String], folders: [String]) throws -> Bool {
      let run: CheckRun
      do {
        run = try CheckRun.run(paths: targets, lessonFolders: folders, update: update)
      } catch {
        if watch {
          print(Escaping.visible("error: \(error)"))
          return false
        }
        throw Failure(Escaping.visible(error.description))
      }
      print(CheckReport.render(run, as: CheckReport.Format(rawValue: format) ?? .text), terminator: "")
      return run.passed
    }

    /// Every file's modification time under the paths, to notice a save.
    static func modificationTimes(_ paths: [String]) -> [String: Double] {
      var times: [String: Double] = [:]
      func visit(_ path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return }
        times[path] = Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1e9
        if status.st_mode & S_IFMT == S_IFDIR, let names = try? FileManager.default.contentsOfDirectory(atPath: path) {
          for name in names where !name.hasPrefix(".") { visit(Path.join(path, name)) }
        }
      }
      paths.forEach(visit)
      return times
    }
  }

  struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "new", abstract: "Write a new lesson from a template that checks clean.",
      subcommands: [NewLesson.self])
  }

  struct NewLesson: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "lesson",
      abstract: "Write <id>.md: a header, two steps, demos, an exercise with hints and a solution, a summary.")

    @Argument(help: "The lesson's id: lower-case letters, digits and hyphens.")
    var id: String

    @Option(name: .long, help: "The lesson's title (default: from the id).")
    var title: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write it (default: ./<id>.md).", valueName: "file"))
    var output: String?

    mutating func run() throws {
      let path = output ?? "\(id).md"
      do { try LessonTemplate.write(id: id, title: title, to: path) } catch {
        throw Failure(Escaping.visible(error.description))
      }
      let shown = Escaping.visible(path)
      print("wrote \(shown): a lesson with two steps that checks clean")
      print("next: edit it, then preview it with 'otp-tutor lesson \(shown)' and check it with 'otp-tutor check \(shown)'")
    }
  }
}
