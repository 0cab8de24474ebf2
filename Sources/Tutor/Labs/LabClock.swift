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

/// The virtual clock as a learner's program sees it: libfaketime, preloaded into the program,
/// reads the time from a file that the lab rewrites when the clock moves while the program
/// waits (`FAKETIME_TIMESTAMP_FILE` with `FAKETIME_NO_CACHE=1`, in Unix seconds:
/// `FAKETIME_FMT=%s`). The time is frozen between moves, so the program sees exactly the
/// instants the session does. Its monotonic clock is frozen too: libfaketime 0.9.10 fails a
/// program's sleep with EINVAL when only the real-time clock is faked (`DONT_FAKE_MONOTONIC`),
/// so a sleep returns at once instead, as no virtual time passes while a program runs.
/// Node's and Ruby's timers are counted on the monotonic clock, and would never fire on a
/// frozen one: for them it is left real (their sleeps take real time, and the time they read
/// is still the frozen virtual one). Java's `Thread.sleep` never ends either way.
final class LabClock {
  /// The preloaded library.
  let library: String
  private let file: String

  /// Where Debian and others put libfaketime.
  static let libraryCandidates = [
    "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
    "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1",
    "/usr/lib64/faketime/libfaketime.so.1",
    "/usr/lib/faketime/libfaketime.so.1",
    "/usr/local/lib/faketime/libfaketime.so.1",
  ]

  /// The library, or why the lab cannot run: `OTP_TUTOR_LIBFAKETIME` names it explicitly.
  static func findLibrary(environment: [String: String]) throws(TutorError) -> String {
    let candidates = environment["OTP_TUTOR_LIBFAKETIME"].map { [$0] } ?? libraryCandidates
    guard let found = candidates.first(where: { FileManager.default.isReadableFile(atPath: $0) }) else {
      throw TutorError(
        "libfaketime is not installed, so a program cannot be run on the virtual clock",
        remedy: "install it (as root: apt-get install -y faketime libfaketime; 'make test' does) and try again")
    }
    return found
  }

  /// A clock file at `time`.
  init(library: String, at time: UnixTime) throws(TutorError) {
    self.library = library
    var template = Array(Path.join(Path.temporaryDirectory, "otp-tutor-clock-XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else {
      throw TutorError("cannot make the clock file: \(String(cString: strerror(errno)))", remedy: "check the temporary folder")
    }
    close(descriptor)
    file = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    try set(time)
  }

  deinit { unlink(file) }

  /// Moves the program's clock; it reads the new time at its next look.
  func set(_ time: UnixTime) throws(TutorError) {
    guard time >= .epoch else {
      throw TutorError(
        "the virtual clock is before 1970 (unix \(time.seconds)), which libfaketime cannot show a program",
        remedy: "set the clock later, like clock set 2026-01-01T00:00:00Z")
    }
    let fraction = time.fractionOfSecond.components.attoseconds / 1_000_000_000_000_000
    let text = fraction == 0 ? "\(time.seconds)\n" : "\(time.seconds).\(String(fraction).leftPadded(to: 3))\n"
    // Written beside and renamed over, so the program never reads half a time.
    let temporary = file + ".new"
    guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)), rename(temporary, file) == 0
    else {
      throw TutorError("cannot write the clock file \(file)", remedy: "check the temporary folder")
    }
  }

  /// The program's environment: the shell's, with the clock preloaded and Python unbuffered;
  /// `realMonotonic` leaves the monotonic clock real (Node, Ruby).
  func environment(from base: [String: String], realMonotonic: Bool = false) -> [String: String] {
    var environment = base.filter { !$0.key.hasPrefix("FAKETIME") }
    environment["LD_PRELOAD"] = [library, base["LD_PRELOAD"]].compactMap { $0 }.filter { !$0.isEmpty }.joined(
      separator: ":")
    environment["FAKETIME_TIMESTAMP_FILE"] = file
    environment["FAKETIME_NO_CACHE"] = "1"
    environment["FAKETIME_FMT"] = "%s"
    environment["PYTHONUNBUFFERED"] = "1"
    if realMonotonic { environment["FAKETIME_DONT_FAKE_MONOTONIC"] = "1" }
    return environment
  }
}
