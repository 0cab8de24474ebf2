public import Foundation

/// Paths in this checkout, for tests that drive the built program or read its files.
public enum Repository {
  /// The checkout's root: the folder holding `Package.swift`.
  public static let root: URL = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
      url.deleteLastPathComponent()
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        return url
      }
    }
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
  }()

  /// A new empty folder under the system's temporary folder.
  public static func temporaryDirectory(_ name: String = "otp-tutor-test") throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
