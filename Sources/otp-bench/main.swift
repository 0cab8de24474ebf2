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

struct Row {
  let name: String
  let duration: Duration
}

func table(title: String, unit: String, count: Int, rows: [Row]) {
  print("\n\(title)")
  let reference = rows[0].duration
  let header = "  " + "what".padding(toLength: 46, withPad: " ", startingAt: 0)
    + "median".leftPadded(10) + "  " + unit.leftPadded(12) + "  " + "vs first".leftPadded(9)
  print(header)
  for row in rows {
    let perSecond = Double(count) / seconds(row.duration)
    let ratio = seconds(row.duration) / seconds(reference)
    print(
      "  " + row.name.padding(toLength: 46, withPad: " ", startingAt: 0)
        + String(format: "%8.3f s", seconds(row.duration)) + "  "
        + String(format: "%10.2fM", perSecond / 1e6).leftPadded(12) + "  "
        + String(format: "%8.2fx", ratio))
  }
}

extension String {
  func leftPadded(_ width: Int) -> String {
    String(repeating: " ", count: max(0, width - count)) + self
  }
}

func devNull(_ program: String, _ arguments: [String]) throws {
  let result = try Peer.run("sh", ["-c", "exec \"$0\" \"$@\" >/dev/null", program] + arguments)
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
let oathtool = try measure {
  try devNull("oathtool", ["--hotp", "-c", "0", "-w", String(codeCount - 1), secret.hex])
}
let pyotpProgram = """
  import pyotp, sys
  h = pyotp.HOTP("\(secret.base32)")
  out = sys.stdout.write
  for i in range(\(codeCount)):
      out(h.at(i) + "\\n")
  """
let pyotp = try measure { try devNull("python3", ["-c", pyotpProgram]) }

table(
  title: "HOTP generation", unit: "codes/s", count: codeCount,
  rows: [
    Row(name: "oathtool --hotp -w 999999 > /dev/null", duration: oathtool),
    Row(name: "engine in-process, codes as strings", duration: inProcess),
    Row(name: "engine in-process, codes as numbers", duration: inProcessValues),
    Row(name: "engine in-process, printed to /dev/null", duration: inProcessPrinted),
    Row(name: "pyotp loop, printed to /dev/null", duration: pyotp),
  ])
if sink == 42 { print("") }  // keeps the loops from being optimised away
