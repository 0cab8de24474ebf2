import Foundation
import Testing
import _OTPTestSupport

/// `make install` and `make deb` as a user runs them: the installed program runs with the
/// Swift toolchain out of sight, from `/`, finds its lessons, and its man page and completion
/// scripts work. One at a time: both build into the same folder.
@Suite("Installation", .serialized)
struct InstallTests {
  /// The codes of the tutorial's key `Muhammad` (base32, as pyotp reads it) at counters 0…3,
  /// as oathtool computes them.
  private static func muhammadCodes() async throws -> [String] {
    try await Peer.output("oathtool", ["--hotp", "--base32", "--counter=0", "--window=3", "MUHAMMAD"])
      .split(separator: "\n").map(String.init)
  }

  /// A script that lists the lessons and shows the tutorial's HOTP codes.
  private static let script = "lessons\nenroll --type hotp --secret Muhammad\nhotp 0..3\n"

  /// Runs `make` in the checkout; the release build may take minutes when it is not built yet.
  private static func make(_ arguments: [String]) async throws -> Peer.Output {
    let result = try await Peer.run(
      "make", ["-C", Repository.root.path, "--no-print-directory"] + arguments, timeLimit: .seconds(1800))
    if result.status != 0 {
      Issue.record("make \(arguments.joined(separator: " ")) exited \(result.status): \(result.standardError)")
    }
    return result
  }

  /// The Swift toolchain's root folder (`/opt/swift` for `/opt/swift/usr/bin/swift`).
  private static func toolchainRoot() async throws -> String {
    let swift = try await Peer.output("sh", ["-c", "readlink -f \"$(command -v swift)\""])
      .trimmingCharacters(in: .whitespacesAndNewlines)
    var url = URL(fileURLWithPath: swift).deletingLastPathComponent()  // …/usr/bin
    if url.lastPathComponent == "bin" { url.deleteLastPathComponent() }
    if url.lastPathComponent == "usr" { url.deleteLastPathComponent() }
    return url.path
  }

  /// Checks what a script prints: the lessons found where the program is installed, and the
  /// tutorial's codes (from oathtool).
  private static func expectWorks(_ output: Peer.Output, codes: [String]) {
    #expect(output.status == 0, "\(output.standardError)")
    #expect(output.standardOutput.contains("totp"), "no lessons listed: \(output.standardOutput)")
    for (counter, code) in codes.enumerated() {
      #expect(output.lines.contains("\(counter)  \(code)"), "no \(counter)  \(code) in \(output.standardOutput)")
    }
  }

  @Test("make install PREFIX=…: stripped, no toolchain in ldd, runs from / with the toolchain hidden and finds its lessons")
  func install() async throws {
    let prefix = try Repository.temporaryDirectory("install")
    defer { try? FileManager.default.removeItem(at: prefix) }
    guard try await Self.make(["install", "PREFIX=\(prefix.path)"]).status == 0 else { return }
    let binary = prefix.appendingPathComponent("bin/otp-tutor").path
    for file in [
      "share/otp-tutor/Lessons/01-totp.md", "share/otp-tutor/Examples/1-totp-demo.transcript",
      "share/otp-tutor/Examples/labs/totp_demo.py", "share/man/man1/otp-tutor.1",
      "share/bash-completion/completions/otp-tutor", "share/zsh/site-functions/_otp-tutor",
      "share/fish/vendor_completions.d/otp-tutor.fish",
    ] {
      #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent(file).path), "\(file) not installed")
    }
    let described = try await Peer.output("file", ["-b", binary])
    #expect(described.contains("stripped") && !described.contains("not stripped"), "\(described)")

    let toolchain = try await Self.toolchainRoot()
    let libraries = try await Peer.output("ldd", [binary])
    #expect(!libraries.contains(toolchain + "/"), "links the toolchain: \(libraries)")
    #expect(!libraries.contains("libswift"), "links the Swift runtime: \(libraries)")
    #expect(!libraries.contains("libFoundation"), "links Foundation: \(libraries)")
    // libzbar (and the X11, D-Bus and systemd libraries it brings) is opened only to read an
    // image, libpng and libqrencode only for QR codes, libedit only at a terminal.
    for library in ["libzbar", "libX11", "libpng", "libqrencode", "libedit", "libtinfo", "libbsd"] {
      #expect(!libraries.contains(library), "links \(library) at start-up: \(libraries)")
    }

    // A mount namespace with an empty folder over the toolchain: what a machine without Swift sees.
    let script = prefix.appendingPathComponent("script.txt")
    try Self.script.write(to: script, atomically: true, encoding: .utf8)
    let empty = try Repository.temporaryDirectory("no-toolchain")
    defer { try? FileManager.default.removeItem(at: empty) }
    let hidden = try await Peer.run(
      "unshare",
      [
        "--mount", "sh", "-c",
        "mount --bind \"$1\" \"$2\" && ls -A \"$2\" | wc -l && cd / && exec env -u LD_LIBRARY_PATH -u OTP_TUTOR_LESSONS \"$3\" --script \"$4\"",
        "sh", empty.path, toolchain, binary, script.path,
      ])
    #expect(hidden.lines.first == "0", "the toolchain was not hidden: \(hidden.standardOutput) \(hidden.standardError)")
    Self.expectWorks(hidden, codes: try await Self.muhammadCodes())

    // Moved away from its share folder it finds no lessons: `check` says so in one line.
    let alone = try Repository.temporaryDirectory("alone")
    defer { try? FileManager.default.removeItem(at: alone) }
    let copy = alone.appendingPathComponent("otp-tutor")
    try FileManager.default.copyItem(atPath: binary, toPath: copy.path)
    let check = try await Peer.run(
      copy.path, ["check"], environment: ["OTP_TUTOR_LESSONS": ""], currentDirectory: URL(fileURLWithPath: "/"))
    #expect(check.status == 1)
    #expect(
      check.standardError
        == "Error: no lessons were found to check; give files or folders (otp-tutor check Lessons), or --lessons DIR\n")
    #expect(check.standardOutput.isEmpty)
  }

  @Test("the installed man page renders with man; the installed bash completion completes a lesson id")
  func manualAndCompletion() async throws {
    let prefix = try Repository.temporaryDirectory("install")
    defer { try? FileManager.default.removeItem(at: prefix) }
    guard try await Self.make(["install", "PREFIX=\(prefix.path)"]).status == 0 else { return }
    let manual = try await Peer.run(
      "man", ["-P", "cat", "otp-tutor"],
      environment: ["MANPATH": prefix.appendingPathComponent("share/man").path, "MANWIDTH": "200", "LC_ALL": "C.UTF-8"])
    #expect(manual.status == 0, "\(manual.standardError)")
    #expect(manual.standardOutput.contains("NAME"))
    #expect(manual.standardOutput.contains("otp-tutor — Learn two-factor authentication by doing it"), "\(manual.standardOutput)")
    #expect(manual.standardOutput.contains("--script"))
    #expect(manual.standardOutput.contains("check"))

    let completion = prefix.appendingPathComponent("share/bash-completion/completions/otp-tutor").path
    try await Tmux.session(
      "env -u OTP_TUTOR_LESSONS PATH=\(prefix.path)/bin:/usr/bin:/bin bash --norc --noprofile",
      environment: ["TERM": "xterm-256color", "LC_ALL": "C.UTF-8"]
    ) { tmux in
      try await tmux.enter("cd / && PS1='$ ' && source \(completion)")
      try await tmux.type("otp-tutor lesson hot")
      try await tmux.press("Tab")
      try await tmux.waitFor("$ otp-tutor lesson hotp")
    }
  }

  @Test(
    "make deb: dpkg -i installs it with its library dependencies, it runs from / with its lessons, man renders, dpkg -r removes it all",
    .enabled(if: getuid() == 0, "dpkg -i needs root (CI runs as root)"))
  func debianPackage() async throws {
    guard try await Self.make(["deb"]).status == 0 else { return }
    let version = try await Binary.run(["--version"]).standardOutput
      .trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "otp-tutor ", with: "")
    let architecture = try await Peer.output("dpkg", ["--print-architecture"]).trimmingCharacters(in: .whitespacesAndNewlines)
    let deb = Repository.root.appendingPathComponent(".build-static/otp-tutor_\(version)_\(architecture).deb").path
    let depends = try await Peer.output("dpkg-deb", ["--field", deb, "Depends"])
    for library in ["libedit2", "libqrencode4", "libpng16-16", "libc6"] {
      #expect(depends.contains(library), "Depends lacks \(library): \(depends)")
    }
    #expect(!depends.contains("zbar"), "Depends names libzbar, which is only opened to read images: \(depends)")
    let recommends = try await Peer.output("dpkg-deb", ["--field", deb, "Recommends"])
    #expect(recommends.contains("libzbar0"), "Recommends lacks libzbar0: \(recommends)")
    let contents = try await Peer.output("dpkg-deb", ["--contents", deb])
    #expect(contents.contains("./usr/share/man/man1/otp-tutor.1.gz"))
    #expect(contents.contains("./usr/share/doc/otp-tutor/copyright"))
    #expect(!contents.contains("/usr/local"))

    let installed = try await Peer.run("dpkg", ["-i", deb])
    #expect(installed.status == 0, "\(installed.standardError)")
    do {
      let script = try Repository.temporaryDirectory("deb").appendingPathComponent("script.txt")
      try Self.script.write(to: script, atomically: true, encoding: .utf8)
      let run = try await Peer.run(
        "/usr/bin/otp-tutor", ["--script", script.path], environment: ["OTP_TUTOR_LESSONS": ""],
        currentDirectory: URL(fileURLWithPath: "/"))
      Self.expectWorks(run, codes: try await Self.muhammadCodes())
      let manual = try await Peer.run("man", ["-P", "cat", "otp-tutor"], environment: ["MANWIDTH": "100"])
      #expect(manual.status == 0 && manual.standardOutput.contains("--script"), "\(manual.standardError)")
    } catch {
      Issue.record(error)
    }
    let removed = try await Peer.run("dpkg", ["-r", "otp-tutor"])
    #expect(removed.status == 0, "\(removed.standardError)")
    for path in ["/usr/bin/otp-tutor", "/usr/share/otp-tutor", "/usr/share/man/man1/otp-tutor.1.gz"] {
      #expect(!FileManager.default.fileExists(atPath: path), "\(path) left behind")
    }
    let status = try await Peer.run("dpkg-query", ["-W", "-f=${Status}", "otp-tutor"])
    #expect(!status.standardOutput.contains("installed") || status.standardOutput.contains("not-installed"))
  }
}
