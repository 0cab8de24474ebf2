import Foundation
import OTP
import _OTPTestSupport

// `make bench`: the engine beside its peers, measured in the same run, medians of several runs.

let codeCount = 1_000_000
let runs = Int(ProcessInfo.processInfo.environment["BENCH_RUNS"] ?? "") ?? 3
let secret = try Secret(text: "12345678901234567890")
let clock = ContinuousClock()
let arguments = Array(CommandLine.arguments.dropFirst())

func median(_ durations: [Duration]) -> Duration {
  durations.sorted()[durations.count / 2]
}

func seconds(_ duration: Duration) -> Double {
  let (seconds, attoseconds) = duration.components
  return Double(seconds) + Double(attoseconds) / 1e18
}

func measure(_ body: () throws -> Void) rethrows -> Duration {
  var durations: [Duration] = []
  for _ in 0..<runs {
    durations.append(try clock.measure(body))
  }
  return median(durations)
}

/// The same for a peer run as a process: spawning it is part of its cost, as for every peer.
func measure(_ body: () async throws -> Void) async throws -> Duration {
  var durations: [Duration] = []
  for _ in 0..<runs {
    durations.append(try await clock.measure(body))
  }
  return median(durations)
}

struct Row {
  let name: String
  let duration: Duration
}

func table(title: String, unit: String, count: Int, rows: [Row]) {
  print("\n\(title)")
  let reference = rows[0].duration
  let header = "  " + "what".padding(toLength: 46, withPad: " ", startingAt: 0)
    + "median".leftPadded(10) + "  " + unit.leftPadded(12) + "  " + "time ÷ first".leftPadded(13)
  print(header)
  for row in rows {
    let perSecond = Double(count) / seconds(row.duration)
    let ratio = seconds(row.duration) / seconds(reference)
    print(
      "  " + row.name.padding(toLength: 46, withPad: " ", startingAt: 0)
        + String(format: "%8.3f s", seconds(row.duration)) + "  "
        + String(format: "%10.2fM", perSecond / 1e6).leftPadded(12) + "  "
        + String(format: "%12.2fx", ratio))
  }
}

extension String {
  func leftPadded(_ width: Int) -> String {
    String(repeating: " ", count: max(0, width - count)) + self
  }
}

func devNull(_ program: String, _ arguments: [String]) async throws {
  let result = try await Peer.run("sh", ["-c", "exec \"$0\" \"$@\" >/dev/null", program] + arguments)
  guard result.status == 0 else { throw Peer.Failure(description: "\(program) failed: \(result.standardError)") }
}


// `otp-bench --codes N`: makes N codes and exits, for counting allocations under heaptrack.
if arguments.first == "--codes", arguments.count == 2, let count = UInt64(arguments[1]) {
  let hotp = try HOTP(secret: secret)
  var total: UInt64 = 0
  for counter in 0..<count { total &+= hotp.value(for: counter) }
  print(total)
  exit(0)
}

/// The engine's rows, measured in this binary; `--engine-rows` prints them for another run to show.
func engineRows() throws -> [Row] {
  let hotp = try HOTP(secret: secret)
  var sink = 0
  let strings = measure {
    for counter in 0..<UInt64(codeCount) { sink &+= hotp.code(for: counter).utf8.count }
  }
  let values = measure {
    for counter in 0..<UInt64(codeCount) { sink &+= Int(hotp.value(for: counter)) }
  }
  if sink == 42 { print("") }  // keeps the loops from being optimised away
  return [
    Row(name: "engine in-process, codes as strings", duration: strings),
    Row(name: "engine in-process, codes as numbers", duration: values),
  ]
}

if arguments.first == "--engine-rows" {
  for row in try engineRows() { print("\(row.name)\t\(seconds(row.duration))") }
  exit(0)
}

/// Rows measured by a build with -cross-module-optimization (`OTP_BENCH_CMO`: the folder of its
/// otp-bench and otp-tutor), so that both builds appear side by side in one run.
func crossModuleRows(script: URL) async throws -> [Row] {
  guard let folder = ProcessInfo.processInfo.environment["OTP_BENCH_CMO"], !folder.isEmpty else { return [] }
  let result = try await Peer.run(folder + "/otp-bench", ["--engine-rows"])
  guard result.status == 0 else { throw Peer.Failure(description: "CMO otp-bench failed: \(result.standardError)") }
  var rows = result.standardOutput.split(separator: "\n").compactMap { line -> Row? in
    let parts = line.split(separator: "\t")
    guard parts.count == 2, let value = Double(parts[1]) else { return nil }
    return Row(name: parts[0] + " (CMO)", duration: .nanoseconds(Int64(value * 1e9)))
  }
  let tutor = try await measure { try await devNull(folder + "/otp-tutor", ["--script", script.path]) }
  rows.append(Row(name: "otp-tutor script hotp 0..999999 (CMO)", duration: tutor))
  return rows
}

/// Heap allocations per code: heaptrack's count of calls to allocation functions for 2,000 codes
/// less that for 1,000, over 1,000.
func allocationsPerCode() async throws -> Double? {
  func allocations(_ count: Int) async throws -> Int? {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("otp-bench-heaptrack-\(count)")
    _ = try await Peer.run("heaptrack", ["-o", output.path, CommandLine.arguments[0], "--codes", String(count)])
    defer { try? FileManager.default.removeItem(atPath: output.path + ".zst") }
    let report = try await Peer.run("heaptrack_print", [output.path + ".zst"])
    // "calls to allocation functions: 2363 (2330/s)"
    guard let line = report.standardOutput.split(separator: "\n").first(where: { $0.hasPrefix("calls to allocation functions:") })
    else { return nil }
    return Int(line.split(separator: " ")[4])
  }
  guard let one = try await allocations(1000), let two = try await allocations(2000) else { return nil }
  return Double(two - one) / 1000
}

print("otp-bench: \(codeCount) HOTP codes (SHA1, 6 digits), median of \(runs) runs; this binary: plain `swift build -c release`")

let hotp = try HOTP(secret: secret)
var sink = 0
let engine = try engineRows()
let inProcessPrinted = try measure {
  let output = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/null"))
  var buffer: [UInt8] = []
  buffer.reserveCapacity(1 << 16)
  for counter in 0..<UInt64(codeCount) {
    buffer.append(contentsOf: hotp.code(for: counter).utf8)
    buffer.append(10)
    if buffer.count >= 1 << 16 {
      output.write(Data(buffer))
      buffer.removeAll(keepingCapacity: true)
    }
  }
  output.write(Data(buffer))
}
let oathtool = try await measure {
  try await devNull("oathtool", ["--hotp", "-c", "0", "-w", String(codeCount - 1), secret.hex])
}
let pyotpProgram = """
  import pyotp, sys
  h = pyotp.HOTP("\(secret.base32)")
  out = sys.stdout.write
  for i in range(\(codeCount)):
      out(h.at(i) + "\\n")
  """
let pyotp = try await measure { try await devNull("python3", ["-c", pyotpProgram]) }

let tutorBinary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  .appendingPathComponent("otp-tutor").path
let tutorScript = FileManager.default.temporaryDirectory.appendingPathComponent("otp-bench-hotp.script")
try "secret set --hex \(secret.hex)\nhotp 0..\(codeCount - 1)\n"
  .write(to: tutorScript, atomically: true, encoding: .utf8)
let tutorHOTP = try await measure { try await devNull(tutorBinary, ["--script", tutorScript.path]) }
let crossModule = try await crossModuleRows(script: tutorScript)

table(
  title: "HOTP generation", unit: "codes/s", count: codeCount,
  rows: [Row(name: "oathtool --hotp -w 999999 > /dev/null", duration: oathtool)] + engine + [
    Row(name: "engine in-process, printed to /dev/null", duration: inProcessPrinted),
    Row(name: "otp-tutor script: hotp 0..999999 > /dev/null", duration: tutorHOTP),
    Row(name: "pyotp loop, printed to /dev/null", duration: pyotp),
  ] + crossModule)
if sink == 42 { print("") }  // keeps the loops from being optimised away
let engineRate = Double(codeCount) / seconds(engine[1].duration)
let oathtoolRate = Double(codeCount) / seconds(oathtool)
print(
  "  goal: engine (plain build, numbers) at least 2x oathtool's codes/s: "
    + String(format: "%.2fx, ", engineRate / oathtoolRate) + (engineRate >= 2 * oathtoolRate ? "met" : "missed"))
print("  goal: otp-tutor script (plain build) faster than oathtool: \(tutorHOTP < oathtool ? "met" : "missed")")
if let perCode = (try? await allocationsPerCode()) ?? nil {
  print("  heap allocations per code (heaptrack: 2,000 codes less 1,000, over 1,000): " + String(format: "%.2f", perCode))
}

// Verification: codes checked per second, the engine beside pyotp's verify().
struct Rate {
  let name: String
  let count: Int
  let duration: Duration
  var perSecond: Double { Double(count) / seconds(duration) }
}
let totp = try TOTP(secret: secret)
let window = try VerificationWindow(past: 1, future: 1)
let verifyCount = 300_000
let base: Int64 = 1_700_000_010
let totpCodes = (0..<1000).map { totp.code(forStep: UInt64(base / 30 + Int64($0))) }
let engineTOTP = measure {
  for index in 0..<verifyCount {
    let step = index % 1000
    if totp.isValid(totpCodes[step], at: UnixTime(seconds: base + Int64(step) * 30), window: window) { sink &+= 1 }
  }
}
let verifierTOTP = measure {
  var server = TOTPVerifier(totp: totp, policy: .init(window: window, preventsReplay: false, rateLimit: nil, lockOut: nil))
  for index in 0..<verifyCount {
    let step = index % 1000
    if server.accepts(totpCodes[step], at: UnixTime(seconds: base + Int64(step) * 30)) { sink &+= 1 }
  }
}
let lookAheadCount = 10_000
let lookAhead = try LookAhead(100)
let engineHOTP = measure {
  for index in 0..<lookAheadCount where hotp.isValid("000000", counter: UInt64(index), lookAhead: lookAhead) {
    sink &+= 1
  }
}
let pyotpVerifyCount = 30_000
let pyotpTOTPProgram = """
  import pyotp
  t = pyotp.TOTP("\(secret.base32)")
  codes = [t.at(\(base) + 30 * i) for i in range(1000)]
  n = 0
  for i in range(\(pyotpVerifyCount)):
      s = i % 1000
      n += t.verify(codes[s], for_time=\(base) + 30 * s, valid_window=1)
  """
let pyotpTOTP = try await measure { try await devNull("python3", ["-c", pyotpTOTPProgram]) }
let pyotpLookAheadCount = 300
let pyotpHOTPProgram = """
  import pyotp
  h = pyotp.HOTP("\(secret.base32)")
  n = 0
  for c in range(\(pyotpLookAheadCount)):
      n += any([h.verify("000000", c + i) for i in range(101)])
  """
let pyotpHOTP = try await measure { try await devNull("python3", ["-c", pyotpHOTPProgram]) }
let rates = [
  Rate(name: "pyotp TOTP.verify(valid_window=1)", count: pyotpVerifyCount, duration: pyotpTOTP),
  Rate(name: "engine TOTP.isValid (window ±1)", count: verifyCount, duration: engineTOTP),
  Rate(name: "engine TOTPVerifier.accepts (window ±1)", count: verifyCount, duration: verifierTOTP),
  Rate(name: "pyotp HOTP.verify over counters c…c+100", count: pyotpLookAheadCount, duration: pyotpHOTP),
  Rate(name: "engine HOTP.isValid (look-ahead 100)", count: lookAheadCount, duration: engineHOTP),
]
print("\nVerification: codes checked per second (each pyotp run includes its start-up)")
print("  " + "what".padding(toLength: 46, withPad: " ", startingAt: 0) + "checked".leftPadded(10) + "  " + "per second".leftPadded(12))
for rate in rates {
  print(
    "  " + rate.name.padding(toLength: 46, withPad: " ", startingAt: 0) + String(rate.count).leftPadded(10) + "  "
      + String(format: "%12.0f", rate.perSecond))
}
print(
  "  engine ÷ pyotp: TOTP " + String(format: "%.1fx", rates[1].perSecond / rates[0].perSecond) + ", HOTP look-ahead "
    + String(format: "%.1fx", rates[4].perSecond / rates[3].perSecond))
if sink == 43 { print("") }

// Start-up and memory: hyperfine runs each command directly (`-N`, no shell whose own start-up
// would have to be subtracted: that estimate varies by more than the gap being measured), with
// /dev/null on standard input, so `otp-tutor` alone reads an empty script. Peak memory is
// /usr/bin/time's maximum resident set, median of 5 runs.
// `make bench` passes the shipped binary (`make release`, installed with `install -s`) and a
// Swift hello-world built and installed the same way: the floor for a Swift program.
let environment = ProcessInfo.processInfo.environment
let shipped = environment["OTP_BENCH_SHIPPED"] ?? tutorBinary
// Run by hand, without `make bench`, the rows time this build's otp-tutor, not what ships.
let build = environment["OTP_BENCH_SHIPPED"] == nil ? "this build" : "shipped"
let hello = environment["OTP_BENCH_HELLO"]
let emptyScript = FileManager.default.temporaryDirectory.appendingPathComponent("otp-bench-empty.script")
try "".write(to: emptyScript, atomically: true, encoding: .utf8)
let report = FileManager.default.temporaryDirectory.appendingPathComponent("otp-bench-startup.json")
var startupCommands = [
  ("otp-tutor, empty script on stdin (\(build))", "\(shipped)"),
  ("otp-tutor --script empty (\(build))", "\(shipped) --script \(emptyScript.path)"),
  ("otp-tutor --version (\(build))", "\(shipped) --version"),
  ("oathtool --totp", "oathtool --totp \(secret.hex)"),
  ("python3 -c 'import pyotp'", "python3 -c 'import pyotp'"),
]
if let hello { startupCommands.insert(("Swift hello-world, built the same way", hello), at: 0) }
// hyperfine runs each command's runs one after another. This machine's speed drifts by 20% within
// seconds, which moves a ratio from 1.6 to 2.1 when each command has its own stretch of time;
// 50 rounds of 4 runs interleave the commands finely enough that the drift touches them alike.
var startupTimes = Array(repeating: [Double](), count: startupCommands.count)
for _ in 0..<50 {
  let hyperfine = try await Peer.run(
    "hyperfine", ["--shell=none", "--warmup", "1", "--runs", "4", "--export-json", report.path] + startupCommands.map(\.1))
  guard hyperfine.status == 0,
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any],
    let results = json["results"] as? [[String: Any]], results.count == startupCommands.count
  else {
    throw Peer.Failure(description: "hyperfine failed: \(hyperfine.standardError)")
  }
  for (index, result) in results.enumerated() {
    guard let times = result["times"] as? [Double], !times.isEmpty else {
      throw Peer.Failure(description: "hyperfine reported no times for \(startupCommands[index].0)")
    }
    startupTimes[index] += times
  }
}
let medians = startupTimes.map { $0.sorted()[$0.count / 2] }

/// Peak resident memory in kilobytes, median of 5 runs.
func peakMemory(_ command: String) async throws -> Int {
  var samples: [Int] = []
  for _ in 0..<5 {
    let result = try await Peer.run("sh", ["-c", "/usr/bin/time -f %M \(command) < /dev/null > /dev/null"])
    samples.append(Int(result.standardError.split(separator: "\n").last ?? "") ?? -1)
  }
  return samples.sorted()[samples.count / 2]
}
var memories: [Int] = []
for (_, command) in startupCommands { memories.append(try await peakMemory(command)) }
let emptyScriptRow = hello == nil ? 0 : 1

print("\nStart-up (hyperfine -N, median of 50 rounds of 4 runs, /dev/null on standard input) and peak memory")
print(
  "  " + "what".padding(toLength: 46, withPad: " ", startingAt: 0) + "median".leftPadded(10) + "  "
    + "÷ first".leftPadded(8) + "  " + "peak memory".leftPadded(12))
for ((name, _), (median, memory)) in zip(startupCommands, zip(medians, memories)) {
  print(
    "  " + name.padding(toLength: 46, withPad: " ", startingAt: 0) + String(format: "%7.1f ms", median * 1000) + "  "
      + String(format: "%7.2fx", median / medians[0]) + "  " + String(format: "%9.1f MB", Double(memory) / 1024))
}
if hello != nil {
  let ratio = medians[emptyScriptRow] / medians[0]
  print("  goal: an empty script at most 2x the hello-world: " + String(format: "%.2fx, ", ratio) + (ratio <= 2 ? "met" : "missed"))
} else {
  print("  (no hello-world: run `make bench` for the shipped build beside it)")
}
let megabytes = Double(memories[emptyScriptRow]) / 1024
print("  goal: peak memory of an empty script at most 12 MB: " + String(format: "%.1f MB, ", megabytes) + (megabytes <= 12 ? "met" : "missed"))
// Any argument goes through swift-argument-parser, which builds its command tree by reflection.
print(
  "  (an argument, such as --script, adds swift-argument-parser's parse: "
    + String(format: "%.1f ms)", (medians[emptyScriptRow + 1] - medians[emptyScriptRow]) * 1000))

// Lessons: `otp-tutor check` of every lesson and example, and the peak memory of a session that
// has been through every lesson.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let lessonFolder = root.appendingPathComponent("Lessons").path
let exampleFolder = root.appendingPathComponent("Examples").path
let check = try await measure { try await devNull(tutorBinary, ["check", lessonFolder, exampleFolder]) }
let lessonIDs = try FileManager.default.contentsOfDirectory(atPath: lessonFolder).filter { $0.hasSuffix(".md") && $0 != "README.md" }
  .sorted().compactMap { name -> String? in
    let text = try? String(contentsOfFile: lessonFolder + "/" + name, encoding: .utf8)
    return text?.split(separator: "\n").first { $0.hasPrefix("id: ") }.map { String($0.dropFirst(4)) }
  }
let tour = FileManager.default.temporaryDirectory.appendingPathComponent("otp-bench-tour.script")
// Every step of every lesson: each exercise skipped, each step entered (replaying all before it).
var tourLines: [String] = []
for id in lessonIDs {
  tourLines.append("lesson \(id)")
  for _ in 0..<12 { tourLines += ["skip", "next"] }
}
try (tourLines.joined(separator: "\n") + "\n").write(to: tour, atomically: true, encoding: .utf8)
let memory = try await Peer.run(
  "sh", ["-c", "cd \"$(mktemp -d)\" && /usr/bin/time -f %M \"$0\" --lessons \"$1\" --script \"$2\" >/dev/null", tutorBinary, lessonFolder, tour.path])
let kilobytes = Int(memory.standardError.split(separator: "\n").last ?? "") ?? -1
print("\nLessons")
print("  " + "otp-tutor check Lessons Examples (median)".padding(toLength: 46, withPad: " ", startingAt: 0)
  + String(format: "%7.3f s", seconds(check)) + "   goal under 1 s: \(seconds(check) < 1 ? "met" : "missed")")
print("  " + "peak memory after all \(lessonIDs.count) lessons".padding(toLength: 46, withPad: " ", startingAt: 0)
  + String(format: "%7.1f MB", Double(kilobytes) / 1024) + "   goal under 30 MB: \(kilobytes > 0 && kilobytes < 30 * 1024 ? "met" : "missed")")
