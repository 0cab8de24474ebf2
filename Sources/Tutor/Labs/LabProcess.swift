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

/// A learner's program, started by `lab` with pipes for its standard input and output.
///
/// The program runs in a process group of its own (so a time limit kills whatever it started
/// too), with standard error merged into standard output. ``readUntilStop()`` collects what it
/// prints until it ends, or until it waits for input: its output has been quiet for
/// ``quietPeriod`` (measured on the real clock, the one place the lab reads it) and the
/// process is blocked reading its standard input. Timing decides only *when* a read returns,
/// never what it returns, so a transcript is the same however fast the machine is.
final class LabProcess {
  /// Why a read stopped.
  enum Stop: Equatable, Sendable {
    /// The program is waiting for a line on its standard input.
    case waitingForInput
    /// The program exited with a status.
    case exited(Int32)
    /// A signal ended the program.
    case signaled(Int32)
    /// The time limit passed; the program was killed.
    case timedOut
    /// The program printed more than ``outputLimit`` bytes; it was killed.
    case tooMuchOutput
  }

  /// What a read collected, and why it stopped.
  struct Chunk: Sendable {
    var bytes: [UInt8]
    var stop: Stop
  }

  /// How long output must be quiet before a blocked read counts as a prompt.
  static let quietPeriod = Duration.milliseconds(100)
  /// The most a program may print in one run.
  static let outputLimit = 1 << 20

  let pid: pid_t
  /// Whether a program that sits idle (see ``readUntilStop(interrupted:)``) has its input
  /// ended, as a person would press Ctrl-D: set once it has been answered. Node keeps reading
  /// a pipe after its last question until the pipe ends, where at a terminal it exits.
  var endsInputWhenIdle = false
  /// Whether its input was ended because it sat idle.
  private(set) var endedInputWhenIdle = false
  private var input: Int32
  private let output: Int32
  private let deadline: ContinuousClock.Instant
  private var ended: Stop?
  private var printed = 0

  /// Starts `executable` (a resolved path) with `arguments` (the first is its name).
  ///
  /// - Throws: ``TutorError`` when the pipes or the process cannot be made.
  init(
    executable: String, arguments: [String], environment: [String: String], directory: String?,
    timeLimit: Duration
  ) throws(TutorError) {
    var toChild: [Int32] = [-1, -1]
    var fromChild: [Int32] = [-1, -1]
    guard Self.pipe(&toChild) else { throw Self.failure("cannot make a pipe") }
    guard Self.pipe(&fromChild) else {
      close(toChild[0])
      close(toChild[1])
      throw Self.failure("cannot make a pipe")
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
    posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
    posix_spawn_file_actions_adddup2(&actions, fromChild[1], 2)
    if let directory {
      guard let addChdir = Self.addChdir else {
        throw TutorError("this system's C library cannot start a program in another folder", remedy: "run lab from the folder itself")
      }
      _ = addChdir(&actions, directory)
    }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // A session (and so a process group) of its own, default signal actions and no blocked
    // signals, whatever the shell has. Without a controlling terminal, a program that opens
    // /dev/tty (to ask for a password, say) fails at once instead of waiting for the
    // learner's keyboard behind the shell's back, or until its time limit.
    posix_spawnattr_setflags(&attributes, Int16(Self.newSession | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigdefault(&attributes, &all)
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)

    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }
    var child: pid_t = 0
    let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
    close(toChild[0])
    close(fromChild[1])
    guard status == 0 else {
      close(toChild[1])
      close(fromChild[0])
      throw Self.failure("cannot start \(executable): \(String(cString: strerror(status)))")
    }
    pid = child
    input = toChild[1]
    output = fromChild[0]
    deadline = .now + timeLimit
  }

  deinit {
    if ended == nil { kill(); }
    if input >= 0 { close(input) }
    close(output)
  }

  /// glibc's `POSIX_SPAWN_SETSID` (2.26), which Swift's Glibc module hides as a GNU extension:
  /// the child calls `setsid()`, leading a new session and process group whose id is its own.
  private static let newSession: Int32 = 0x80

  /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29), which Swift's Glibc module hides
  /// as a GNU extension.
  private static let addChdir:
    (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32)? = {
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else {
        return nil
      }
      return unsafeBitCast(
        symbol,
        to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32).self)
    }()

  /// A pipe whose ends are closed on exec (the child gets only the copies made for it).
  private static func pipe(_ ends: inout [Int32]) -> Bool {
    guard Glibc.pipe(&ends) == 0 else { return false }
    for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    return true
  }

  private static func failure(_ problem: String) -> TutorError {
    TutorError(problem, remedy: "check that the system has free processes and file descriptors, then try again")
  }

  /// Reads what the program prints until it waits for input, ends, runs out of time, or
  /// `interrupted` says Ctrl-C was pressed (the program is then killed).
  func readUntilStop(interrupted: () -> Bool = { false }) -> Chunk {
    var bytes: [UInt8] = []
    if let ended { return Chunk(bytes: bytes, stop: ended) }
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    var lastOutput = ContinuousClock.now
    while true {
      let now = ContinuousClock.now
      if now >= deadline {
        kill()
        ended = .timedOut
        return Chunk(bytes: bytes, stop: .timedOut)
      }
      let untilQuiet = lastOutput + Self.quietPeriod - now
      let wait = max(.milliseconds(1), min(untilQuiet, deadline - now))
      var descriptor = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
      let ready = poll(&descriptor, 1, Int32(Self.milliseconds(wait)))
      if ready > 0 {
        let count = buffer.withUnsafeMutableBytes { Glibc.read(output, $0.baseAddress, $0.count) }
        if count > 0 {
          bytes += buffer[0..<count]
          printed += count
          lastOutput = .now
          if printed > Self.outputLimit {
            kill()
            ended = .tooMuchOutput
            return Chunk(bytes: bytes, stop: .tooMuchOutput)
          }
          continue
        }
        if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
        // End of output: the program closed it, so it has ended or is about to.
        let stop = reap(until: deadline)
        return Chunk(bytes: bytes, stop: stop)
      }
      if ready < 0 && errno != EINTR {
        kill()
        ended = .signaled(SIGKILL)
        return Chunk(bytes: bytes, stop: .signaled(SIGKILL))
      }
      guard ContinuousClock.now - lastOutput >= Self.quietPeriod else { continue }
      if interrupted() {
        kill()
        return Chunk(bytes: bytes, stop: .signaled(SIGKILL))
      }
      if let stop = reapIfEnded() {
        return Chunk(bytes: bytes + drain(), stop: stop)
      }
      switch waiting(endsLine: bytes.isEmpty || bytes.last == UInt8(ascii: "\n")) {
      case .forInput:
        return Chunk(bytes: bytes, stop: .waitingForInput)
      case .idle where endsInputWhenIdle && input >= 0:
        closeInput()
        endedInputWhenIdle = true
      case .idle, .no:
        break
      }
      lastOutput = .now
    }
  }

  /// Sends a line to the program's standard input; `false` if it no longer reads it.
  @discardableResult
  func send(_ line: String) -> Bool {
    guard input >= 0 else { return false }
    let bytes = Array((line + "\n").utf8)
    // A program that has closed its input would raise SIGPIPE, which ends the shell: block it
    // for the write and take a pending one back.
    var pipeSignal = sigset_t()
    sigemptyset(&pipeSignal)
    sigaddset(&pipeSignal, SIGPIPE)
    var previous = sigset_t()
    pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
    var offset = 0
    var failed = false
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { Glibc.write(input, $0.baseAddress! + offset, $0.count - offset) }
      if written < 0 {
        if errno == EINTR { continue }
        failed = true
        break
      }
      offset += written
    }
    if failed {
      var zero = timespec(tv_sec: 0, tv_nsec: 0)
      _ = sigtimedwait(&pipeSignal, nil, &zero)
    }
    pthread_sigmask(SIG_SETMASK, &previous, nil)
    return !failed
  }

  /// Closes the program's standard input: it reads the end of its input next.
  func closeInput() {
    guard input >= 0 else { return }
    close(input)
    input = -1
  }

  /// Kills the program's whole process group and waits for it.
  func kill() {
    guard ended == nil else { return }
    _ = Glibc.kill(-pid, SIGKILL)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    ended = .signaled(SIGKILL)
  }

  // MARK: Ending

  private func reapIfEnded() -> Stop? {
    var status: Int32 = 0
    let result = waitpid(pid, &status, WNOHANG)
    guard result == pid else { return nil }
    let stop = Self.stop(status)
    // Whatever it started goes with it.
    _ = Glibc.kill(-pid, SIGKILL)
    ended = stop
    return stop
  }

  private func reap(until deadline: ContinuousClock.Instant) -> Stop {
    while ContinuousClock.now < deadline {
      if let stop = reapIfEnded() { return stop }
      usleep(2_000)
    }
    kill()
    ended = .timedOut
    return .timedOut
  }

  private func drain() -> [UInt8] {
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while bytes.count <= Self.outputLimit {
      var descriptor = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
      guard poll(&descriptor, 1, 0) > 0 else { break }
      let count = buffer.withUnsafeMutableBytes { Glibc.read(output, $0.baseAddress, $0.count) }
      guard count > 0 else { break }
      bytes += buffer[0..<count]
    }
    return bytes
  }

  private static func stop(_ status: Int32) -> Stop {
    // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import.
    let signal = status & 0x7F
    return signal == 0 ? .exited((status >> 8) & 0xFF) : .signaled(signal)
  }

  private static func milliseconds(_ duration: Duration) -> Int {
    let (seconds, attoseconds) = duration.components
    return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000) + 1
  }

  // MARK: Waiting for input

  /// Whether the program is blocked reading its standard input. Linux says which system call
  /// each thread sleeps in (`/proc/<pid>/task/<tid>/syscall`): `read` on descriptor 0 in any
  /// thread is a yes (Java reads in a thread other than the first); a wait on several
  /// descriptors (`poll`, `select`, `epoll_wait`: Node, Ruby) in the first thread counts when
  /// the output stopped in the middle of a line, as a prompt does; anything else (sleeping,
  /// computing) is a no.
  private func waiting(endsLine: Bool) -> Waiting {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/syscall", encoding: .utf8) else {
      return endsLine ? .no : .forInput
    }
    guard let main = Self.syscall(text) else { return .no }  // "running"
    if Self.readCalls.contains(main.number) { return main.argument == "0x0" ? .forInput : .no }
    let threads = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
    let reading = threads.contains { thread in
      guard thread != String(pid),
        let text = try? String(contentsOfFile: "/proc/\(pid)/task/\(thread)/syscall", encoding: .utf8),
        let call = Self.syscall(text)
      else { return false }
      return Self.readCalls.contains(call.number) && call.argument == "0x0"
    }
    if reading { return .forInput }
    if Self.waitCalls.contains(main.number) { return endsLine ? .idle : .forInput }
    return .no
  }

  /// What a quiet program is doing.
  private enum Waiting {
    /// Reading its standard input, or waiting on several descriptors after a prompt.
    case forInput
    /// Waiting on several descriptors after a whole line (or nothing): for input, or for
    /// nothing at all, as the virtual clock does not run while it waits.
    case idle
    /// Sleeping or computing.
    case no
  }

  /// The system call a thread sleeps in, and its first argument, from its `syscall` file's
  /// text (`nil` for "running").
  private static func syscall(_ text: String) -> (number: Int, argument: Substring)? {
    let fields = text.split(separator: " ")
    guard let first = fields.first, let number = Int(first) else { return nil }
    return (number, fields.count > 1 ? fields[1] : "")
  }

  #if arch(x86_64)
    private static let readCalls: Set<Int> = [0, 19]  // read, readv
    private static let waitCalls: Set<Int> = [7, 23, 232, 270, 271, 281, 441]
  #elseif arch(arm64)
    private static let readCalls: Set<Int> = [63, 65]
    private static let waitCalls: Set<Int> = [22, 72, 73, 441]
  #else
    private static let readCalls: Set<Int> = []
    private static let waitCalls: Set<Int> = []
  #endif
}
