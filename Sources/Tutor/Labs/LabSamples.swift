import Foundation

/// The sample programs in `Examples/labs/`, which `lab samples` copies into the learner's
/// folder: the tutorial's four programs written for this project, a weak and a hardened login
/// checker, and three HOTP implementations for `lab kat`.
enum LabSamples {
  /// The folder holding the samples: `$OTP_TUTOR_LABS`, the lessons folder's
  /// `../Examples/labs`, the checkout's (when the program runs from one), or
  /// `PREFIX/share/otp-tutor/Examples/labs`.
  static func folder(environment: [String: String], lessonFolder: String?) -> String? {
    var candidates: [String] = []
    if let explicit = environment["OTP_TUTOR_LABS"], !explicit.isEmpty { candidates.append(explicit) }
    if let lessonFolder {
      candidates.append(((lessonFolder as NSString).deletingLastPathComponent as NSString).appendingPathComponent("Examples/labs"))
    }
    let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    var folder = (executable as NSString).deletingLastPathComponent
    while folder != "/" && !folder.isEmpty {
      if FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("Package.swift")) {
        candidates.append((folder as NSString).appendingPathComponent("Examples/labs"))
        break
      }
      folder = (folder as NSString).deletingLastPathComponent
    }
    let prefix = ((executable as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
    candidates.append((prefix as NSString).appendingPathComponent("share/otp-tutor/Examples/labs"))
    var isDirectory: ObjCBool = false
    return candidates.first { FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && isDirectory.boolValue }
  }

  /// The sample files' names, sorted.
  static func names(in folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
      .filter { $0.hasSuffix(".py") && !$0.hasPrefix(".") }.sorted()
  }
}
