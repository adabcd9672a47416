import Render
import Testing

@Suite("An open line that wraps, and a resize while it is open")
struct ResizeTests {
    struct Resize: Sendable, CustomTestStringConvertible {
        var before: Int
        var after: Int
        var testDescription: String { "\(before) → \(after) columns" }
    }

    static let line =
        "The **open line** wraps over several rows: 漢字 and e\u{301}mojis 👍 and `code` and more words to wrap it"

    @Test(arguments: [
        Resize(before: 20, after: 30), Resize(before: 40, after: 15), Resize(before: 9, after: 80),
        Resize(before: 80, after: 9), Resize(before: 50, after: 51),
    ])
    func aWrappedLineIsFinishedAsShownOnceAndNothingAboveIsCleared(_ resize: Resize) {
        for reflows in [true, false] {
            for seed in UInt64(1)...8 {
                var renderer = MarkdownRenderer(style: colored, width: resize.before, height: 24)
                var screen = VirtualTerminal(width: resize.before, height: 24, reflows: reflows)
                screen.feed(renderer.feed("*Before.*\n"))
                for piece in randomPieces(ResizeTests.line, seed: seed) { screen.feed(renderer.feed(piece)) }
                screen.resize(width: resize.after)
                screen.feed(renderer.setWidth(resize.after))
                screen.feed(renderer.feed(" **done**\nAfter *this*.\n"))
                screen.feed(renderer.finish())
                #expect(screen.problems.isEmpty)
                let context = "seed \(seed), reflows \(reflows)"
                // The line above is intact and styled, and so is the line after.
                #expect(screen.styledLines.first == "B{3|}e{3|}f{3|}o{3|}r{3|}e{3|}.{3|}", "\(context)")
                #expect(screen.logicalLines.last == "After this.", "\(context)")
                #expect(screen.styledLines.contains { $0.hasPrefix("A{|}f{|}t{|}e{|}r{|}") }, "\(context)")
                if reflows {
                    // The raw line, once: a terminal that wraps rows again shows all of it.
                    #expect(
                        screen.logicalLines == ["Before.", ResizeTests.line + " **done**", "After this."], "\(context)")
                }
            }
        }
    }

    @Test(arguments: [Resize(before: 80, after: 30), Resize(before: 30, after: 80), Resize(before: 40, after: 25)])
    func aLineOnOneRowIsStillStyledAfterAResize(_ resize: Resize) {
        for reflows in [true, false] {
            var renderer = MarkdownRenderer(style: colored, width: resize.before, height: 24)
            var screen = VirtualTerminal(width: resize.before, height: 24, reflows: reflows)
            screen.feed(renderer.feed("Before.\nShort **open"))
            screen.resize(width: resize.after)
            screen.feed(renderer.setWidth(resize.after))
            screen.feed(renderer.feed("** line that may now wrap\n") + renderer.finish())
            var expected = VirtualTerminal(width: resize.after, height: 24)
            expected.feed(render(["Before.\nShort **open** line that may now wrap\n"], width: resize.after))
            let difference = firstDifference(screen.styledLines, expected.styledLines)
            #expect(difference == nil, "reflows \(reflows): \(difference ?? "")")
        }
    }

    @Test func rewritingAfterAResizeWouldHaveLeftACopyInTmux() {
        // What the renderer avoids: the start of the line is pushed above the screen by the resize.
        var screen = VirtualTerminal(width: 20, height: 24)
        screen.feed(String(repeating: "x", count: 30))
        screen.resize(width: 10)
        screen.feed("\r\u{1B}[2A\u{1B}[Jrewritten\n")
        #expect(screen.lines == ["xxxxxxxxxx", "rewritten"])
    }

    @Test func aResizeWithNothingOpenWritesNothing() {
        var renderer = MarkdownRenderer(style: colored, width: 80)
        _ = renderer.feed("done\n")
        #expect(renderer.setWidth(20) == "")
        #expect(renderer.feed("x\n") == "x\n")
    }

    @Test func rowsCountWideCharactersAndTheLastColumn() {
        // Exactly the width: still one row, so no ESC[A; one more column: two rows.
        for (text, up) in [("1234567890", ""), ("12345678901", "⎋[1A"), ("漢字漢字漢", ""), ("123456789漢", "⎋[1A")] {
            var renderer = MarkdownRenderer(style: colored, width: 10)
            _ = renderer.feed("*" + text.dropFirst())
            let out = renderer.feed("*\n")
            #expect(visible(out).hasPrefix(visible(golden("\r" + up + "⎋[J"))), "\(text): \(visible(out))")
        }
    }

    @Test func aLineTallerThanTheScreenIsLeftAsShown() {
        let long = String(repeating: "word **bold** ", count: 30)  // 420 columns: 21 rows of 20
        var renderer = MarkdownRenderer(style: colored, width: 20, height: 10)
        var screen = VirtualTerminal(width: 20, height: 10)
        var out = ""
        for piece in randomPieces(long + "\n*next*\n", seed: 5) { out += renderer.feed(piece) }
        out += renderer.finish()
        screen.feed(out)
        #expect(screen.problems.isEmpty)
        // Its first rows are out of reach: it stays as it came, once, and the next line is styled as usual.
        #expect(committedLines(out) == [long, golden("⎋[3mnext⎋[0m")])
        #expect(screen.logicalLines == [String(long.dropLast()), "next"])
    }
}

@Suite("Lines whose rows terminals may count differently")
struct UncertainWidthTests {
    @Test func aWrappedLineWithAnEmojiSequenceIsLeftAsShown() {
        let line = "a **wrapped** line with a ❤️ and a 👍🏽 in it, long enough to wrap"
        let out = render(randomPieces(line + "\n", seed: 1), width: 20, height: 24)
        #expect(committedLines(out) == [line])
        #expect(!out.contains("\u{1B}[J"))
    }

    @Test func aShortLineWithOneIsStyled() {
        let out = render(["a **b** ❤️", "\n"], width: 20, height: 24)
        #expect(committedLines(out) == [golden("a ⎋[1mb⎋[0m ❤️")])
    }
}
