import Foundation

#if FUZZING
// libFuzzer calls this for every input; OTP_FUZZ_TARGET picks the parser.
private let target = FuzzTarget(rawValue: ProcessInfo.processInfo.environment["OTP_FUZZ_TARGET"] ?? "") ?? .command

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
  target.run(Array(UnsafeRawBufferPointer(start: data, count: count)))
  return 0
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
