import ArgumentParser
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
import Tutor

extension OTPTutor {
  struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "progress", abstract: "Hand in your progress, or add up a class's.",
      subcommands: [Export.self, Report.self])

    struct Export: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write your progress as JSON: lessons, steps, exercises solved and skipped, hints, time. Nothing secret.")

      @Option(name: .long, help: "Your name in the class's report (default: $USER).")
      var name: String?

      @Option(name: .shortAndLong, help: ArgumentHelp("Write to FILE instead of standard output.", valueName: "file"))
      var output: String?

      @Option(name: .long, help: ArgumentHelp("Describe lessons from this folder (repeatable).", valueName: "dir"))
      var lessons: [String] = []

      mutating func run() throws {
        let environment = Launcher.environment
        guard let path = ProgressStore.defaultPath(environment: environment) else {
          throw Failure("there is no progress to export: neither XDG_STATE_HOME nor HOME is set")
        }
        let (progress, warning) = ProgressStore(path: path).load(now: Int64(Date().timeIntervalSince1970))
        if let warning { StandardOutput.error("warning: " + Escaping.visible(warning)) }
        let catalog = LessonCatalog(
          folders: LessonCatalog.findFolders(explicit: lessons, environment: environment, executable: Launcher.executablePath))
        let learner = name ?? environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "learner"
        let export = ProgressExport(learner: learner, progress: progress, catalog: catalog)
        if let output {
          do { try FileStore.write(export.json, to: output) } catch { throw Failure(Escaping.visible(error.description)) }
          StandardOutput.error(
            "wrote \(Escaping.visible(output)): \(export.lessons.count) lesson\(export.lessons.count == 1 ? "" : "s") of \(Escaping.visible(learner))'s progress")
        } else {
          StandardOutput.standardOutput(export.json)
        }
      }
    }

    struct Report: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Add up exports from 'progress export': a row per learner and lesson, a line per lesson.")

      @Flag(name: .long, help: "Write CSV (times in seconds) instead of a table.")
      var csv = false

      @Argument(help: "Exports from 'otp-tutor progress export'.", completion: .file(extensions: ["json"]))
      var files: [String]

      mutating func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give the exports to add up: otp-tutor progress report alice.json bob.json") }
      }

      mutating func run() throws {
        var exports: [ProgressExport] = []
        for file in files {
          do {
            exports.append(try ProgressExport.read(try FileStore.read(file, what: "progress export"), file: file))
          } catch {
            throw Failure(Escaping.visible(error.description))
          }
        }
        print(ProgressReport.render(exports, csv: csv), terminator: "")
      }
    }
  }
}
