import QR
import Testing

@Suite struct ErrorCorrectionTests {
  @Test("the letters are the QR specification's L, M, Q and H")
  func letters() {
    #expect(ErrorCorrection.allCases.map(\.rawValue) == ["L", "M", "Q", "H"])
  }

  @Test("init(letter:) takes each letter in either case", arguments: ErrorCorrection.allCases)
  func parsesLetters(level: ErrorCorrection) {
    #expect(ErrorCorrection(letter: level.rawValue) == level)
    #expect(ErrorCorrection(letter: level.rawValue.lowercased()) == level)
  }

  @Test("init(letter:) refuses anything else", arguments: ["", "x", "LL", " l", "low", "7%", "m "])
  func refusesOthers(text: String) {
    #expect(ErrorCorrection(letter: text) == nil)
  }

  @Test("maximumBytes are the version 40 byte-mode capacities of ISO/IEC 18004 table 7")
  func capacities() {
    #expect(ErrorCorrection.allCases.map(\.maximumBytes) == [2953, 2331, 1663, 1273])
  }
}
