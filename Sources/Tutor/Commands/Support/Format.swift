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

/// How the commands write numbers, durations and policies.
enum Format {
  /// `printf`'s formatting, for the few numbers written to a precision (`%.1f`, `%.3g`,
  /// `%02d`). LC_NUMERIC is never set, so the decimal point is always a dot.
  static func printf(_ format: String, _ arguments: any CVarArg...) -> String {
    var capacity = 64
    while true {
      var buffer = [CChar](repeating: 0, count: capacity)
      let needed = Int(withVaList(arguments) { vsnprintf(&buffer, capacity, format, $0) })
      guard needed >= capacity else {
        return String(decoding: buffer.prefix(max(0, needed)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
      }
      capacity = needed + 1
    }
  }

  /// Whole seconds, rounded up: a code with 0.2 s left has "1 s left".
  static func ceilingSeconds(_ duration: Duration) -> Int64 {
    let (seconds, attoseconds) = duration.components
    return attoseconds > 0 ? seconds + 1 : seconds
  }

  /// Whole seconds as policies and periods are written: `30 s` (rounded down).
  static func seconds(_ duration: Duration) -> String {
    "\(duration.wholeSeconds) s"
  }

  /// A duration with its sign: `+45s`, `-40s`.
  static func signed(_ duration: Duration) -> String {
    duration > .zero ? "+" + duration.compact : duration.compact
  }

  /// A number as it reads well: whole above 100, else two decimals or three figures.
  static func number(_ value: Double) -> String {
    if value >= 100 || value == value.rounded() { return String(Int(value.rounded())) }
    return Format.printf(value >= 1 ? "%.2f" : "%.3g", value)
  }

  /// A duration in the largest unit that reads well: `3.2 h`, `38.6 days`.
  static func human(_ duration: Duration) -> String {
    let seconds = duration.secondsValue
    switch seconds {
    case ..<60: return Format.printf("%.1f s", seconds)
    case ..<3600: return Format.printf("%.1f min", seconds / 60)
    case ..<(2 * 86_400): return Format.printf("%.1f h", seconds / 3600)
    case ..<(2 * 365 * 86_400): return Format.printf("%.1f days", seconds / 86_400)
    default: return Format.printf("%.1f years", seconds / (365.25 * 86_400))
    }
  }

  /// The server's policy in one line.
  static func policy(_ policy: ServerPolicy) -> String {
    var parts = [window(policy.window)]
    parts.append("replay prevention \(policy.preventsReplay ? "on" : "off")")
    parts.append("rate limit " + (policy.rateLimit.map { "\($0.attempts) per \(seconds($0.span))" } ?? "off"))
    parts.append("skew learning \(policy.learnsSkew ? "on" : "off")")
    parts.append("HOTP look-ahead \(policy.lookAhead.counters)")
    if let lockOut = policy.lockOut { parts.append("lock-out after \(lockOut.failures) failures in a row") }
    return parts.joined(separator: ", ")
  }

  static func window(_ window: VerificationWindow) -> String {
    if window.past == window.future { return window.past == 0 ? "window 0" : "window ±\(window.past) steps" }
    return "window -\(window.past)/+\(window.future) steps"
  }

  static func hex(_ byte: UInt8) -> String {
    String(byte, radix: 16).leftPadded(to: 2)
  }

  /// Bytes as unspaced hex: `9f3a07`.
  static func hexString(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map(hex).joined()
  }

  static func spaced(_ bytes: [UInt8]) -> String {
    bytes.map(hex).joined(separator: " ")
  }

  static func spacedLines(_ bytes: [UInt8], perLine: Int) -> [String] {
    stride(from: 0, to: bytes.count, by: perLine).map { start in
      spaced(Array(bytes[start..<min(start + perLine, bytes.count)]))
    }
  }

  /// `a`, `a and b`, `a, b and c`.
  static func list(_ items: [String]) -> String {
    guard items.count > 1 else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
  }

  /// `1 account`, `2 accounts`: a count and a noun that takes an s.
  static func count(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
  }
}
