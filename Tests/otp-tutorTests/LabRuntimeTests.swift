import Foundation
import Testing
import _OTPTestSupport

/// `lab run` with programs in each runtime that reads the time through libc (Node, Ruby, Java,
/// C, beside the samples' Python), and the ones whose clock cannot be set (a statically linked
/// C program, Go), through the built binary.
///
/// Each program prints the Unix time, asks `Enter Code: `, and prints the time again with the
/// code. The times it must print come from date(1), never from this project's clock: a program
/// that saw the real clock fails.
@Suite("Labs: programs in other runtimes on the virtual clock", .serialized)
struct LabRuntimeTests {
  /// Whether a command is on the PATH.
  static func has(_ command: String) -> Bool {
    (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").contains {
      FileManager.default.isExecutableFile(atPath: "\($0)/\(command)")
    }
  }

  static let node = """
    const readline = require('readline');
    console.log(`time: ${Math.floor(Date.now() / 1000)}`);
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
    rl.question('Enter Code: ', (code) => { console.log(`time: ${Math.floor(Date.now() / 1000)} code: ${code}`); rl.close(); });
    """
  static let ruby = """
    puts "time: #{Time.now.to_i}"
    print "Enter Code: "
    $stdout.flush
    code = $stdin.gets.strip
    puts "time: #{Time.now.to_i} code: #{code}"
    """
  static let java = """
    import java.util.Scanner;
    public class Clock {
      public static void main(String[] args) {
        System.out.println("time: " + System.currentTimeMillis() / 1000);
        System.out.print("Enter Code: ");
        String code = new Scanner(System.in).nextLine();
        System.out.println("time: " + java.time.Instant.now().getEpochSecond() + " code: " + code);
      }
    }
    """
  static let c = """
    #include <stdio.h>
    #include <string.h>
    #include <time.h>
    int main(void) {
      char code[64] = "";
      printf("time: %ld\\n", (long)time(NULL));
      printf("Enter Code: ");
      fflush(stdout);
      if (!fgets(code, sizeof code, stdin)) return 1;
      code[strcspn(code, "\\n")] = 0;
      printf("time: %ld code: %s\\n", (long)time(NULL), code);
      return 0;
    }
    """

  /// Runs `command` (words after `--`) in `folder` at 2026-01-01T00:00:10Z, answering 123456
  /// after 31 s, and checks the times it printed against date(1).
  func expectVirtualTime(_ command: String, in folder: URL, timeout: String = "10s") async throws {
    let before = try await Peer.output("date", ["-u", "-d", "2026-01-01T00:00:10Z", "+%s"]).trimmingCharacters(
      in: .whitespacesAndNewlines)
    let after = try await Peer.output("date", ["-u", "-d", "2026-01-01T00:00:41Z", "+%s"]).trimmingCharacters(
      in: .whitespacesAndNewlines)
    let result = try await LabRunTests.run(
      "lab run --answer 123456 --after 31s --timeout \(timeout) -- \(command)\n", in: folder)
    let lines = result.lines
    #expect(lines.contains("  | time: \(before)"), "\(lines)")
    #expect(lines.contains("  | Enter Code: 123456"), "\(lines)")
    #expect(lines.contains("  | time: \(after) code: 123456"), "\(lines)")
    #expect(lines.contains("lab: the program exited (status 0)"), "\(lines)")
    #expect(!lines.contains { $0.hasPrefix("error: ") }, "\(lines)")
  }

  static func folder(_ name: String, _ source: String) throws -> URL {
    let folder = try Repository.temporaryDirectory("lab-runtime")
    try source.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    return folder
  }

  @Test("Node sees the virtual time; its input is ended when it sits idle after its answer", .enabled(if: has("node")))
  func node() async throws {
    let folder = try Self.folder("clock.js", Self.node)
    try await expectVirtualTime("node clock.js", in: folder)
    // Node reads a pipe until it ends: the shell ends it, and says so.
    let lines = try await LabRunTests.run("lab run --answer 1 -- node clock.js\n", in: folder).lines
    #expect(
      lines.contains("lab: it waited with nothing more to ask, so its input was ended (as Ctrl-D would)"), "\(lines)")
  }

  @Test("Ruby sees the virtual time", .enabled(if: has("ruby")))
  func ruby() async throws {
    try await expectVirtualTime("ruby clock.rb", in: try Self.folder("clock.rb", Self.ruby))
  }

  @Test(
    "Node's timers and Ruby's sleep end (their monotonic clock stays real); the time they read stays virtual",
    .enabled(if: has("node") && has("ruby")))
  func timers() async throws {
    let folder = try Self.folder(
      "timer.js",
      "console.log(`a ${Math.floor(Date.now() / 1000)}`); setTimeout(() => console.log(`b ${Math.floor(Date.now() / 1000)}`), 300);\n"
    )
    try "puts \"a #{Time.now.to_i}\"; sleep 0.3; puts \"b #{Time.now.to_i}\"\n".write(
      to: folder.appendingPathComponent("sleep.rb"), atomically: true, encoding: .utf8)
    let now = try await Peer.output("date", ["-u", "-d", "2026-01-01T00:00:10Z", "+%s"]).trimmingCharacters(
      in: .whitespacesAndNewlines)
    let lines = try await LabRunTests.run(
      "lab run --timeout 5s -- node timer.js\nlab run --timeout 5s -- ruby sleep.rb\n", in: folder
    ).lines
    #expect(lines.filter { $0 == "  | a \(now)" }.count == 2, "\(lines)")
    #expect(lines.filter { $0 == "  | b \(now)" }.count == 2, "\(lines)")
    #expect(lines.filter { $0 == "lab: the program exited (status 0)" }.count == 2)
  }

  @Test("Java sees the virtual time (its reading thread is not its first)", .enabled(if: has("java")))
  func java() async throws {
    // The source launcher compiles first: slow on a loaded machine.
    try await expectVirtualTime("java Clock.java", in: try Self.folder("Clock.java", Self.java), timeout: "2m")
  }

  @Test(
    "a Java program that sleeps is stopped at its time limit, and the line says why it never woke",
    .enabled(if: has("java")))
  func javaSleep() async throws {
    let folder = try Self.folder(
      "Sleep.java",
      "public class Sleep { public static void main(String[] a) throws Exception { Thread.sleep(100); } }\n")
    let lines = try await LabRunTests.run("lab run --timeout 5s -- java Sleep.java\n", in: folder).lines
    let errors = lines.filter { $0.hasPrefix("error: ") }
    #expect(errors.count == 1, "\(lines)")
    #expect(
      errors.first?.hasPrefix("error: java Sleep.java was still running after 5.0 s and was stopped") == true,
      "\(lines)")
    #expect(
      errors.first?.hasSuffix(
        "on the frozen virtual clock Java's Thread.sleep and timed waits never end: take them out (no virtual time passes while a program runs)"
      )
        == true)
  }

  @Test(
    "a dynamically linked C program sees the virtual time; a static one is refused, never started",
    .enabled(if: has("gcc")))
  func cProgram() async throws {
    let folder = try Self.folder("clock.c", Self.c)
    _ = try await Peer.output(
      "gcc", ["-o", folder.appendingPathComponent("clock").path, folder.appendingPathComponent("clock.c").path])
    try await expectVirtualTime("./clock", in: folder)

    _ = try await Peer.output(
      "gcc",
      [
        "-static", "-o", folder.appendingPathComponent("clock-static").path,
        folder.appendingPathComponent("clock.c").path,
      ])
    let described = try await Peer.output("file", [folder.appendingPathComponent("clock-static").path])
    try #require(described.contains("statically linked"), "\(described)")
    let lines = try await LabRunTests.run("lab run --answer 1 -- ./clock-static\n", in: folder).lines
    #expect(
      lines.filter { $0.hasPrefix("error: ") } == [
        "error: './clock-static' is statically linked, so libfaketime cannot be preloaded into it to set its clock; link it dynamically (a C program: cc without -static), or run it through an interpreter"
      ], "\(lines)")
    #expect(!lines.contains { $0.hasPrefix("lab: ") }, "it was started")
  }

  @Test("a Go program, and go run, are refused in one line that says why", .enabled(if: has("go")))
  func goProgram() async throws {
    let folder = try Self.folder(
      "clock.go",
      "package main\nimport (\"fmt\"; \"time\")\nfunc main() { fmt.Println(\"time:\", time.Now().Unix()) }\n")
    let cache = try Repository.temporaryDirectory("lab-go-cache")
    let built = try await Peer.run(
      "go", ["build", "-o", "clock-go", "clock.go"],
      environment: [
        "CGO_ENABLED": "0", "GOCACHE": cache.path, "HOME": cache.path,
        "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "",
      ],
      currentDirectory: folder)
    try #require(built.status == 0, "\(built.standardError)")
    let lines = try await LabRunTests.run("lab run -- ./clock-go\nlab run -- go run clock.go\n", in: folder).lines
    #expect(
      lines.filter { $0.hasPrefix("error: ") } == [
        "error: './clock-go' is a Go program: Go reads the clock from the kernel, not through libc, so libfaketime cannot set it; run a Python, Node, Ruby, Java or C version, or give your Go program the time as an argument",
        "error: 'go' builds and runs Go programs, and Go reads the clock from the kernel, not through libc, so libfaketime cannot set it; run a Python, Node, Ruby, Java or C version, or give your Go program the time as an argument",
      ], "\(lines)")
    #expect(!lines.contains { $0.hasPrefix("lab: ") }, "it was started")
  }

  @Test("a program that opens /dev/tty fails at once (it has no terminal) with a note; getpass reads standard input")
  func terminal() async throws {
    let folder = try Self.folder("tty.py", "with open('/dev/tty') as tty:\n    print(tty.readline())\n")
    try "import getpass\nprint('got', getpass.getpass('Enter Code: '))\n".write(
      to: folder.appendingPathComponent("pw.py"), atomically: true, encoding: .utf8)
    let started = ContinuousClock.now
    let result = try await LabRunTests.run(
      "lab run --timeout 30s -- python3 tty.py\nlab run --answer 555 -- python3 pw.py\n", in: folder)
    #expect(ContinuousClock.now - started < .seconds(20), "the program waited for a terminal")
    let lines = result.lines
    #expect(lines.contains { $0.hasPrefix("  | OSError: [Errno 6] No such device or address: '/dev/tty'") }, "\(lines)")
    #expect(lines.contains("lab: the program exited with status 1"))
    #expect(
      lines.contains(
        "note: the program tried to open the terminal (/dev/tty), which a lab program does not have: lab types answers on its standard input, so read them there (input() in Python)"
      ), "\(lines)")
    #expect(lines.contains("  | got 555"), "\(lines)")
    #expect(lines.contains { $0.hasPrefix("note: getpass found no terminal") })
  }
}
