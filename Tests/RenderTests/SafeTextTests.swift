import Render
import Testing

@Suite("Neutralising text from outside")
struct SafeTextTests {
    @Test(arguments: [
        ("plain text", "plain text"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("\u{1B}[31mred", "^[[31mred"),
        ("bell\u{07}", "bell^G"),
        ("nul\u{0}", "nul^@"),
        ("del\u{7F}", "del^?"),
        ("crlf\r\nline", "crlf\nline"),
        ("lone\rcr", "lone^Mcr"),
        ("end\r", "end^M"),
        ("c1\u{9B}x\u{80}\u{9F}", "c1<U+009B>x<U+0080><U+009F>"),
        ("bidi\u{202A}\u{202E}\u{2066}\u{2069}", "bidi<U+202A><U+202E><U+2066><U+2069>"),
        ("marks\u{200E}\u{200F} stay", "marks\u{200E}\u{200F} stay"),
        ("latin é ü \u{A0} and € ‘quotes’ “” — 漢字 👍🏽", "latin é ü \u{A0} and € ‘quotes’ “” — 漢字 👍🏽"),
        ("\u{2028}\u{202F}\u{2065}\u{206A}", "\u{2028}\u{202F}\u{2065}\u{206A}"),
    ])
    func showsEveryControl(_ input: String, _ expected: String) {
        #expect(SafeText.neutralized(input) == expected)
        #expect(SafeText.neutralized(("<" + input + ">").dropFirst().dropLast()) == expected)
    }

    @Test func everyScalarThatNeedsShowingIsShown() {
        let dangerous = Array(0x00...0x1F) + Array(0x7F...0x9F) + Array(0x202A...0x202E) + Array(0x2066...0x2069)
        for value in dangerous where value != 0x0A && value != 0x09 {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            let shown = SafeText.neutralized("a" + String(Character(scalar)) + "b")
            #expect(!shown.unicodeScalars.contains(scalar), "U+\(String(value, radix: 16))")
            #expect(shown.hasPrefix("a") && shown.hasSuffix("b"))
        }
    }
}

@Suite("Display width")
struct DisplayWidthTests {
    @Test(arguments: [
        ("", 0), ("abc", 3), ("é", 1), ("e\u{301}", 1), ("漢字", 4), ("한글", 4), ("ｶﾀｶﾅ", 4), ("ＡＢ", 4), ("👍", 2),
        ("👍🏽", 4), ("❤️", 1), ("🇫🇷", 2), ("a\u{200B}b", 2), ("\u{200D}", 0), ("\u{FE0F}", 0), ("\t\u{1B}", 0),
        ("─│┌", 3), ("☐☑", 2), ("。、", 4), ("\u{1100}\u{1161}", 2),
    ])
    func countsColumns(_ text: String, _ columns: Int) {
        #expect(DisplayWidth.columns(text[...]) == columns)
    }
}
