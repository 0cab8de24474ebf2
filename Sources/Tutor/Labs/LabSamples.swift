#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

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
      candidates.append(Path.join(Path.folder(of: lessonFolder), "Examples/labs"))
    }
    let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    var folder = Path.folder(of: executable)
    while folder != "/" && !folder.isEmpty {
      if FileManager.default.fileExists(atPath: Path.join(folder, "Package.swift")) {
        candidates.append(Path.join(folder, "Examples/labs"))
        break
      }
      folder = Path.folder(of: folder)
    }
    let prefix = Path.folder(of: Path.folder(of: executable))
    candidates.append(Path.join(prefix, "share/otp-tutor/Examples/labs"))
    return candidates.first(where: Path.isDirectory)
  }

  /// The sample files' names, sorted.
  static func names(in folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
      .filter { $0.hasSuffix(".py") && !$0.hasPrefix(".") }.sorted()
  }
}
