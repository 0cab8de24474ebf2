import CPNG
import CQREncode
import CZBar

/// A C library that QR codes need, opened (`dlopen`) the first time it is used.
///
/// None of them is loaded when the program starts: a session that never draws a QR code or
/// reads an image never loads them, and a machine without one of them runs everything else.
public enum QRLibrary: String, Sendable, Equatable, CaseIterable {
  /// libqrencode, which makes the QR code symbols.
  case qrencode = "libqrencode"
  /// libpng, which writes and reads PNG images.
  case png = "libpng"
  /// libzbar, which finds QR codes in images.
  case zbar = "libzbar"

  /// What the library is needed for, as the start of a sentence.
  var purpose: String {
    switch self {
    case .qrencode: "making QR codes"
    case .png: "writing and reading PNG images"
    case .zbar: "reading QR images"
    }
  }

  /// How to install it: the Debian and Ubuntu package (renamed with `t64` in Debian 13 and
  /// Ubuntu 24.04 for some), and the Homebrew formula.
  var installation: String {
    switch self {
    case .qrencode: "Debian and Ubuntu: apt-get install libqrencode4; macOS: brew install qrencode"
    case .png: "Debian and Ubuntu: apt-get install libpng16-16 or libpng16-16t64; macOS: brew install libpng"
    case .zbar: "Debian and Ubuntu: apt-get install libzbar0 or libzbar0t64; macOS: brew install zbar"
    }
  }

  /// The files the loader is asked for, in turn: the soname the library has had for years; on
  /// macOS, where Homebrew puts it on Apple silicon and on Intel, then the loader's own search.
  var files: [String] {
    #if canImport(Darwin)
      let name =
        switch self {
        case .qrencode: "libqrencode.4.dylib"
        case .png: "libpng16.16.dylib"
        case .zbar: "libzbar.0.dylib"
        }
      return ["/opt/homebrew/lib/" + name, "/usr/local/lib/" + name, name]
    #else
      switch self {
      case .qrencode: return ["libqrencode.so.4"]
      case .png: return ["libpng16.so.16"]
      case .zbar: return ["libzbar.so.0"]
      }
    #endif
  }
}

/// The functions of each library, looked up once, on first use; or why they could not be.
enum LoadedLibrary {
  static let qrencode = load(.qrencode, into: cqr_api()) { cqr_load(&$0, $1) }
  static let png = load(.png, into: cpng_api()) { cpng_load(&$0, $1) }
  static let zbar = load(.zbar, into: czbar_api()) { czbar_load(&$0, $1) }

  /// Runs a shim's loader on each of the library's files in turn until one fills the table of
  /// function pointers (the loader returns `NULL`); else fails with the first file's message.
  private static func load<Functions>(
    _ library: QRLibrary, into empty: Functions,
    _ loader: (inout Functions, _ file: String) -> UnsafePointer<CChar>?
  ) -> Result<Functions, QRError> {
    var firstFailure: String?
    for file in library.files {
      var functions = empty
      guard let failure = loader(&functions, file) else { return .success(functions) }
      firstFailure = firstFailure ?? String(cString: failure)
    }
    return .failure(.libraryUnavailable(library, reason: firstFailure ?? "no file to load"))
  }
}
