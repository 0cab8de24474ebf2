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

  /// How to install it: the Debian and Ubuntu package, and the Homebrew formula.
  var installation: String {
    switch self {
    case .qrencode: "Debian and Ubuntu: apt-get install libqrencode4; macOS: brew install qrencode"
    case .png: "Debian and Ubuntu: apt-get install libpng16-16; macOS: brew install libpng"
    case .zbar: "Debian and Ubuntu: apt-get install libzbar0; macOS: brew install zbar"
    }
  }
}

/// The functions of each library, looked up once, on first use; or why they could not be.
enum LoadedLibrary {
  static let qrencode = load(.qrencode, into: cqr_api()) { cqr_load(&$0) }
  static let png = load(.png, into: cpng_api()) { cpng_load(&$0) }
  static let zbar = load(.zbar, into: czbar_api()) { czbar_load(&$0) }

  /// Runs a shim's loader, which fills a table of function pointers and returns `NULL`, or
  /// returns the loader's message.
  private static func load<Functions>(
    _ library: QRLibrary, into functions: Functions,
    _ loader: (inout Functions) -> UnsafePointer<CChar>?
  ) -> Result<Functions, QRError> {
    var functions = functions
    if let failure = loader(&functions) {
      return .failure(.libraryUnavailable(library, reason: String(cString: failure)))
    }
    return .success(functions)
  }
}
