import Testing

@Suite("The virtual terminal the tests look through")
struct VirtualTerminalTests {
    @Test func wrapsAtTheWidthAndKeepsAFullRowUntilTheNextCharacter() {
        var screen = VirtualTerminal(width: 4)
        screen.feed("abcd")
        #expect(screen.lines == ["abcd"])
        screen.feed("e\n")
        #expect(screen.lines == ["abcd", "e"])
        #expect(screen.logicalLines == ["abcde"])
    }

    @Test func aWideCharacterThatDoesNotFitLeavesAGap() {
        var screen = VirtualTerminal(width: 5)
        screen.feed("abcd漢x")
        #expect(screen.lines == ["abcd", "漢x"])
        #expect(screen.logicalLines == ["abcd漢x"])
    }

    @Test func rewindsAndClearsLikeATerminal() {
        var screen = VirtualTerminal(width: 4)
        screen.feed("keep\nabcdefghij")
        screen.feed("\r\u{1B}[2A\u{1B}[Jnew\n")
        #expect(screen.lines == ["keep", "new"])
        #expect(screen.problems.isEmpty)
    }

    @Test func cannotMoveAboveTheScreen() {
        var screen = VirtualTerminal(width: 4, height: 2)
        screen.feed("one\ntwo\nthre")
        screen.feed("\r\u{1B}[5A\u{1B}[JX")
        #expect(screen.lines == ["one", "X"])
    }

    @Test func reflowsOnAResizeAndKeepsTheCursorAtTheEnd() {
        var screen = VirtualTerminal(width: 4)
        screen.feed("x\nabcdefghij")
        screen.resize(width: 6)
        #expect(screen.lines == ["x", "abcdef", "ghij"])
        screen.feed("k")
        #expect(screen.lines == ["x", "abcdef", "ghijk"])
        screen.resize(width: 3)
        screen.feed("\r\u{1B}[3A\u{1B}[Jz")
        // The cursor kept its row of the screen: the line's first row went above it, out of reach.
        #expect(screen.lines == ["x", "abc", "z"])
    }

    @Test func withoutReflowKeepsTheRowsAndCutsThem() {
        var screen = VirtualTerminal(width: 6, reflows: false)
        screen.feed("x\nabcdefghij")
        screen.resize(width: 3)
        #expect(screen.lines == ["x", "abc", "ghi"])
    }

    @Test func keepsTheLookOfEachCellAndReportsWhatItDoesNotKnow() {
        var screen = VirtualTerminal(width: 10)
        screen.feed("a\u{1B}[1mb\u{1B}[0;3mc\u{1B}[0m\u{1B}]8;;u\u{1B}\\d\u{1B}]8;;\u{1B}\\")
        #expect(screen.styledLines == ["a{|}b{1|}c{3|}d{|u}"])
        screen.feed("\u{1B}[2J\u{07}\u{1B}]0;t\u{07}")
        #expect(screen.problems.count == 3)
    }
}
