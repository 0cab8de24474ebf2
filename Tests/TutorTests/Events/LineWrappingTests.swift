import Testing

@testable import Tutor

/// Long lines at a terminal: broken between words at the window's width by the ``Renderer``,
/// going on at the line's hanging indent; pipes and transcripts keep them whole.
@Suite("Line wrapping")
struct LineWrappingTests {
  /// A terminal `columns` wide: lines are broken at `columns - 1`.
  private func terminal(_ columns: Int, color: Bool = false) -> Renderer {
    Renderer.terminal(style: color ? Style(usesColor: true) : .plain, usesUnicode: true, columns: { columns })
  }

  private func line(_ line: Line, first: Line = "", rest: String) -> Line {
    var whole = first + line
    whole.hangingIndent = rest.count
    return whole
  }

  @Test("words move to the next line, at the hanging indent; colour stays with its text; a long word stays whole")
  func wraps() {
    let sentence = line(
      "the key is \(bad: "only 40 bits"): RFC 4226 §4 asks for 128 at least and recommends 160", first: "  FAIL  ",
      rest: "        ")
    #expect(
      terminal(31).render(.line(sentence)) == """
          FAIL  the key is only 40
                bits: RFC 4226 §4 asks
                for 128 at least and
                recommends 160

        """)
    let coloured = terminal(31, color: true).render(.line(sentence))
    #expect(coloured.contains("\u{1B}[") && coloured.contains("only 40\n"))
    let long = line("decodes to otpauth://totp/CodingFleet.com:Muhammad?secret=JBSWY3DPEHPK3PXP", rest: "  ")
    #expect(
      terminal(41).render(.line(long)) == "decodes to\n  otpauth://totp/CodingFleet.com:Muhammad?secret=JBSWY3DPEHPK3PXP\n")
  }

  @Test("a short line is one line; without a width (a pipe, a transcript) a long one is too")
  func short() {
    #expect(terminal(80).render(.line(line("  window: accepts", rest: "    "))) == "  window: accepts\n")
    let long = line(Line(String(repeating: "word ", count: 40)), rest: "  ")
    #expect(Renderer.plain().render(.line(long)).split(separator: "\n").count == 1)
  }

  @Test("without a hanging indent, a line goes on under its last column or list marker")
  func layout() {
    #expect(
      terminal(41).render(.line("  attack   guess codes, replay one seen over a shoulder"))
        == "  attack   guess codes, replay one seen\n           over a shoulder\n")
    #expect(
      terminal(41).render(.line("  1. a password stolen in another site's leak")) == "  1. a password stolen in another site's\n     leak\n")
    // A narrow window keeps 20 columns for the text: the indent gives way.
    #expect(terminal(21).render(.line("  attack   guess codes, replay one")) == "  attack   guess\n  codes, replay one\n")
  }
}
