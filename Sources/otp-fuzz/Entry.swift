import Foundation

#if FUZZING
/// libFuzzer's driver, linked in by `-sanitize=fuzzer`.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Under `make fuzz`: libFuzzer feeds inputs to the parser OTP_FUZZ_TARGET names.
@main
enum Fuzz {
  static func main() {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(runDriver(&argc, &argv) { data, count in
      let target = FuzzTarget(rawValue: ProcessInfo.processInfo.environment["OTP_FUZZ_TARGET"] ?? "") ?? .command
      target.run(data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? [])
      return 0
    })
  }
}
#else
/// `otp-fuzz <target> <file or folder>…`: replays a corpus, so that every input once found stays fixed.
@main
enum Replay {
  static func main() {
    let arguments = CommandLine.arguments.dropFirst()
    guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
      FileHandle.standardError.write(
        Data("usage: otp-fuzz <\(FuzzTarget.allCases.map(\.rawValue).joined(separator: "|"))> <file or folder>…\n".utf8))
      exit(2)
    }
    var count = 0
    for path in arguments.dropFirst() {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
      let files =
        isDirectory.boolValue
        ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 } : [path]
      for file in files {
        guard let data = FileManager.default.contents(atPath: file) else { continue }
        target.run(Array(data))
        count += 1
      }
    }
    print("otp-fuzz \(target.rawValue): \(count) inputs replayed, all properties held")
  }
}
#endif
