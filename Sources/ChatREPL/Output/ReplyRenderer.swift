import ChatClient
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Shows a reply as it streams. It only appends: each piece costs the same however long the
/// reply already is. Reasoning is shown dimmed on a terminal and never mixed into the text.
public final class ReplyRenderer: Sendable {
    private struct State {
        var content = ""
        var inReasoning = false
        var wroteAnything = false
        var endsWithNewline = true
    }

    private let state = Mutex(State())
    private let console: Console
    private let spinner: Spinner?

    public init(console: Console, spinner: Bool) {
        self.console = console
        self.spinner = spinner && console.style.colorErr ? Spinner(sink: console.err) : nil
        self.spinner?.start()
    }

    /// The reply text shown so far.
    public var text: String { state.withLock { $0.content } }

    public func show(_ delta: ReplyDelta) {
        spinner?.stop()
        let style = console.style
        state.withLock { state in
            var piece = ""
            if !delta.reasoning.isEmpty, style.outIsTerminal {
                if !state.inReasoning {
                    state.inReasoning = true
                    if style.colorOut { piece += "\u{1B}[2m" }
                }
                piece += delta.reasoning
            }
            if !delta.content.isEmpty {
                if state.inReasoning {
                    state.inReasoning = false
                    piece += (style.colorOut ? "\u{1B}[0m" : "") + "\n\n"
                }
                piece += delta.content
                state.content += delta.content
            }
            guard let last = piece.last else { return }
            state.wroteAnything = true
            state.endsWithNewline = last == "\n"
            console.out.write(piece)
        }
    }

    /// The reply is over: the spinner goes, dimming ends, and the output ends with a newline.
    public func finish() {
        spinner?.stop()
        state.withLock { state in
            var tail = ""
            if state.inReasoning {
                state.inReasoning = false
                if console.style.colorOut { tail += "\u{1B}[0m" }
            }
            if state.wroteAnything, !state.endsWithNewline { tail += "\n" }
            state.endsWithNewline = true
            if !tail.isEmpty { console.out.write(tail) }
        }
    }
}
