import QR
import Testing

@Suite struct QRErrorTests {
  static let errors: [QRError] = [
    .emptyText, .tooLong(bytes: 3000, errorCorrection: .high), .encodingFailed("out of memory"),
    .invalidScale(0), .invalidMargin(33), .pngEncodingFailed("boom"), .notPNG, .unreadableImage("Read Error"),
    .noQRCode, .decodingFailed("boom"),
  ] + QRLibrary.allCases.map { .libraryUnavailable($0, reason: "libfoo.so: cannot open shared object file") }

  @Test("every message is one line: what was wrong; what to do", arguments: errors)
  func messages(error: QRError) {
    let message = error.description
    #expect(message.count > 40)
    #expect(!message.contains("\n"))
    #expect(message.contains("; "))
    #expect(message.first?.isLowercase == true)
  }

  @Test("tooLong names the size, the level, its capacity and the remedies")
  func tooLong() {
    let message = QRError.tooLong(bytes: 3000, errorCorrection: .high).description
    for part in ["3000 bytes", "error correction H", "1273 bytes", "lower error correction", "shorter text"] {
      #expect(message.contains(part), "\(part)")
    }
  }

  @Test("a library that could not be loaded: what needed it, the loader's reason, and the packages to install")
  func libraryUnavailable() throws {
    let expected: [QRLibrary: [String]] = [
      .qrencode: ["making QR codes needs libqrencode", "apt-get install libqrencode4", "brew install qrencode"],
      .png: ["PNG images needs libpng", "apt-get install libpng16-16 or libpng16-16t64", "brew install libpng"],
      .zbar: ["reading QR images needs libzbar", "apt-get install libzbar0 or libzbar0t64", "brew install zbar"],
    ]
    for library in QRLibrary.allCases {
      let message = QRError.libraryUnavailable(library, reason: "file too short").description
      for part in try #require(expected[library], "no expectation for \(library)") + ["(file too short)"] {
        #expect(message.contains(part), "\(library): \(message)")
      }
    }
  }

  @Test("invalid renderer settings give the value and the range")
  func settings() {
    #expect(QRError.invalidScale(65).description.contains("65"))
    #expect(QRError.invalidScale(65).description.contains("1 to 64"))
    #expect(QRError.invalidMargin(-1).description.contains("-1"))
    #expect(QRError.invalidMargin(-1).description.contains("0 to 32"))
  }
}
