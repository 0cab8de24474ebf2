import Foundation
import OTP
import _OTPTestSupport

// `make bench`: the engine beside its peers, measured in the same run, medians of several runs.

let codeCount = 1_000_000
let runs = Int(ProcessInfo.processInfo.environment["BENCH_RUNS"] ?? "") ?? 3
let secret = try Secret(text: "12345678901234567890")
let clock = ContinuousClock()

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

print("otp-bench: \(codeCount) HOTP codes (SHA1, 6 digits), median of \(runs) runs")

let hotp = try HOTP(secret: secret)
var sink = 0
let inProcess = measure {
  for counter in 0..<UInt64(codeCount) { sink &+= hotp.code(for: counter).utf8.count }
}
let inProcessValues = measure {
  for counter in 0..<UInt64(codeCount) { sink &+= Int(hotp.value(for: counter)) }
}
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

table(
  title: "HOTP generation", unit: "codes/s", count: codeCount,
  rows: [
    Row(name: "oathtool --hotp -w 999999 > /dev/null", duration: oathtool),
    Row(name: "engine in-process, codes as strings", duration: inProcess),
    Row(name: "engine in-process, codes as numbers", duration: inProcessValues),
    Row(name: "engine in-process, printed to /dev/null", duration: inProcessPrinted),
    Row(name: "otp-tutor script: hotp 0..999999 > /dev/null", duration: tutorHOTP),
    Row(name: "pyotp loop, printed to /dev/null", duration: pyotp),
  ])
if sink == 42 { print("") }  // keeps the loops from being optimised away

// Start-up: hyperfine runs the three commands interleaved and reports each median.
let emptyScript = FileManager.default.temporaryDirectory.appendingPathComponent("otp-bench-empty.script")
try "".write(to: emptyScript, atomically: true, encoding: .utf8)
let report = FileManager.default.temporaryDirectory.appendingPathComponent("otp-bench-startup.json")
let startupCommands = [
  ("otp-tutor, an empty script", "\(tutorBinary) --script \(emptyScript.path)"),
  ("python3 -c 'import pyotp'", "python3 -c 'import pyotp'"),
  ("oathtool --totp", "oathtool --totp \(secret.hex)"),
]
let hyperfine = try await Peer.run(
  "hyperfine", ["-N", "--warmup", "5", "--runs", "40", "--export-json", report.path] + startupCommands.map(\.1))
guard hyperfine.status == 0,
  let json = try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any],
  let results = json["results"] as? [[String: Any]]
else {
  throw Peer.Failure(description: "hyperfine failed: \(hyperfine.standardError)")
}
let medians = results.compactMap { $0["median"] as? Double }
print("\nStart-up (hyperfine, median of 40 runs)")
print("  " + "what".padding(toLength: 46, withPad: " ", startingAt: 0) + "median".leftPadded(10) + "  " + "vs otp-tutor".leftPadded(12))
for ((name, _), median) in zip(startupCommands, medians) {
  print(
    "  " + name.padding(toLength: 46, withPad: " ", startingAt: 0) + String(format: "%7.1f ms", median * 1000) + "  "
      + String(format: "%11.2fx", median / medians[0]))
}
print("  goal: otp-tutor under 15 ms: \(medians[0] * 1000 < 15 ? "met" : "missed")")


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
