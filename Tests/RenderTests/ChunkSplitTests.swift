import Testing

@testable import Render

@Suite("The same reply in any chunks gives the same lines and the same screen")
struct ChunkSplitTests {
    static let replies = Fixtures.all + GoldenTests.cases.filter { $0.style.color }.map(\.markdown)

    struct Terminal: Sendable, CustomTestStringConvertible {
        var width: Int
        var height: Int
        var testDescription: String { "\(width)×\(height)" }
    }

    @Test(arguments: [
        Terminal(width: 80, height: 1000), Terminal(width: 23, height: 24), Terminal(width: 7, height: 1000),
    ])
    func randomSplitsChangeNothing(_ terminal: Terminal) {
        for (number, reply) in ChunkSplitTests.replies.enumerated() {
            for highlighted in [false, true] {
                let whole = render(
                    [reply], width: terminal.width, height: terminal.height, highlighted: highlighted)
                var screen = VirtualTerminal(width: terminal.width, height: terminal.height)
                screen.feed(whole)
                #expect(screen.problems.isEmpty, "reply \(number): \(screen.problems)")
                for seed in UInt64(1)...12 {
                    let pieces = randomPieces(reply, seed: seed &* 7919 &+ UInt64(number))
                    let streamed = render(
                        pieces, width: terminal.width, height: terminal.height, highlighted: highlighted)
                    let context = "reply \(number), seed \(seed &* 7919 &+ UInt64(number)), highlighted \(highlighted)"
                    // Each completed line is written once, with the same bytes as when the reply comes whole.
                    let lines = firstDifference(committedLines(streamed), committedLines(whole))
                    #expect(lines == nil, "\(context): \(lines ?? "")")
                    #expect(
                        streamed.utf8.filter { $0 == 0x0A }.count == whole.utf8.filter { $0 == 0x0A }.count,
                        "\(context)")
                    var streamedScreen = VirtualTerminal(width: terminal.width, height: terminal.height)
                    streamedScreen.feed(streamed)
                    #expect(streamedScreen.problems.isEmpty, "\(context): \(streamedScreen.problems)")
                    let rows = firstDifference(streamedScreen.styledLines, screen.styledLines)
                    #expect(rows == nil, "\(context): \(rows ?? "")")
                }
            }
        }
    }

    @Test func oneScalarAtATimeToo() {
        for reply in ChunkSplitTests.replies {
            let whole = render([reply], width: 31, height: 24)
            let streamed = render(reply.unicodeScalars.map { String($0) }, width: 31, height: 24)
            let lines = firstDifference(committedLines(streamed), committedLines(whole))
            #expect(lines == nil, "\(lines ?? "")")
            var expected = VirtualTerminal(width: 31, height: 24)
            expected.feed(whole)
            var actual = VirtualTerminal(width: 31, height: 24)
            actual.feed(streamed)
            let rows = firstDifference(actual.styledLines, expected.styledLines)
            #expect(rows == nil, "\(rows ?? "")")
        }
    }

    @Test func textAppearsAsItArrivesAndTableRowsWait() {
        var renderer = MarkdownRenderer(style: colored, width: 80)
        #expect(renderer.feed("Hello wor") == "Hello wor")
        #expect(renderer.feed("ld **x") == "ld **x")
        #expect(renderer.feed("**\n") == golden("\r⎋[JHello world ⎋[1mx⎋[0m\n"))
        #expect(renderer.feed("plain") == "plain")
        #expect(renderer.feed(" text\n") == " text\n")  // nothing to style: only the rest and the newline
        #expect(renderer.feed("| a |") == "")
        #expect(renderer.feed("\n|--") == "")
        #expect(renderer.feed("-|\n| 1 |\nAfter").hasSuffix("After"))
        #expect(renderer.finish() == "\n")
    }

    @Test func codeLinesAppearAsTheyArrive() {
        var renderer = MarkdownRenderer(style: colored, width: 80, height: 24, highlighter: { _ in nil })
        #expect(renderer.feed("```swift\nlet") == golden("⎋[2m```swift⎋[0m\nlet"))
        #expect(renderer.feed(" x = 1\n```") == " x = 1\n```")
        #expect(renderer.finish() == golden("\r⎋[J⎋[2m```⎋[0m\n"))
    }

    @Test(arguments: ["", "x", "x\n", "# h", "| a |", "```\ncode"])
    func finishEndsWithANewlineOnlyWhenSomethingWasWritten(_ reply: String) {
        for style in [colored, TerminalStyle.plain] {
            var renderer = MarkdownRenderer(style: style, width: 80)
            let fed = renderer.feed(reply)
            let out = fed + renderer.finish()
            #expect(out.isEmpty == reply.isEmpty)
            #expect(out.isEmpty || out.hasSuffix("\n"))
            if reply.utf8.last == 0x0A { #expect(fed == out) }
        }
    }

    @Test func colorOffWritesEachPieceAsItComes() {
        var renderer = MarkdownRenderer(style: .plain, width: 80)
        var written = ""
        for piece in randomPieces(Fixtures.mixed, seed: 3) {
            written += renderer.feed(piece)
            #expect(Fixtures.mixed.hasPrefix(written) || written.utf8.count <= Fixtures.mixed.utf8.count)
        }
        written += renderer.finish()
        #expect(written == SafeText.neutralized(Fixtures.mixed) + "\n")
        #expect(!written.utf8.contains(0x1B))
    }

    @Test func colorOffNeverWritesAnEscape() {
        for reply in ChunkSplitTests.replies + [Fixtures.mixed + "\u{1B}[31m\u{9B}1m"] {
            let out = render(randomPieces(reply, seed: 11), style: .plain)
            #expect(!out.utf8.contains(0x1B))
            #expect(out == SafeText.neutralized(reply) + (reply.utf8.last == 0x0A ? "" : "\n"))
        }
    }
}

@Suite("One renderer for several replies")
struct ReuseTests {
    @Test func afterFinishTheNextReplyStartsAfresh() {
        for style in [colored, TerminalStyle.plain] {
            var renderer = MarkdownRenderer(style: style, width: 80)
            let first = renderer.feed("```\nopen code\n| a |") + renderer.finish()
            let second = renderer.feed("# Title\n") + renderer.finish()
            var fresh = MarkdownRenderer(style: style, width: 80)
            #expect(second == fresh.feed("# Title\n") + fresh.finish())
            #expect(first.hasSuffix("\n"))
        }
    }
}
