import Testing

@testable import Render

@Suite("Code lines copy exactly: SGR stripped gives back the model's bytes")
struct CodeCopyTests {
    /// Lines that look like Markdown, or are awkward, inside code.
    static let awkwardLines = [
        "# not a heading", "- not a list", "1. not a list", "> not a quote", "| not | a | table |", "|---|---|",
        "**not bold** _nor_ `code` [nor](link) <https://nor.autolink>", "---", "***", "    four spaces",
        "\tone tab", "\t\ttwo tabs\tand\tinner", "trailing spaces   ", "trailing tab\t", "", "   ", "~~~",
        "```not closing```", "漢字 かな 한글", "emoji 👍🏽 👨‍👩‍👧 🇫🇷", "e\u{301} combining", "\\*escaped\\*", "a\u{A0}nbsp",
        "  def f(x):  # comment", "print('it''s')",
    ]

    /// The rendered lines of a reply that has no table, one for each source line.
    func renderedLines(_ reply: String, seed: UInt64, highlighted: Bool) -> [String] {
        committedLines(render(randomPieces(reply, seed: seed), width: 37, highlighted: highlighted))
    }

    /// Checks every code line of the reply, found with the same fences as `CodeBlocks`.
    func checkCodeLines(_ reply: String, seed: UInt64) {
        let source = CodeBlocks.lines(of: reply)
        for highlighted in [false, true] {
            let rendered = renderedLines(reply, seed: seed, highlighted: highlighted)
            #expect(rendered.count == source.count - (reply.utf8.last == 0x0A ? 1 : 0), "seed \(seed)")
            var fence: Fence?
            for (index, line) in source.enumerated() where index < rendered.count {
                if let open = fence {
                    if open.isClosed(by: line) {
                        fence = nil
                        continue
                    }
                    let copied = SGR.stripped(rendered[index])
                    #expect(copied == String(line), "seed \(seed), line \(index): \(visible(rendered[index]))")
                    // Nothing but SGR was added.
                    #expect(!copied.contains("\u{1B}"), "seed \(seed)")
                } else {
                    fence = Fence(opening: line)
                }
            }
        }
    }

    @Test func fixtureLikeReplies() {
        let block = CodeCopyTests.awkwardLines.joined(separator: "\n")
        let replies = [
            "Intro *text*.\n\n```python\n\(block)\n```\n\nAfter.\n",
            "~~~~\n\(block)\n```\n~~~~\n- a list\n\n```\n\(block)\n",
            "```bash\n\(block)\n```",
            Fixtures.code,
        ]
        for (number, reply) in replies.enumerated() {
            for seed in UInt64(1)...5 { checkCodeLines(reply, seed: seed * 31 + UInt64(number)) }
        }
    }

    @Test(arguments: UInt64(1)...40)
    func randomCode(_ seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let pieces = [
            "a", "Z", "0", " ", "  ", "\t", "é", "漢", "👍", "e\u{301}", "#", "-", "*", "_", "`", "~", "|", "[", "]", "(",
            ")", "<", ">", "'", "\\", "def ", "return ", "**x**", "- item", "# head", "| a | b |", "```", "~~~",
            "\u{A0}",
        ]
        let fence = "`````"
        var lines: [String] = []
        for _ in 0..<Int.random(in: 1...30, using: &generator) {
            var line = ""
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                line += pieces.randomElement(using: &generator) ?? ""
            }
            if Bool.random(using: &generator) {
                line += String(repeating: " ", count: Int.random(in: 1...3, using: &generator))
            }
            // A line of five backticks or more would close the block: that is not code.
            if Fence(opening: fence[...])?.isClosed(by: line[...]) == true { continue }
            lines.append(line)
        }
        let language = ["python", "", "sh", "c++"].randomElement(using: &generator) ?? ""
        let reply = "Some text\n\(fence)\(language)\n" + lines.joined(separator: "\n") + "\n\(fence)\nafter\n"
        checkCodeLines(reply, seed: seed)
        #expect(
            CodeBlocks.extract(from: reply) == [CodeBlock(language: language, content: lines.joined(separator: "\n"))])
    }
}

@Suite("What the renderer asks of a highlighter")
struct HighlighterContractTests {
    /// A highlighter that breaks the rules: it changes the text, or leaves its colour on.
    struct Careless: LineHighlighting {
        var changesText: Bool

        mutating func highlight(_ line: Substring) -> String {
            changesText ? "  " + line.uppercased() : "\u{1B}[31m" + line
        }
    }

    @Test func codeStaysExactAndColoursEndWithTheLine() {
        for changesText in [true, false] {
            var renderer = MarkdownRenderer(style: colored, width: 80, height: 24) { _ in
                Careless(changesText: changesText)
            }
            let out = renderer.feed("```x\nlet a = 1\n```\nafter\n") + renderer.finish()
            let lines = committedLines(out)
            guard lines.count == 4 else {
                Issue.record("lines: \(lines.map(visible))")
                continue
            }
            #expect(SGR.stripped(lines[1]) == "let a = 1")
            #expect(lines[1] == (changesText ? "let a = 1" : "\u{1B}[31mlet a = 1\u{1B}[0m"))
            #expect(lines[3] == "after")
        }
    }

    @Test func theRealHighlighterColoursCodeAndItStillCopiesExactly() {
        let source = "def f(x):\n    return \"s\"  # note\n\tindented\ttabs"
        var renderer = MarkdownRenderer(style: colored, width: 80)
        let out = renderer.feed("```python\n" + source + "\n```\n") + renderer.finish()
        #expect(out.contains("\u{1B}[35mdef"))
        let lines = SGR.stripped(out).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(lines[1...3]) == source.split(separator: "\n").map(String.init))
    }
}
