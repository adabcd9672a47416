import Render
import Testing

@Suite("Random Markdown-like replies")
struct FuzzTests {
    static let fragments = [
        "word ", "more words ", "\n", "\n", "\n\n", "\r\n", "# ", "## ", "- ", "  - ", "1. ", "- [ ] ", "- [x] ", "> ",
        "> > ", "---", "***", "```", "```python", "~~~", "````", "|", " | ", "|---|", ":--", "--:", "**", "*", "_",
        "~~",
        "`", "``", "[", "]", "](", "(", ")", "<", ">", "<https://x.io>", "https://y.io/a_b", "\\", "\\|", "\t", "漢字",
        "👍", "e\u{301}", "\u{1B}[31m", "\u{9B}", "\u{202E}", "\r", "    ",
    ]

    @Test(arguments: UInt64(1)...60)
    func nothingBreaksAndSplitsChangeNothing(_ seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        var reply = ""
        for _ in 0..<Int.random(in: 1...200, using: &generator) {
            reply += FuzzTests.fragments.randomElement(using: &generator) ?? ""
        }
        let width = Int.random(in: 5...60, using: &generator)
        let style = Bool.random(using: &generator) ? linked : colored
        let whole = render([reply], style: style, width: width, highlighted: true)
        let streamed = render(randomPieces(reply, seed: seed), style: style, width: width, highlighted: true)
        let context = "seed \(seed), width \(width): \(visible(reply))"
        #expect(OutputAudit.violations(in: streamed).isEmpty, "\(context)")
        let lines = firstDifference(committedLines(streamed), committedLines(whole))
        #expect(lines == nil, "\(context): \(lines ?? "")")
        var expected = VirtualTerminal(width: width)
        expected.feed(whole)
        var actual = VirtualTerminal(width: width)
        actual.feed(streamed)
        #expect(actual.problems.isEmpty, "\(context): \(actual.problems)")
        let rows = firstDifference(actual.styledLines, expected.styledLines)
        #expect(rows == nil, "\(context): \(rows ?? "")")
        let plain = render(randomPieces(reply, seed: seed), style: .plain, width: width)
        #expect(plain == SafeText.neutralized(reply) + (reply.utf8.last == 0x0A || reply.isEmpty ? "" : "\n"))
    }
}
