import Render
import Testing

@Suite("Highlighting only ever adds colour")
struct HighlightPropertyTests {
    static let languages = [
        "sh", "console", "dockerfile", "python", "js", "ts", "json", "yaml", "toml", "go", "rust", "c", "cpp",
        "java", "kotlin", "swift", "sql", "plpgsql", "diff", "html", "css", "scss",
    ]

    /// Lines that end in the middle of things.
    static let samples = [
        "", " ", "\t", "\\", "\"", "'", "`", "/", "*", "#", "$", "<", "<<", "<<-", "<<'", "@@", "---", "+++",
        "\"unterminated \\", "'it\\'s", "`tpl ${", "/* open", "*/ close", "<!-- open", "-->", "r#\"raw", "\"#",
        "R\"x(raw", ")x\"", "\"\"\"", "'''", "$$", "$tag$", "#!/bin/sh", "#![x]", "#\"", "'a", "b'", "'\\u{1F600}'",
        "é", "e\u{301}", "😀 \"😀\" '😀' `😀` // 😀", "日本語 = 1 # 注释", "x\u{0}y", "\u{7F}", "\u{200B}\u{FEFF}",
        "a\r", "\r\n", "tab\there\t", "trailing   ", "\u{FFFD}", "key: |", "- a: >-", "[t]", "[[a.b]]", "x = [",
        "<a href=\"x", "<script>", "</script>", "<![CDATA[", "&amp", "&#x26;", "url(", "@media (", "#fff", "!important",
        "$((1<<2))", "${a:-b}", "$'\\n'", "cat <<\\EOF", "EOF", "\\$x", "1'000", "0x", "1e", "1.", ".5", "..", "1..=2",
        "'\\", "\"\\", "`\\", "@", "@1", ":a", "::", "&", "*", "!", "~", "|", ">", "%", "$ ", "# ", "% ", "> ",
    ]

    /// Pieces random lines are made of.
    static let pieces = [
        " ", " ", "\t", "\"", "'", "`", "/", "*", "\\", "#", "<<", "<<-", "<<'", "EOF", "$", "${", "$(", "{", "}",
        "(", ")", "[", "]", "<", ">", "!", "-", "--", "+", "@", "@@", "=", ":", ";", ",", ".", "0", "1.5e3", "0x1F",
        "a", "if", "def", "fn", "for", "done", "é", "😀", "日本", "e\u{301}", "r#\"", "\"#", "\"\"\"", "'''",
        "<!--", "-->", "/*", "*/", "|", "&", "%", "~", "_", "r\"", "R\"x(", ")x\"", "$$", "...", "---", "\r",
        "#[", "#\"", "b'", "'a", "&amp;", "<a ", "/>", "url(", "- ", "key: ", "[t]", "x = ", "\\(", "\u{0}",
        "$ ", "> ", "<script>", "</script>", "\u{200B}", "\u{FEFF}",
    ]

    static func randomLine(_ generator: inout SeededGenerator) -> String {
        let length = Int.random(in: 0...40, using: &generator)
        var line = ""
        for _ in 0..<length { line += pieces.randomElement(using: &generator) ?? "" }
        return line
    }

    func check(_ language: String, _ lines: [String], _ context: String) {
        guard let output = highlight(language, lines) else {
            Issue.record("no highlighter for \(language)")
            return
        }
        #expect(output.count == lines.count)
        for (line, highlighted) in zip(lines, output) {
            let stripped = stripSGR(highlighted)
            #expect(stripped.text == Array(line.utf8), "\(context): \(language) changed \(line.debugDescription)")
            #expect(
                stripped.problems.isEmpty,
                "\(context): \(language): \(stripped.problems) in \(describe(highlighted).debugDescription)")
        }
    }

    @Test(arguments: languages)
    func fixedSamplesComeBackExactly(_ language: String) {
        check(language, Self.samples, "samples in a row")
        for sample in Self.samples { check(language, [sample, sample], "sample twice") }
    }

    @Test(arguments: languages)
    func randomLinesComeBackExactly(_ language: String) {
        for seed in UInt64(1)...500 {
            var generator = SeededGenerator(seed: seed)
            let lines = (0..<12).map { _ in Self.randomLine(&generator) }
            check(language, lines, "seed \(seed)")
        }
    }

    @Test(arguments: languages)
    func veryLongLinesComeBackExactly(_ language: String) {
        var generator = SeededGenerator(seed: 42)
        var line = ""
        while line.utf8.count < 100_000 { line += Self.pieces.randomElement(using: &generator) ?? "" }
        let plain = String(repeating: "word ", count: 20_000)
        let quote = "\"" + String(repeating: "\\\"", count: 20_000)
        check(language, [line, plain, quote, line], "long lines")
        // Shapes that would cost the square of the length if a scan were retried at every byte.
        let retries = ["/[", "'\\", "<<'", "$'", "${", "#[", "r#", "<!", "<a ", "@media ", "- ", "&", "`", "\"(", ": "]
        check(language, retries.map { String(repeating: $0, count: 20_000) }, "repeated openers")
    }

    @Test(arguments: [
        ("\u{1B}[35mx", "a colour left on"), ("\u{1B}[38;5;1mx\u{1B}[0m", "a 256-colour code"),
        ("\u{1B}]0;title\u{7}", "a title sequence"), ("\u{1B}[2Jx", "a screen clear"), ("x\u{1B}", "a lone ESC"),
    ])
    func theCheckerCatchesWhatItLooksFor(_ line: String, _ problem: String) {
        #expect(!stripSGR(line).problems.isEmpty, "missed \(problem)")
    }

    @Test func theCheckerPassesGoodLines() {
        let checked = stripSGR("\u{1B}[1;34mx\u{1B}[0;32my\u{1B}[0m z")
        #expect(checked.problems.isEmpty)
        #expect(checked.text == Array("xy z".utf8))
    }

    @Test func plainTextGetsNoColourAtAll() throws {
        let output = try #require(highlight("console", ["total 8", "drwxr-xr-x 2 user"]))
        #expect(output == ["total 8", "drwxr-xr-x 2 user"])
        let blank = try #require(highlight("python", ["", "   ", "\t"]))
        #expect(blank == ["", "   ", "\t"])
    }
}
