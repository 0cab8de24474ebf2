import Foundation
import Testing
import _OTPTestSupport

/// The tutorial's third program, done for real: a key in 2fa.txt, a QR code in totp_qr.png
/// that a phone scans; checked with zbarimg and pyotp, the real peers.
@Suite("Enrollment through the binary")
struct EnrollmentEndToEndTests {
  static let script = """
    secret new
    key save 2fa.txt
    enroll --account Muhammad --issuer CodingFleet.com
    qr --png totp_qr.png
    totp
    app scan totp_qr.png
    app code
    clock drift +45s
    app code
    """

  @Test("2fa.txt and totp_qr.png: zbarimg reads the URI, pyotp gives the same codes, the app agrees")
  func tutorialEnrollment() async throws {
    let folder = try Repository.temporaryDirectory("enrollment")
    let start: Int64 = 1_767_225_600 + 7
    let result = try await Binary.run(["--clock", String(start)], input: Self.script, in: folder)
    #expect(result.status == 0, "\(result.standardOutput)")
    let lines = result.standardOutput.split(separator: "\n").map(String.init)

    // The key file holds the base32 key alone, readable only by its owner.
    let keyFile = folder.appendingPathComponent("2fa.txt")
    let key = try String(contentsOf: keyFile, encoding: .utf8)
    let secretLine = try #require(lines.first { $0.hasPrefix("secret: ") })
    #expect(secretLine.hasPrefix("secret: \(key)  "))
    #expect(try permissions(keyFile) == 0o600)
    #expect(try permissions(folder.appendingPathComponent("totp_qr.png")) == 0o600)

    // A phone's scanner (zbarimg) reads exactly the URI the shell printed.
    let uriLine = try #require(lines.first { $0.hasPrefix("uri: ") })
    let uri = String(uriLine.dropFirst("uri: ".count))
    #expect(uri == "otpauth://totp/CodingFleet.com:Muhammad?secret=\(key)&issuer=CodingFleet.com")
    let scanned = try await Peer.output("zbarimg", ["--raw", "-q", folder.appendingPathComponent("totp_qr.png").path])
    #expect(scanned == uri + "\n")

    // pyotp, given that URI, shows the same codes at the same instants.
    let pyotp = try await Peer.python(
      "import sys, pyotp\nt = pyotp.parse_uri(sys.stdin.readline().strip())\nprint(t.at(\(start)), t.at(\(start + 45)))",
      input: uri + "\n"
    ).split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    try #require(pyotp.count == 2)
    let codes = lines.filter { $0.range(of: #"^\d{6}  \("#, options: .regularExpression) != nil }.map { String($0.prefix(6)) }
    // totp, app code (scanned from the PNG), then app code with the app's clock 45 s fast.
    #expect(codes == [pyotp[0], pyotp[0], pyotp[1]])
    #expect(lines.contains { $0.contains("the app replaced CodingFleet.com:Muhammad") })
  }

  @Test("a SHA256 enrollment scanned by an app that ignores parameters: codes the server rejects, and why")
  func ignoredParameters() async throws {
    let folder = try Repository.temporaryDirectory("profile")
    let input = """
      secret new
      enroll --account alice --issuer Example --algorithm SHA256
      qr --png alice.png
      app profile ignores-parameters
      app scan alice.png
      app code
      """
    let result = try await Binary.run([], input: input, in: folder)
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("warning: this app ignores algorithm (SHA256 on the server, SHA1 in the app)"))
    #expect(result.standardOutput.contains("they differ in algorithm (SHA256 on the server, SHA1 in the app)"))
  }

  @Test("bad input: a PNG that is not a QR code, a QR code that is not a URI, missing and unwritable paths")
  func badInput() async throws {
    let folder = try Repository.temporaryDirectory("bad-enrollment")
    // A plain white PNG, made by Python's zlib, and a QR code of a web address, made by the shell.
    _ = try await Peer.python(
      """
      import struct, zlib
      def chunk(kind, data):
          return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
      rows = b"".join(b"\\x00" + b"\\xff" * 64 for _ in range(64))
      png = b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 64, 64, 8, 0, 0, 0, 0))
      png += chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
      open("\(folder.path)/white.png", "wb").write(png)
      open("\(folder.path)/notes.txt", "w").write("hello\\nworld\\n")
      open("\(folder.path)/empty.txt", "w").write("")
      """)
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("adir"), withIntermediateDirectories: true)
    let input = """
      app scan white.png
      app scan missing.png
      app scan adir
      app scan notes.txt
      key load missing.txt
      key load adir
      key load empty.txt
      key load notes.txt
      secret set --text 12345678901234567890
      qr --png no/such/folder/x.png
      qr --png adir
      key save notes.txt/inside
      qr --png /proc/otp-tutor-test.png
      hotp 9
      """
    let result = try await Binary.run([], input: input, in: folder)
    let errors = result.standardOutput.split(separator: "\n").filter { $0.hasPrefix("error: ") }
    #expect(result.status == 1)
    #expect(errors.count == 12, "\(result.standardOutput)")
    #expect(result.standardOutput.hasSuffix("otp> hotp 9\n520489\n"))
    #expect(result.standardOutput.contains("error: 'white.png': "))
    #expect(result.standardOutput.contains("there is no file 'missing.png'"))
    #expect(result.standardOutput.contains("'adir' is a folder"))
    #expect(result.standardOutput.contains("'empty.txt' is empty"))
    // No partial or temporary files were left behind.
    let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(left == ["adir", "empty.txt", "notes.txt", "white.png"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("adir").path).isEmpty)
  }

  @Test("an existing file is replaced only by a complete new one")
  func replace() async throws {
    let folder = try Repository.temporaryDirectory("replace")
    let first = try await Binary.run(["--seed", "1"], input: "secret new\nkey save 2fa.txt\n", in: folder)
    #expect(first.status == 0)
    let before = try String(contentsOf: folder.appendingPathComponent("2fa.txt"), encoding: .utf8)
    _ = try await Binary.run(["--seed", "2"], input: "secret new\nkey save 2fa.txt\nkey load 2fa.txt\n", in: folder)
    let after = try String(contentsOf: folder.appendingPathComponent("2fa.txt"), encoding: .utf8)
    #expect(before != after)
    #expect(after.count == 32)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["2fa.txt"])
  }

  func permissions(_ url: URL) throws -> Int {
    try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int ?? -1
  }
}

/// The shell's own `qr` output, as a phone would see it on the screen.
@Suite("qr in the terminal, through the binary")
struct TerminalQREndToEndTests {
  @Test("zbarimg reads the shell's terminal QR code, normal, inverted and ASCII", arguments: [
    ([], false, false), (["--invert"], true, false), ([], false, true), (["--invert"], true, true),
  ])
  func scan(_ options: [String], _ inverted: Bool, _ ascii: Bool) async throws {
    let input = "secret set --text 12345678901234567890\nenroll --account alice@example.com --issuer 'ACME Co'\n"
      + "uri\nqr \(options.joined(separator: " "))\n"
    let environment = ascii ? ["LC_ALL": "C", "LANG": "C"] : ["LC_ALL": "C.UTF-8"]
    let result = try await Binary.run([], input: input, environment: environment)
    #expect(result.status == 0)
    let transcript = result.standardOutput
    let uri = try #require(transcript.split(separator: "\n").first { $0.hasPrefix("otpauth://") })
    let picture = try #require(transcript.components(separatedBy: "otp> qr").last?.split(separator: "\n", maxSplits: 1).last)
    let bitmap = try #require(TerminalPicture.photograph(String(picture), inverted: inverted, ascii: ascii))
    let scanned = try await ZBarImg.scan(bitmap)
    #expect(scanned.standardOutput == uri + "\n")
  }

  /// A library hidden from a session, what the session does, and what it must say and make.
  struct MissingLibrary: Sendable, CustomTestStringConvertible {
    let library: String
    let commands: [String]
    /// The start and end of each error line, in order.
    let errors: [(String, String)]
    /// Files the session still makes, and files it must not make.
    let made: [String], notMade: [String]
    var testDescription: String { library }
  }

  static let missingLibraries: [MissingLibrary] = [
    MissingLibrary(
      library: "libzbar.so.0", commands: ["qr --png totp_qr.png", "app scan totp_qr.png"],
      errors: [(
        "error: 'totp_qr.png': reading QR images needs libzbar, which could not be loaded (",
        "install it (Debian and Ubuntu: apt-get install libzbar0 or libzbar0t64; macOS: brew install zbar)"
      )],
      made: ["totp_qr.png"], notMade: []),
    MissingLibrary(
      library: "libpng16.so.16", commands: ["qr --png totp_qr.png", "qr --svg totp_qr.svg"],
      errors: [(
        "error: writing and reading PNG images needs libpng, which could not be loaded (",
        "install it (Debian and Ubuntu: apt-get install libpng16-16 or libpng16-16t64; macOS: brew install libpng)"
      )],
      made: ["totp_qr.svg"], notMade: ["totp_qr.png"]),
    MissingLibrary(
      library: "libqrencode.so.4", commands: ["qr --png totp_qr.png", "qr --svg totp_qr.svg", "qr"],
      errors: Array(repeating: (
        "error: making QR codes needs libqrencode, which could not be loaded (",
        "install it (Debian and Ubuntu: apt-get install libqrencode4; macOS: brew install qrencode)"
      ), count: 3),
      made: [], notMade: ["totp_qr.png", "totp_qr.svg"]),
  ]

  @Test(
    "without libzbar, libpng or libqrencode (hidden in a mount namespace) what needs it is one line that says to install it; the rest works",
    .enabled(if: getuid() == 0, "binding over a system library needs root (CI runs as root)"),
    arguments: missingLibraries)
  func without(_ missing: MissingLibrary) async throws {
    let folder = try Repository.temporaryDirectory("no-library")
    defer { try? FileManager.default.removeItem(at: folder) }
    let script = (["enroll --account Muhammad --issuer CodingFleet.com"] + missing.commands + ["totp"])
      .joined(separator: "\n") + "\n"
    // Not --plain, so that 'qr' draws the code as it does at a terminal.
    let command = Binary.withoutLibraries(missing.library)
      + ["env", "NO_COLOR=", "LC_ALL=C.UTF-8", Binary.url.path, "--clock", "1767225607"]
    let result = try await Peer.run(command[0], Array(command.dropFirst()), input: script, currentDirectory: folder)
    #expect(result.status == 1, "a piped session with a failed command exits 1: \(result.standardError)")
    let errors = result.lines.filter { $0.hasPrefix("error:") }
    #expect(errors.count == missing.errors.count, "\(result.standardOutput)")
    for (error, (start, end)) in zip(errors, missing.errors) {
      #expect(error.hasPrefix(start) && error.hasSuffix(end), "\(error)")
    }
    for file in missing.made {
      #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path), "\(file) not made")
    }
    for file in missing.notMade {
      #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path), "\(file) made")
    }
    // The session carried on after the error: the code is the one oathtool gives.
    let code = try await Peer.output("oathtool", ["--totp", "--base32", "--now=2026-01-01 00:00:07 UTC", try secret(in: result)])
    #expect(result.lines.contains { $0.contains(code.trimmingCharacters(in: .whitespacesAndNewlines)) }, "\(result.standardOutput)")
  }

  /// The base32 secret an `enroll` printed.
  private func secret(in output: Peer.Output) throws -> String {
    let line = try #require(output.lines.first { $0.hasPrefix("secret: ") })
    return String(line.dropFirst("secret: ".count).prefix { $0 != " " })
  }
}
