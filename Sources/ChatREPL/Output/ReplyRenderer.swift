import ChatClient
import Render

/// Shows a reply as it streams. It only appends: each piece costs the same however long the
/// reply already is. On a terminal with colour the reply is rendered as Markdown; on any
/// terminal what came from the server is neutralised first; to a pipe it goes byte for byte.
/// Reasoning is shown dimmed on a terminal and never mixed into the text.
public final class ReplyRenderer: Sendable {
    private struct State {
        var content = ""
        /// Bytes of reply text received (kept or not).
        var receivedBytes = 0
        var inReasoning = false
        var wroteAnything = false
        var endsWithNewline = true
        var markdown: MarkdownRenderer?
        var width = 0
        var height = 0
        var firstPiece: ContinuousClock.Instant?
    }

    private let state: Locked<State>
    private let console: Console
    private let spinner: Spinner?
    private let started = ContinuousClock.now
    /// Whether the text is kept for `text`: off when nothing will read it (a one-shot reply to
    /// stdout with no session), so a reply of any length streams in the same memory.
    private let keepsText: Bool

    public init(console: Console, spinner: Bool, keepsText: Bool = true) {
        self.console = console
        self.keepsText = keepsText
        var initial = State()
        let style = console.style
        if style.rendersMarkdown, let terminal = style.terminal {
            initial.width = terminal.width
            initial.height = terminal.height
            initial.markdown = MarkdownRenderer(
                style: TerminalStyle(color: true, hyperlinks: true), width: initial.width, height: initial.height)
        }
        state = Locked(initial)
        self.spinner = spinner && console.style.colorErr ? Spinner(sink: console.err) : nil
        self.spinner?.start()
    }

    /// The reply text received so far (its Markdown source); empty when the text is not kept.
    public var text: String { state.withLock { $0.content } }

    /// How many bytes of reply text were received, kept or not.
    public var receivedBytes: Int { state.withLock { $0.receivedBytes } }

    /// Seconds from the request to the first piece of the reply, once one arrived.
    public var timeToFirstPiece: Double? {
        state.withLock { state in state.firstPiece.map { started.duration(to: $0).seconds } }
    }

    /// Seconds since the request was sent.
    public var elapsed: Double { started.duration(to: .now).seconds }

    public func show(_ delta: ReplyDelta) {
        spinner?.stop()
        let style = console.style
        state.withLock { state in
            if state.firstPiece == nil { state.firstPiece = .now }
            var piece = ""
            if !delta.reasoning.isEmpty, style.outIsTerminal {
                if !state.inReasoning {
                    state.inReasoning = true
                    if style.colorOut { piece += "\u{1B}[2m" }
                }
                piece += SafeText.neutralized(delta.reasoning)
            }
            if !delta.content.isEmpty {
                if state.inReasoning {
                    state.inReasoning = false
                    piece += (style.colorOut ? "\u{1B}[0m" : "") + "\n\n"
                }
                if state.markdown != nil, let terminal = style.terminal {
                    if terminal.width != state.width || terminal.height != state.height {
                        state.width = terminal.width
                        state.height = terminal.height
                        piece += state.markdown?.setSize(width: state.width, height: state.height) ?? ""
                    }
                    piece += state.markdown?.feed(delta.content) ?? ""
                } else {
                    piece += style.outIsTerminal ? SafeText.neutralized(delta.content) : delta.content
                }
                state.receivedBytes += delta.content.utf8.count
                if keepsText { state.content += delta.content }
            }
            if let last = piece.last {
                state.wroteAnything = true
                state.endsWithNewline = last == "\n"
                console.out.write(piece)
            }
            // A tool call begins: a dimmed line on stderr while its arguments stream in (the
            // line with its arguments follows once the reply is whole).
            if !delta.toolCalls.isEmpty {
                if style.outIsTerminal, style.errIsTerminal, !state.endsWithNewline {
                    console.out.write("\n")
                    state.endsWithNewline = true
                }
                for name in delta.toolCalls { console.notice("⚙ \(SafeText.neutralized(name)) …") }
            }
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
            if let rest = state.markdown?.finish(), !rest.isEmpty {
                tail += rest
                state.wroteAnything = true
                state.endsWithNewline = rest.last == "\n"
            }
            state.markdown = nil
            if state.wroteAnything, !state.endsWithNewline { tail += "\n" }
            state.endsWithNewline = true
            if !tail.isEmpty { console.out.write(tail) }
        }
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
