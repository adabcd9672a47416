import ChatClient
import ChatREPL
import TestSupport
import Testing

/// Spinner frames drawn on `err` so far: each is a carriage return, a glyph and a space.
func spinnerFrames(_ err: RecordingSink) -> Int {
    let glyphs: Set<Character> = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
    return err.text.split(separator: "\r").filter { $0.first.map(glyphs.contains) == true }.count
}

@Suite("The spinner")
struct SpinnerTests {
    let terminal = Style(colorOut: true, colorErr: true, outIsTerminal: true)

    /// A spinner on a terminal: the clock against which "nothing was drawn" is measured. While it
    /// draws frames, a spinner that is stopped (or was never started) has had every chance to draw.
    func referenceSpinner() -> (ReplyRenderer, RecordingSink) {
        let err = RecordingSink()
        return (ReplyRenderer(console: Console(out: RecordingSink(), err: err, style: terminal), spinner: true), err)
    }

    @Test func spinsOnStderrUntilTheFirstByteThenClearsItsLineAndStops() async throws {
        let out = RecordingSink()
        let err = RecordingSink()
        let renderer = ReplyRenderer(console: Console(out: out, err: err, style: terminal), spinner: true)
        #expect(await eventually { err.text.contains("\r⠋ ") })
        #expect(out.text.isEmpty)
        renderer.show(ReplyDelta(content: "hi"))
        #expect(err.text.hasSuffix("\r\u{1B}[K"))
        let afterStop = err.text
        // Another spinner, started now, draws three frames: time enough for this one to have
        // drawn again, had stopping not stopped it.
        let (reference, referenceErr) = referenceSpinner()
        #expect(await eventually { spinnerFrames(referenceErr) >= 3 })
        reference.finish()
        renderer.finish()
        #expect(err.text == afterStop)  // nothing drawn after the reply began
        #expect(out.text == "hi\n")
    }

    @Test func noSpinnerWhenStderrIsNotATerminal() async throws {
        let err = RecordingSink()
        let renderer = ReplyRenderer(console: Console(out: RecordingSink(), err: err, style: .plain), spinner: true)
        // A spinner on a terminal, started after this one, draws three frames meanwhile.
        let (reference, referenceErr) = referenceSpinner()
        #expect(await eventually { spinnerFrames(referenceErr) >= 3 })
        reference.finish()
        renderer.finish()
        #expect(err.text.isEmpty)
    }
}
