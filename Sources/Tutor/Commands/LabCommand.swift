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
import OTP

/// `lab`: the learner's own programs, run on the virtual clock, checked and audited.
struct LabCommand: ShellCommand {
  static let spec = CommandSpec(
    name: "lab", summary: "run your own 2FA programs on the virtual clock, check their files, audit them",
    usage: [
      "lab run [--answer <text>|printed|app]… [--after <duration>] [--timeout <duration>] -- <command…>",
      "lab kat [--totp] [--stdin] [--timeout <duration>] -- <command…>",
      "lab files [--key <file>] [--qr <png>]",
      "lab audit [--key <file>] [--accepts <text>] [--refuses <text>] [--guesses N] [--rate <per second>] [--timeout <duration>] -- <command…>",
      "lab samples",
    ],
    examples: [
      "lab run -- python3 totp_demo.py", "lab run --answer printed --after 31s -- python3 totp_demo.py",
      "lab run --answer app -- python3 otp_verification.py", "lab kat -- python3 hotp_correct.py", "lab files", "lab audit -- python3 otp_verification.py", "lab samples",
    ],
    subcommands: ["run", "kat", "files", "audit", "samples"],
    options: [
      "--answer", "--after", "--timeout", "--totp", "--stdin", "--key", "--qr", "--guesses", "--rate", "--accepts", "--refuses",
    ], takesFile: true,
    details: [
      "lab run starts the command after -- (nothing else is ever run) with its clock at the session's time,",
      "through libfaketime, and plays the person at its prompts: --answer types a line (printed: the last code",
      "the program printed; app: the authenticator app's code), or you type it; --after moves the clock",
      "before the first answer, as if you waited. A program may run --timeout (10s) of real time.",
      "lab kat runs the command once per known-answer case (RFC 4226 App. D, RFC 6238 App. B and the edges where",
      "hand-written code goes wrong) with KEY-HEX COUNTER DIGITS ALGORITHM as arguments (--totp: KEY-HEX UNIX-TIME",
      "DIGITS ALGORITHM, 30 s steps from 0; --stdin: the same words as a line on standard input); the program prints",
      "the code. Each wrong answer is explained by its likely cause.",
      "lab files checks the key file (2fa.txt) and QR image (totp_qr.png) a program wrote, as an app would:",
      "a strong base32 key, readable by its owner only, and a QR code whose URI holds the same key; lab run does",
      "it by itself when the program writes them.",
      "lab audit runs a login program as a server, again and again on the virtual clock, each round in a fresh copy",
      "of this folder's files: the window it accepts, whether a code logs in twice, whether wrong codes (--guesses,",
      "100, at --rate 10 a second) slow or stop a guesser; it says what to change. An attempt logged in when the",
      "program printed a line holding --accepts (\"Authentication successful\"), and was refused when it printed",
      "--refuses (\"Authentication failed\"), case ignored; output with neither, or both, stops the audit.",
      "lab samples copies the sample programs of Examples/labs into this folder, never over your files.",
    ], traits: .asksQuestion)

  static func run(_ words: [String], in context: Context) throws(TutorError) {
    let action = try Arguments.subcommand(words, of: spec)
    let rest = Array(words.dropFirst())
    switch action {
    case "kat":
      try knownAnswers(rest, in: context)
    case "files":
      let arguments = try Arguments(rest, command: "lab files", options: ["--key", "--qr"])
      try arguments.expectPositionals(0, usage: "lab files [--key 2fa.txt] [--qr totp_qr.png]")
      checkFiles(key: arguments.value("--key") ?? "2fa.txt", qr: arguments.value("--qr") ?? "totp_qr.png", in: context)
    case "audit":
      try audit(rest, in: context)
    case "samples":
      try Arguments(rest, command: "lab samples").expectPositionals(0, usage: "lab samples")
      try copySamples(in: context)
    default:
      try runProgram(rest, in: context)
    }
  }

  /// `lab kat`, `lab audit` and `lab files` only report: the programs they run see copies or
  /// change nothing the session holds.
  static func onlyReports(_ words: [String]) -> Bool {
    ["kat", "audit", "files"].contains(words.first?.lowercased() ?? "")
  }

  /// A word after `--` that looks like a base32 key: the line stays out of history and recordings.
  static func carriesSecret(_ words: [String]) -> Bool {
    guard let dash = words.firstIndex(of: "--") else { return false }
    return words[(dash + 1)...].contains { word in
      word.count >= 16 && word.uppercased().allSatisfy { "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567=".contains($0) }
    }
  }

  // MARK: Parsing

  /// The words before `--` and the command after it.
  static func split(_ words: [String], usage: String) throws(TutorError) -> (options: [String], command: [String]) {
    guard let dash = words.firstIndex(of: "--") else {
      if let first = words.first(where: { !$0.hasPrefix("-") }) {
        throw TutorError(
          "the command to run must come after --", remedy: "type \(usage.replacing("<command…>", with: first))")
      }
      throw TutorError("no command to run was given", remedy: "type \(usage)")
    }
    let command = Array(words[(dash + 1)...])
    guard !command.isEmpty else { throw TutorError("no command to run was given after --", remedy: "type \(usage)") }
    return (Array(words[..<dash]), command)
  }

  /// Takes every `--answer <text>` out of `words`.
  static func answers(in words: [String]) throws(TutorError) -> (answers: [String], rest: [String]) {
    var answers: [String] = []
    var rest: [String] = []
    var index = 0
    while index < words.count {
      let word = words[index]
      if word == "--answer" {
        guard index + 1 < words.count else {
          throw TutorError("--answer needs a value", remedy: "type --answer 123456, --answer printed or --answer app")
        }
        answers.append(words[index + 1])
        index += 2
      } else if word.hasPrefix("--answer=") {
        answers.append(String(word.dropFirst("--answer=".count)))
        index += 1
      } else {
        rest.append(word)
        index += 1
      }
    }
    return (answers, rest)
  }

  static func timeLimit(_ arguments: Arguments) throws(TutorError) -> Duration {
    guard let text = arguments.value("--timeout") else { return LabRunner.defaultTimeLimit }
    let limit = try Duration.parse(text)
    guard limit >= .seconds(1), limit <= .seconds(600) else {
      throw TutorError("'\(text.quotedForMessage)' is not a time limit for a program", remedy: "give 1s to 10m, like --timeout 30s")
    }
    return limit
  }

  // MARK: lab run

  private static func runProgram(_ words: [String], in context: Context) throws(TutorError) {
    let usage = "lab run [--answer <text>] [--after <duration>] -- python3 totp.py"
    let (options, command) = try split(words, usage: usage)
    let (answers, rest) = try answers(in: options)
    let arguments = try Arguments(rest, command: "lab run", options: ["--after", "--timeout"])
    try arguments.expectPositionals(0, usage: usage)
    let after = try arguments.value("--after").map { text throws(TutorError) in try Duration.parse(text) }
    if let after, after < .zero {
      throw TutorError("--after must not be negative", remedy: "give how long you wait, like --after 31s")
    }
    let limit = try timeLimit(arguments)
    let lab = try LabSetting(context)
    let program = try LabProgram(command, directory: context.world.workingDirectory, environment: lab.environment)
    let start = context.world.clock.time
    if let after { try context.checkAppTime(server: start + after, drift: context.world.drift) { _ in "give a shorter --after" } }

    context.sayWrapped("lab: \(code: program.typed), its clock at \(start) (the session's, through libfaketime)", rest: "     ")
    context.flush()
    let filesBefore = enrolmentFiles(in: context.world.workingDirectory)
    var queue = answers[...]
    var waited = false
    var missing: String?
    var typedByShell: String?
    var toldHowToAnswer = false
    let result = try LabRunner.run(
      program, at: start, library: lab.library, directory: context.world.workingDirectory,
      environment: lab.environment, timeLimit: limit, interruption: context.session.interruption,
      observe: { item in
        show(item, typedByShell: &typedByShell, in: context)
      }
    ) { prompt in
      var moved: UnixTime?
      if let after, !waited {
        waited = true
        moved = context.world.clock.time + after
      }
      let typed: String
      if let next = queue.popFirst() {
        switch next.lowercased() {
        case "printed":
          guard let code = LabRunner.lastCode(in: prompt.printed) else {
            missing = "printed"
            return .stop
          }
          typed = code
        case "app":
          guard let uri = context.world.currentURI,
            let code = try? context.world.app.totpCode(for: uri.account, at: context.world.appTime).code
          else {
            missing = "app"
            return .stop
          }
          typed = code
        default: typed = next
        }
        typedByShell = typed
      } else {
        // The person is asked at the program's own prompt, after its lines so far.
        if !toldHowToAnswer {
          toldHowToAnswer = true
          context.emit(.tip("the program is waiting for you: type its answer (Ctrl-D ends its input, Ctrl-C stops it)"))
        }
        context.flush()
        switch context.ask(Escaping.visible(prompt.question)) {
        case .line(let line): typed = line
        case .ended: return .endInput
        case .interrupted: return .stop
        }
      }
      if let moved { context.world.clock.advance(to: moved) }
      return .answer(typed, at: moved)
    }
    if !result.isText {
      context.warn("the program printed bytes that are not UTF-8 text; they are shown as \u{FFFD}")
    }
    if let missing {
      throw TutorError(
        missing == "printed"
          ? "the program asked before it printed a code, so --answer printed had nothing to type"
          : "there is no account in the authenticator app, so --answer app had nothing to type",
        remedy: missing == "printed" ? "give the code itself, like --answer 123456" : "enroll an account first, or give the code itself")
    }
    try reportEnd(result, program: program, limit: limit, unusedAnswers: queue.count, in: context)
    let filesAfter = enrolmentFiles(in: context.world.workingDirectory)
    if filesAfter.count == 2, filesAfter != filesBefore {
      checkFiles(key: "2fa.txt", qr: "totp_qr.png", in: context)
    }
  }

  /// One of the program's lines, prompts or clock moves, as it happens.
  static func show(_ item: LabRunner.Item, typedByShell: inout String?, in context: Context) {
    switch item {
    case .output(let line):
      context.say(Line("  | ") + Line(line))
    case .clockMoved(let time):
      context.say("lab: you wait before answering; the clock is now \(time)")
    case .inputEnded:
      context.say("lab: it waited with nothing more to ask, so its input was ended (as Ctrl-D would)")
    case .prompt(let question, let answer):
      // An answer the shell typed (--answer) is shown here; one the learner typed, by ask.
      if let answer, let typed = typedByShell, typed == answer {
        context.say(Line("  | ") + Line(question) + "\(code: answer)")
      } else if answer == nil {
        context.say(Line("  | ") + Line(question))
      }
      typedByShell = nil
    }
    context.flush()
  }

  /// Says how the program ended; a hang, a kill or too much output is an error.
  static func reportEnd(
    _ result: LabRunner.Result, program: LabProgram, limit: Duration, unusedAnswers: Int, in context: Context
  ) throws(TutorError) {
    switch result.stop {
    case .timedOut:
      throw TutorError(
        "\(program.typed.quotedForMessage) was still running after \(Format.human(limit)) and was stopped"
          + (result.prompts == 0 ? " (it never asked for input)" : ""),
        remedy: program.runtime == "java"
          ? "on the frozen virtual clock Java's Thread.sleep and timed waits never end: take them out (no virtual time passes while a program runs)"
          : "check it for an endless loop or a wait, or give it longer with --timeout 30s")
    case .tooMuchOutput:
      throw TutorError(
        "\(program.typed.quotedForMessage) printed more than \(LabProcess.outputLimit >> 20) MB and was stopped",
        remedy: "check it for a loop that prints")
    case .signaled(let signal) where result.wasStopped:
      _ = signal
      context.say("lab: the program was stopped")
    case .signaled(let signal):
      context.say("lab: \(bad: "the program was killed by signal \(signal)")")
    case .exited(let status):
      context.say(status == 0 ? "lab: the program exited (status 0)" : "lab: \(bad: "the program exited with status \(status)")")
      if status != 0, let module = missingPythonModule(in: result.lines) {
        let package = ["PIL": "pillow", "qrcode": "qrcode pillow"][module] ?? module
        context.note("Python has no module '\(module)': install it with python3 -m pip install \(package) ('make test' does)")
      }
    case .waitingForInput:
      break
    }
    if result.stop != .exited(0), result.lines.contains(where: { $0.contains("/dev/tty") }) {
      context.note(
        "the program tried to open the terminal (/dev/tty), which a lab program does not have: lab types answers on its standard input, so read them there (input() in Python)")
    } else if result.lines.contains(where: { $0.contains("GetPassWarning") }) {
      context.note("getpass found no terminal to hide the typing on, and read the answer from standard input: harmless in a lab")
    }
    if unusedAnswers > 0 {
      throw TutorError(
        "the program ended without asking for \(unusedAnswers == 1 ? "the answer" : "\(unusedAnswers) of the answers") given with --answer",
        remedy: "check that it reads its input (input() in Python), or give fewer --answer")
    }
  }

  // MARK: lab kat

  private static func knownAnswers(_ words: [String], in context: Context) throws(TutorError) {
    let usage = "lab kat [--totp] [--stdin] -- python3 hotp_correct.py"
    let (options, command) = try split(words, usage: usage)
    let arguments = try Arguments(options, command: "lab kat", options: ["--timeout"], flags: ["--totp", "--stdin"])
    try arguments.expectPositionals(0, usage: usage)
    let limit = try timeLimit(arguments)
    let kind: KnownAnswers.Kind = arguments.has("--totp") ? .totp : .hotp
    let viaInput = arguments.has("--stdin")
    let lab = try LabSetting(context)
    let program = try LabProgram(command, directory: context.world.workingDirectory, environment: lab.environment)
    let cases = KnownAnswers.cases(kind)
    let form = kind == .hotp ? "KEY-HEX COUNTER DIGITS ALGORITHM" : "KEY-HEX UNIX-TIME DIGITS ALGORITHM"
    context.sayWrapped(
      "lab kat: \(code: program.typed), \(cases.count) \(kind == .hotp ? "HOTP" : "TOTP") cases (\(form)"
        + (viaInput ? " on standard input)" : " as arguments)"), rest: "         ")
    if let first = cases.first {
      let example: Line =
        viaInput
          ? "\(code: program.typed) reads the line \(code: first.words.joined(separator: " ")) and prints \(code: first.expected ?? "nothing")"
          : "\(code: program.typed + " " + first.words.joined(separator: " ")) prints \(code: first.expected ?? "nothing")"
      context.sayWrapped("the first case: " + example, first: "         ", rest: "         ")
    }
    context.flush()
    var passed = 0
    for test in cases {
      if context.session.interruption?() == true {
        context.say("lab kat: stopped (Ctrl-C): \(passed) cases passed before")
        return
      }
      var sent = false
      let result = try LabRunner.run(
        program, at: context.world.clock.time, library: lab.library, directory: context.world.workingDirectory,
        environment: lab.environment, timeLimit: limit, arguments: viaInput ? [] : test.words
      ) { _ in
        guard viaInput, !sent else { return .endInput }
        sent = true
        return .answer(test.words.joined(separator: " "), at: nil)
      }
      if result.stop == .timedOut {
        throw TutorError(
          "\(program.typed.quotedForMessage) was still running after \(Format.human(limit)) on the case \(test.name)",
          remedy: "check it for an endless loop or a wait for input (--stdin sends the case on standard input)")
      }
      let lines = result.items.compactMap { item -> String? in
        if case .output(let line) = item { line.trimmingSpaces() } else { nil }
      }
      let last = lines.last { !$0.isEmpty }
      let printed = last.flatMap { line in
        line.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }) && !line.isEmpty ? line : nil
      }
      let got = result.stop == .exited(0) ? printed : nil
      switch KnownAnswers.judge(got, for: test) {
      case .passed:
        passed += 1
        context.say("  \(good: "pass")  \(test.name): \(got ?? "no code, as it should")")
      case .failed(let expected, _, let cause):
        var shown = got.map { "printed \($0)" } ?? "printed no code"
        if got == nil, let last { shown += " (its last line: \(last.count > 60 ? String(last.prefix(57)) + "..." : last))" }
        if got == nil, case .exited(let status) = result.stop, status != 0 { shown += ", exit status \(status)" }
        context.sayWrapped(Line("\(test.name): expected \(expected ?? "no code"), ") + Line(shown), first: "  \(bad: "FAIL")  ", rest: "        ")
        context.sayWrapped(
          Line(cause ?? "no known mistake gives this answer: 'explain' shows each step of the right one"), first: "        ",
          rest: "        ")
      }
      context.flush()
    }
    let verdict: Line =
      passed == cases.count ? "\(good: "all \(cases.count) cases passed")" : "\(bad: "\(passed) of \(cases.count) cases passed")"
    context.say("lab kat: " + verdict)
  }

  // MARK: lab files

  static func checkFiles(key: String, qr: String, in context: Context) {
    let checks = LabFiles.check(key: key, qr: qr, in: context.world.workingDirectory, at: context.world.appTime)
    context.say("lab files: \(key) and \(qr), checked as an authenticator app would")
    for check in checks {
      let mark: Line = check.passed ? "  \(good: "ok")    " : "  \(bad: "FAIL")  "
      context.sayWrapped(check.holdsSecret ? "\(secret: check.text)" : Line(check.text), first: mark, rest: "        ")
    }
    let findings = checks.filter { !$0.passed }.count
    context.say(
      findings == 0
        ? "lab files: \(good: "no findings")" : "lab files: \(bad: findings == 1 ? "1 finding" : "\(findings) findings")")
  }

  /// The files an enrolment program writes, and when they were last changed.
  static func enrolmentFiles(in directory: String?) -> [String: Int] {
    var seen: [String: Int] = [:]
    for name in ["2fa.txt", "totp_qr.png"] {
      var status = stat()
      if stat(FileStore.resolve(name, in: directory), &status) == 0 {
        seen[name] = status.st_mtim.tv_sec * 1_000_000_000 + status.st_mtim.tv_nsec
      }
    }
    return seen
  }

  // MARK: lab audit

  private static func audit(_ words: [String], in context: Context) throws(TutorError) {
    let usage = "lab audit [--key 2fa.txt] [--guesses N] -- python3 otp_verification.py"
    let (options, command) = try split(words, usage: usage)
    let arguments = try Arguments(
      options, command: "lab audit", options: ["--key", "--guesses", "--rate", "--timeout", "--accepts", "--refuses"])
    try arguments.expectPositionals(0, usage: usage)
    let guesses = try arguments.integer("--guesses", in: 1...1000, meaning: "number of wrong codes") ?? 100
    var rate = 10.0
    if let text = arguments.value("--rate") {
      guard let value = Double(text), value.isFinite, value >= 0.01, value <= 1000 else {
        throw TutorError("'\(text.quotedForMessage)' is not a rate", remedy: "give guesses per second from 0.01 to 1000, like --rate 10")
      }
      rate = value
    }
    let limit = try timeLimit(arguments)
    let keyFile = arguments.value("--key") ?? "2fa.txt"
    let bytes = try FileStore.read(keyFile, in: context.world.workingDirectory, what: "key file")
    let totp: TOTP
    do {
      let text = String(decoding: bytes, as: UTF8.self).trimmingSpaces()
      totp = try TOTP(secret: try Secret(base32: text))
    } catch {
      throw TutorError(
        "\(keyFile.quotedForMessage) does not hold a base32 key: \(error)", remedy: "check it with 'lab files', or name the key file with --key")
    }
    let lab = try LabSetting(context)
    let program = try LabProgram(command, directory: context.world.workingDirectory, environment: lab.environment)
    var audit = try LabAudit(
      program: program, totp: totp, library: lab.library, environment: lab.environment,
      directory: context.world.workingDirectory, timeLimit: limit, after: context.world.clock.time)
    audit.interruption = context.session.interruption
    audit.verdicts = try verdicts(arguments)
    context.sayWrapped(
      "lab audit: \(code: program.typed) as a login server, its key from \(keyFile), from \(audit.start) on the virtual clock,"
        + " each round in a fresh copy of this folder's files", rest: "           ")
    context.sayWrapped(
      "judged by its output: \"\(audit.verdicts.accepts)\" is a login, \"\(audit.verdicts.refuses)\" a refusal"
        + " (--accepts, --refuses)", first: "           ", rest: "           ")
    context.flush()
    let report = try audit.run(guesses: guesses, rate: rate) { _ in context.flush() }
    LabAuditReport.show(report, totp: totp, in: context)
  }

  /// The sentences that tell a login from a refusal: `--accepts`, `--refuses`, or the tutorial's.
  static func verdicts(_ arguments: Arguments) throws(TutorError) -> LabAudit.Verdicts {
    var verdicts = LabAudit.Verdicts()
    if let text = arguments.value("--accepts") { verdicts.accepts = text }
    if let text = arguments.value("--refuses") { verdicts.refuses = text }
    for (option, text) in [("--accepts", verdicts.accepts), ("--refuses", verdicts.refuses)]
    where text.trimmingSpaces().isEmpty || text.contains(where: \.isNewline) {
      throw TutorError("\(option) needs the sentence your program prints", remedy: "type it in quotes, like \(option) \"Welcome\"")
    }
    let (accepts, refuses) = (verdicts.accepts.lowercased(), verdicts.refuses.lowercased())
    guard !accepts.contains(refuses), !refuses.contains(accepts) else {
      throw TutorError(
        "--accepts and --refuses must differ, and neither may hold the other",
        remedy: "give two sentences, like --accepts \"Welcome\" --refuses \"Wrong code\"")
    }
    return verdicts
  }

  /// The module a Python program could not import, from its traceback's last line.
  static func missingPythonModule(in lines: [String]) -> String? {
    let marker = "ModuleNotFoundError: No module named '"
    guard let line = lines.last(where: { $0.contains(marker) }), let range = line.firstRange(of: marker) else { return nil }
    let name = line[range.upperBound...].prefix { $0 != "'" && $0 != "." }
    return name.isEmpty || name.count > 40 ? nil : String(name)
  }

  // MARK: lab samples

  private static func copySamples(in context: Context) throws(TutorError) {
    #if FUZZING
      throw TutorError("lab samples writes no files in a fuzzing build", remedy: "use a normal build")
    #endif
    let lab = LabSetting.environment
    guard let folder = LabSamples.folder(environment: lab, lessonFolder: context.session.lessonFolders.first) else {
      throw TutorError(
        "the sample programs (Examples/labs) were not found", remedy: "set OTP_TUTOR_LABS to the folder that holds them")
    }
    var copied: [String] = []
    var kept: [String] = []
    for name in LabSamples.names(in: folder) {
      let target = FileStore.resolve(name, in: context.world.workingDirectory)
      if FileManager.default.fileExists(atPath: target) {
        kept.append(name)
        continue
      }
      let bytes = try FileStore.read(Path.join(folder, name), what: "sample program")
      try FileStore.write(bytes, to: name, in: context.world.workingDirectory)
      copied.append(name)
    }
    if !copied.isEmpty {
      context.say("copied \(copied.count) sample programs:")
      context.sayWrapped(Line(copied.joined(separator: " ")), first: "  ", rest: "  ")
      if context.session.lessonWorkspace != nil, let folder = context.world.workingDirectory {
        // Where this machine keeps them, not a fact of the lesson: a transcript leaves it out.
        context.emit(.tip("edit them there, or write your own beside them: \(folder)"))
      }
    }
    if !kept.isEmpty, copied.isEmpty {
      context.note("all \(kept.count) sample programs are here already: a sample never replaces a file")
    } else if !kept.isEmpty {
      context.note("kept your own \(kept.joined(separator: " ")): a sample never replaces a file")
    }
  }
}

/// What every lab run needs: libfaketime, and the environment the program gets.
struct LabSetting {
  /// The shell's environment, which the program inherits.
  static var environment: [String: String] { ProcessInfo.processInfo.environment }

  let library: String
  let environment: [String: String]

  init(_ context: Context) throws(TutorError) {
    #if FUZZING
      // The fuzzer types random lines: it must never start the programs they name.
      throw TutorError("lab starts no programs in a fuzzing build", remedy: "use a normal build")
    #endif
    environment = Self.environment
    library = try LabClock.findLibrary(environment: environment)
  }
}
