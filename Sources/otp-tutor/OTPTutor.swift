import ArgumentParser
import CProcessHardening
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
      With a terminal on stdin, otp-tutor is an interactive shell with line editing, history and \
      Tab completion (also when stdout goes to a pipe, as in 'otp-tutor | tee log'); its clock \
      starts at the real time and runs. Otherwise (input from a pipe or a file, CI, or --script) \
      it reads one command per line, echoes each after the prompt so the \
      output reads as a transcript, and exits 1 if any command failed. Scripts start with the \
      clock frozen at --clock, or at \(UnixTime.scriptDefault) (unix \(UnixTime.scriptDefault.seconds)) \
      without it, so the same script prints the same bytes every time.

      Type 'help' in the shell for its commands, 'lessons' for the lessons.
      """,
    version: "0.1.0",
    subcommands: [Shell.self, Check.self, StartLesson.self, Play.self],
    defaultSubcommand: Shell.self
  )
}

extension OTPTutor {
  /// Runs the command line, with core dumps off first: the process holds secrets, and a core
  /// file would keep them on disk. `OTP_TUTOR_CORE_DUMPS=1` leaves them on, for debugging.
  static func main() {
    if ProcessInfo.processInfo.environment["OTP_TUTOR_CORE_DUMPS"] != "1" {
      _ = hardening_disable_core_dumps()
    }
    main(nil)
  }
}

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

  @Option(name: .long, help: ArgumentHelp("Read lessons from this folder.", valueName: "dir"))
  var lessons: String?
}

extension OTPTutor {
  struct Shell: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "shell", abstract: "The interactive shell, or a script (the default).")

    @OptionGroup var options: SessionOptions

    @Option(name: .long, help: ArgumentHelp("Run the commands in FILE ('-' for standard input).", valueName: "file"))
    var script: String?

    @Flag(name: .long, help: "In a script, stop at the first command that fails.")
    var stopOnError = false

    mutating func run() throws {
      try Launcher(options: options, script: script, stopOnError: stopOnError, lesson: nil).run()
    }
  }

  struct StartLesson: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "lesson", abstract: "Start (or resume) a lesson.")

    @OptionGroup var options: SessionOptions

    @Argument(help: "The lesson's id; 'otp-tutor check' or 'lessons' in the shell lists them.")
    var id: String

    mutating func run() throws {
      try Launcher(options: options, script: nil, stopOnError: false, lesson: id).run()
    }
  }

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check",
      abstract: "Replay lessons and transcripts; report every difference with file:line.",
      discussion: """
        A path may be a lesson (.md), a transcript (commands after 'otp> ', each followed by its \
        output, as recorded by 'record' or written by hand), or a folder of them.
        """)

    @Option(name: .long, help: ArgumentHelp("The lesson folder to check when no path is given.", valueName: "dir"))
    var lessons: String?

    @Flag(name: .long, help: "Rewrite the expected output of demos that differ, for review.")
    var update = false

    @Argument(help: "Lesson or transcript files, or folders of them (default: all lessons).")
    var paths: [String] = []

    mutating func run() throws {
      let environment = ProcessInfo.processInfo.environment
      var files: [String] = []
      let targets =
        paths.isEmpty
        ? [LessonCatalog.findFolder(explicit: lessons, environment: environment, executable: Launcher.executablePath)]
          .compactMap { $0 } : paths
      guard !targets.isEmpty else {
        throw ValidationError("no lessons were found; give a path or --lessons DIR")
      }
      for target in targets {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) else {
          throw ValidationError("there is no file or folder '\(Escaping.visible(target))'")
        }
        if isDirectory.boolValue {
          let names = (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []
          files += names.filter { ($0.hasSuffix(".md") && $0.lowercased() != "readme.md") || $0.hasSuffix(".transcript") }.sorted()
            .map { (target as NSString).appendingPathComponent($0) }
        } else {
          files.append(target)
        }
      }
      // The lessons a transcript's 'lesson <id>' starts, read only if a transcript needs them.
      let folder = LessonCatalog.findFolder(explicit: lessons, environment: environment, executable: Launcher.executablePath)
      var catalog: LessonCatalog?
      var failed = 0
      for file in files {
        let lesson: Lesson
        do {
          lesson = file.hasSuffix(".md") ? try LessonCatalog.load(file) : try Transcript.load(file).lesson
        } catch {
          print(Escaping.visible(error.description))
          failed += 1
          continue
        }
        if lesson.isTranscript, catalog == nil { catalog = LessonCatalog(folder: folder) }
        let lessons = lesson.isTranscript ? catalog : nil
        let (failures, rewritten) =
          update ? LessonChecker.update(lesson, catalog: lessons) : (LessonChecker.check(lesson, catalog: lessons), false)
        if failures.isEmpty {
          let size = file.hasSuffix(".md") ? "\(lesson.steps.count) steps" : "\(lesson.steps.first?.blocks.count ?? 0) transcript"
          print("ok      \(Escaping.visible(file))  (\(size))" + (rewritten ? ", updated: review the diff" : ""))
        } else {
          failed += 1
          // A lesson's text and a transcript's output reach the terminal only made safe.
          for failure in failures {
            for line in failure.description.split(separator: "\n", omittingEmptySubsequences: false) {
              print(Escaping.visible(String(line)))
            }
          }
          print("FAILED  \(Escaping.visible(file))")
        }
      }
      print("checked \(files.count) file\(files.count == 1 ? "" : "s"): " + (failed == 0 ? "all good" : "\(failed) with problems"))
      if failed > 0 { throw ExitCode(1) }
    }
  }
}
