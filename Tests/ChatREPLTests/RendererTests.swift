import ChatClient
import ChatREPL
import TestSupport
import Testing

@Suite("Rendering a streamed reply")
struct RendererTests {
    func render(_ deltas: [ReplyDelta], style: Style) -> (out: String, text: String) {
        let out = RecordingSink()
        let renderer = ReplyRenderer(console: Console(out: out, err: RecordingSink(), style: style), spinner: false)
        for delta in deltas { renderer.show(delta) }
        renderer.finish()
        return (out.text, renderer.text)
    }

    let deltas = [
        ReplyDelta(reasoning: "thinking"), ReplyDelta(reasoning: " hard"), ReplyDelta(content: "Hello"),
        ReplyDelta(content: " world"),
    ]

    @Test func reasoningIsDimmedOnATerminalAndNeverPartOfTheText() {
        let (out, text) = render(deltas, style: Style(colorOut: true, colorErr: true, outIsTerminal: true))
        #expect(out == "\u{1B}[2mthinking hard\u{1B}[0m\n\nHello world\n")
        #expect(text == "Hello world")
    }

    @Test func notATerminalGetsThePlainReplyOnly() {
        let (out, text) = render(deltas, style: .plain)
        #expect(out == "Hello world\n")
        #expect(text == "Hello world")
    }

    @Test func aReplyEndingInANewlineGetsNoSecondOne() {
        let (out, _) = render([ReplyDelta(content: "line\n")], style: .plain)
        #expect(out == "line\n")
    }

    @Test func eachPieceIsWrittenAsItComesAndOnlyAppended() {
        let out = RecordingSink()
        let renderer = ReplyRenderer(console: Console(out: out, err: RecordingSink(), style: .plain), spinner: false)
        var written = ""
        for index in 0..<1000 {
            renderer.show(ReplyDelta(content: "w\(index) "))
            written += "w\(index) "
            #expect(out.text == written)  // on screen at once; what was shown never changes
        }
    }

    /// A one-shot reply nothing reads afterwards is printed the same but not kept: only its
    /// length is, for the usage estimate.
    @Test func aReplyNotKeptIsPrintedTheSameAndCounted() {
        let out = RecordingSink()
        let renderer = ReplyRenderer(
            console: Console(out: out, err: RecordingSink(), style: .plain), spinner: false, keepsText: false)
        for delta in deltas + [ReplyDelta(content: " é")] { renderer.show(delta) }
        renderer.finish()
        #expect(out.text == "Hello world é\n")
        #expect(renderer.text.isEmpty)
        #expect(renderer.receivedBytes == "Hello world é".utf8.count)
    }
}
