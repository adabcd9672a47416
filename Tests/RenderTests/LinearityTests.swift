import Render
import Testing

@Suite("The cost of a chunk does not grow with the reply")
struct LinearityTests {
    @Test func twentyThousandChunksFinishWithOutputLinearInTheInput() {
        let veryLong = String(repeating: "a long line with **bold** and `code` and 漢字 ", count: 1200)
        let reply = longReply(sections: 300) + veryLong + "\n" + longReply(sections: 10)
        let pieces = randomPieces(reply, seed: 42, shortest: 3, longest: 8)
        #expect(pieces.count >= 20_000)
        var renderer = MarkdownRenderer(style: linked, width: 80, height: 24)
        var outputBytes = 0
        for piece in pieces { outputBytes += renderer.feed(piece).utf8.count }
        outputBytes += renderer.finish().utf8.count
        // Each line is shown once as it comes and written once more styled, with its escapes: a rewrite of the
        // open line on every chunk would make this grow with the square of the line.
        #expect(outputBytes < 4 * reply.utf8.count + 4096, "\(outputBytes) bytes out for \(reply.utf8.count) in")
    }

    @Test(arguments: [(80, 24), (80, 100_000)])
    func oneVeryLongLineIsWrittenOnceAndRewrittenAtMostOnce(width: Int, height: Int) {
        let line = String(repeating: "word **bold** *it* `c` 👍 ", count: 4500)
        let pieces = randomPieces(line + "\n", seed: 7, shortest: 3, longest: 8)
        #expect(pieces.count >= 20_000)
        var renderer = MarkdownRenderer(style: colored, width: width, height: height)
        var out = ""
        for piece in pieces.dropLast() {
            let bytes = renderer.feed(piece)
            // Mid-line, a chunk costs its own length: it is shown neutralised and nothing else.
            #expect(bytes.utf8.count <= piece.utf8.count)
            out += bytes
        }
        out += renderer.feed(pieces.last ?? "") + renderer.finish()
        #expect(out.utf8.count < 4 * line.utf8.count + 64)
        #expect(committedLines(out).count == 1)
        #expect(out.utf8.filter { $0 == 0x1B }.count <= 2 + 2 * 4500 * 3)
    }

    @Test func aLongTableRowIsHeldWithoutRescanning() {
        let row = "| " + String(repeating: "cell ", count: 20_000) + "|\n"
        let reply = "| a |\n|---|\n" + row + "after\n"
        let pieces = randomPieces(reply, seed: 9, shortest: 3, longest: 8)
        var renderer = MarkdownRenderer(style: colored, width: 80)
        var outputBytes = 0
        for piece in pieces { outputBytes += renderer.feed(piece).utf8.count }
        outputBytes += renderer.finish().utf8.count
        #expect(outputBytes < 2 * reply.utf8.count)
    }
}
