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
import Tutor

/// Feeds lines to a session: from libedit at a terminal (plain lines there without libedit),
/// or from a script.
struct ShellLoop {
  let session: Session
  let output: StandardOutput
  let style: Style

  /// The prompt, as echoed in transcripts.
  static let prompt = "otp> "

  /// Runs a script; returns whether every command succeeded.
  func runScript(reader: PlainLineReader, stopOnError: Bool) -> Bool {
    var succeeded = true
    // The session's plain rendering shows the question and the answer, as a transcript does.
    let answer: (String) -> String? = { _ in
      guard case .line(let line) = reader.readLine(prompt: "") else { return nil }
      return line
    }
    while case .line(let line) = reader.readLine(prompt: Self.prompt) {
      let trimmed = line.trimmingSpaces()
      if trimmed.isEmpty {
        output.write("\n")
        continue
      }
      if trimmed.hasPrefix("#") {
        output.write(Self.echoable(line) + "\n")
        continue
      }
      output.write(Self.prompt + Self.echoable(line) + "\n")
      let outcome = session.execute(line, input: answer)
      output.flush()
      if outcome == .failed {
        succeeded = false
        if stopOnError { break }
      }
      if outcome == .quit { break }
    }
    return succeeded
  }

  /// A script line as it can be echoed safely: control characters made visible (never sent
  /// to the terminal), and a very long line cut short.
  static func echoable(_ line: String) -> String {
    guard line.unicodeScalars.count > 200 else { return Escaping.visible(line) }
    var head = String.UnicodeScalarView()
    head.append(contentsOf: line.unicodeScalars.prefix(200))
    return Escaping.visible(String(head)) + "… (\(line.utf8.count) bytes)"
  }

  /// Runs one command as if it were the first line typed; returns whether it succeeded.
  func runFirst(_ line: String) -> Bool {
    output.write(Self.prompt + line + "\n")
    let outcome = session.execute(line)
    output.flush()
    return outcome != .failed
  }

  /// Runs the interactive shell until `quit` or Ctrl-D, starting a lesson first if asked.
  func runInteractive(lesson: String?) {
    Terminal.installInterruptHandler()
    session.pacer = Self.pace
    session.interruption = { Terminal.takeInterrupt() }
    let editor: EditLineReader?
    do {
      editor = try EditLineReader(
        programName: "otp-tutor",
        historyFile: Self.historyPath(),
        writeFile: { bytes, path in try? FileStore.write(bytes, to: path) },
        completer: { [session] in session.completions(for: $0) })
    } catch {
      editor = nil
      output.write(session.renderer.render(.note(error.description)))
    }
    // Without libedit the terminal's own line discipline edits the line, and echoes ^C.
    let reader: any LineReader = editor ?? PlainLineReader(showsPrompts: true)
    let interruptEcho = editor == nil ? "\n" : "^C\n"
    session.loadProgress()
    // Time spent and hints since the last save are kept when the shell ends, however it ends.
    defer {
      session.saveProgressAtEnd()
      // Leaving mid-lesson: say how to come back.
      if let resume = session.lessonToResume {
        output.write(
          session.renderer.render(
            .note("your place in lesson '\(resume)' is kept: start otp-tutor again and type 'lesson \(resume)'")))
      }
      output.flush()
    }
    output.write(Self.welcome)
    if let lesson {
      _ = session.execute("lesson \(lesson)")
    } else if let resume = session.lessonToResume {
      _ = session.execute("lessons")
      // Through the renderer: wrapped to the terminal, and the lesson id (read from the progress
      // file) made safe to show.
      output.write(
        session.renderer.render(
          .line("Welcome back: you were in lesson '\(resume)'. Type 'lesson \(resume)' to go on where you left off.")))
      output.write("\n")
    } else {
      _ = session.execute("lessons")
      output.write("\n")
    }
    output.flush()
    let answer: (String) -> Session.Answer = { question in
      output.flush()
      switch reader.readLine(prompt: question) {
      case .line(let line): return .line(line)
      case .interrupted:
        output.write(interruptEcho)
        return .interrupted
      case .endOfInput:
        output.write("\n")  // ends the question's line, as at the prompt
        return .ended
      }
    }
    while true {
      switch reader.readLine(prompt: style.prompt(Self.prompt)) {
      case .line(let line):
        if !line.trimmingSpaces().isEmpty, !Session.lineCarriesSecret(line) {
          editor?.addToHistory(line)
        }
        _ = Terminal.takeInterrupt()  // a Ctrl-C from before this command must not stop it
        let outcome = session.execute(line, answering: answer)
        output.flush()
        if outcome == .quit { return }
      case .interrupted:
        output.write(interruptEcho)
        output.flush()
      case .endOfInput:
        output.write("\n")
        output.flush()
        return
      }
    }
  }

  /// Waits for real during a live `watch`, in short naps so that Ctrl-C stops it promptly.
  /// Returns `false` when interrupted, including by a Ctrl-C pressed since the command began
  /// (while a row was being worked out, say).
  @Sendable static func pace(_ duration: Duration) -> Bool {
    let deadline = ContinuousClock.now + duration
    while ContinuousClock.now < deadline {
      if Terminal.takeInterrupt() { return false }
      let nap = min(deadline - ContinuousClock.now, .milliseconds(20))
      if nap > .zero { usleep(useconds_t(nap / .microseconds(1))) }
    }
    return !Terminal.takeInterrupt()
  }

  /// The first words at a terminal; every line fits 80 columns.
  static let welcome = """
    Welcome to otp-tutor: two-factor authentication, done by hand.
    The clock runs in real time; 'clock freeze' stops it, 'advance 30s' moves it.
    Try:  secret new   then  totp   then  verify <the code>   (or follow a lesson)
    Type 'help' for every command, Tab to complete, Ctrl-D or 'quit' to leave.

    """

  /// `$XDG_STATE_HOME/otp-tutor/history`, or `~/.local/state/otp-tutor/history`.
  static func historyPath() -> String? {
    let environment = Launcher.environment
    let base: String
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
      base = state
    } else if let home = environment["HOME"], !home.isEmpty {
      base = home + "/.local/state"
    } else {
      return nil
    }
    return base + "/otp-tutor/history"
  }
}
