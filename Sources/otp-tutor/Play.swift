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

extension OTPTutor {
  struct Play: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "play",
      abstract: "Play a script or transcript as if typed, for a class; deterministic on the virtual clock.",
      discussion: """
        On a terminal each command appears character by character, then its output. Without a \
        terminal it runs like --script. Ctrl-C stops playback. --cast also writes an asciicast v2 \
        file whose times come from the typing pace and the virtual clock (a clock jump shows as a \
        pause of at most 2 s).
        """)

    @Argument(
      help: "The script, transcript or lesson (.md) to play; a lesson plays its demos and solutions.",
      completion: .file(extensions: ["md", "transcript", "txt"]))
    var file: String

    @Option(name: .long, help: ArgumentHelp("Seconds per typed character.", valueName: "seconds"))
    var pace: Double = 0.04

    @Flag(name: .long, help: "Wait for Enter before each command.")
    var step = false

    @Option(name: .long, help: ArgumentHelp("Also write an asciicast v2 recording to FILE.", valueName: "file"))
    var cast: String?

    @Flag(name: .long, help: "No colour, even on a terminal (NO_COLOR or TERM=dumb does the same).")
    var noColor = false

    @Flag(name: .long, help: "For screen readers and braille displays (OTP_TUTOR_PLAIN=1): no colour or QR drawings.")
    var plain = false

    mutating func validate() throws {
      guard pace.isFinite, (0...2).contains(pace) else {
        throw ValidationError("--pace must be from 0 to 2 seconds per character (0.04 is a brisk typist)")
      }
      // Found out before the playback, not after it.
      if let cast {
        do { try FileStore.checkWritable(cast) } catch {
          throw ValidationError("--cast: " + Escaping.visible(error.description))
        }
      }
    }

    mutating func run() throws {
      let lesson: Lesson?
      let entries: [PlaybackEntry]
      let start: UnixTime
      let seed: UInt64
      do {
        if file.hasSuffix(".md") {
          let loaded = try LessonCatalog.load(file)
          (lesson, entries, start, seed) = (loaded, loaded.playback, loaded.start, loaded.seed)
        } else {
          let transcript = try Transcript.load(file)
          lesson = nil
          entries = transcript.demo.entries.map { PlaybackEntry(command: $0.command, answers: $0.answers, beginsStep: nil) }
          (start, seed) = (transcript.start, transcript.seed)
        }
      } catch {
        throw ValidationError(Escaping.visible(error.description))
      }
      let environment = Launcher.environment
      let live = Terminal.standardOutputIsTerminal
      let isPlain = Launcher.wantsPlain(flag: plain, environment)
      let color = Launcher.usesColor(disabled: noColor || isPlain, environment)
      let output = StandardOutput()
      let recorder = CastRecorder(forwardingTo: output)
      let session = Session(
        configuration: .init(
          start: start, seed: seed, style: Style(usesColor: color),
          usesUnicode: Launcher.localeIsUTF8(environment), isPlain: isPlain),
        output: recorder)
      session.lessonFolders = LessonCatalog.findFolders(
        explicit: [], environment: environment, executable: Launcher.executablePath)
      if let lesson { session.prepare(for: lesson) }
      Terminal.installInterruptHandler()
      _ = Terminal.takeInterrupt()
      let style = Style(usesColor: color)
      var succeeded = true
      var stopped = false
      for entry in entries {
        if let step = entry.step { session.playbackReaches(step: step) }
        if let heading = entry.beginsStep {
          recorder.write(style.dim("# " + Escaping.visible(heading)) + "\n")
        }
        if step && Terminal.isInteractive {
          output.write(style.dim("(Enter for the next command)"))
          output.flush()
          guard case .line = PlainLineReader(fileDescriptor: 0).readLine(prompt: "") else { stopped = true; break }
          output.write("\u{1B}[1A\u{1B}[2K")
        }
        recorder.write(style.prompt(ShellLoop.prompt))
        // A lesson's {{…}} variables take the session's values as the command is typed.
        let command = (try? session.expandVariables(entry.command)) ?? entry.command
        let answerLines = entry.answers.map { (try? session.expandVariables($0)) ?? $0 }
        for character in Escaping.visible(command) {
          recorder.type(String(character), pace: pace)
          if live {
            output.flush()
            if !ShellLoop.pace(.milliseconds(Int64(pace * 1000))) { stopped = true; break }
          }
        }
        if stopped { break }
        recorder.type("\n", pace: pace)
        let before = session.clock.time
        var answers = answerLines[...]
        // The session shows each question with its answer, as the transcript does.
        let outcome = session.execute(command) { _ in answers.popFirst() }
        output.flush()
        recorder.pause(after: session.clock.time - before)
        if outcome == .failed { succeeded = false }
        if outcome == .quit { break }
        if live, !ShellLoop.pace(.milliseconds(Int64(min(pace * 15, 1) * 1000))) { stopped = true; break }
      }
      output.flush()
      if let cast {
        let bytes = recorder.asciicast(width: max(Terminal.columns, 100), height: 40, title: file)
        // A demo may show a seeded secret: the recording is private, like a key file.
        do { try FileStore.write(bytes, to: cast) } catch { throw ValidationError("--cast: \(error)") }
      }
      if stopped {
        output.write("\nplayback stopped\n")
        output.flush()
        throw ExitCode(130)
      }
      if !succeeded { throw ExitCode(1) }
    }
  }
}

/// Collects what playback shows as asciicast v2 events, timed by the typing pace and the
/// virtual clock, while passing it on.
final class CastRecorder: OutputSink {
  private let next: any OutputSink
  private var events: [(Double, String)] = []
  private var time = 0.0

  init(forwardingTo next: any OutputSink) {
    self.next = next
  }

  func write(_ text: String) {
    events.append((time, text))
    next.write(text)
  }

  func flush() { next.flush() }

  /// A typed character: shown, then the clock moves on by the pace.
  func type(_ text: String, pace: Double) {
    write(text)
    time += pace
  }

  /// Time passes after a command: a beat to read it, plus the virtual clock's jump, at most 2 s.
  func pause(after virtual: Duration) {
    let seconds = Double(virtual.components.seconds) + Double(virtual.components.attoseconds) / 1e18
    time += 0.6 + min(max(seconds, 0), 2)
  }

  /// The asciicast v2 file: a header line, then `[time, "o", text]` events.
  func asciicast(width: Int, height: Int, title: String) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let header = CastHeader(
      version: 2, width: width, height: height, title: title, env: ["TERM": "xterm-256color", "SHELL": "otp-tutor"])
    var lines = [(try? encoder.encode(header)).map { String(decoding: $0, as: UTF8.self) } ?? ""]
    for (time, text) in events where !text.isEmpty {
      let event = CastEvent(time: (time * 1000).rounded() / 1000, text: text.replacing("\n", with: "\r\n"))
      if let data = try? encoder.encode(event) { lines.append(String(decoding: data, as: UTF8.self)) }
    }
    return Array((lines.joined(separator: "\n") + "\n").utf8)
  }
}

/// An asciicast v2 file's first line.
private struct CastHeader: Encodable {
  var version: Int
  var width: Int
  var height: Int
  var title: String
  var env: [String: String]
}

/// An asciicast v2 output event: `[time, "o", text]`.
private struct CastEvent: Encodable {
  var time: Double
  var text: String

  func encode(to encoder: any Encoder) throws {
    var container = encoder.unkeyedContainer()
    try container.encode(time)
    try container.encode("o")
    try container.encode(text)
  }
}
