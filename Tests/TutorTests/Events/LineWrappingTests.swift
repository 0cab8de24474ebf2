import Testing

@testable import Tutor

/// ``Line/wrapped(width:first:rest:)``: the shell's own long sentences broken at spaces.
@Suite("Line wrapping")
struct LineWrappingTests {
  @Test("words move to the next line, indented; roles stay with their text; a long word stays whole")
  func wraps() {
    let line: Line = "the key is \(bad: "only 40 bits"): RFC 4226 §4 asks for 128 at least and recommends 160"
    let lines = line.wrapped(width: 30, first: "  FAIL  ", rest: "        ")
    #expect(
      lines.map(\.text) == [
        "  FAIL  the key is only 40", "        bits: RFC 4226 §4 asks", "        for 128 at least and",
        "        recommends 160",
      ])
    #expect(lines.allSatisfy { $0.text.count <= 30 })
    #expect(lines[0].spans.contains { $0.role == .bad && $0.text == "only" })
    let long = Line("decodes to otpauth://totp/CodingFleet.com:Muhammad?secret=JBSWY3DPEHPK3PXP").wrapped(
      width: 20, rest: "  ")
    #expect(long.map(\.text) == ["decodes to", "  otpauth://totp/CodingFleet.com:Muhammad?secret=JBSWY3DPEHPK3PXP"])
  }

  @Test("leading spaces are kept; a short line is one line")
  func short() {
    #expect(Line("  window: accepts").wrapped(rest: "    ").map(\.text) == ["  window: accepts"])
  }
}
