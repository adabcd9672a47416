import ChatClient
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Where text goes: stdout, stderr, or a recording in tests.
public protocol OutputSink: Sendable {
    func write(_ text: String)
}

/// Writes straight to a file descriptor with write(2): no buffering, so a streamed piece of a
/// reply is on screen as soon as it arrives.
public struct FileDescriptorSink: OutputSink {
    public let fd: Int32

    public init(fd: Int32) {
        self.fd = fd
    }

    public func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return  // a closed pipe: nothing more can be shown
                }
                offset += written
            }
        }
    }
}

/// Keeps everything written, for tests and transcripts.
public final class RecordingSink: OutputSink {
    private let recorded = Mutex("")

    public init() {}

    public func write(_ text: String) {
        recorded.withLock { $0 += text }
    }

    public var text: String { recorded.withLock { $0 } }
}

/// How output looks, decided once at start-up.
public struct Style: Sendable, Equatable {
    /// Escape sequences on stdout (reasoning dimmed).
    public var colorOut: Bool
    /// Escape sequences and the spinner on stderr.
    public var colorErr: Bool
    /// stdout is a terminal: reasoning is shown there.
    public var outIsTerminal: Bool

    public init(colorOut: Bool, colorErr: Bool, outIsTerminal: Bool) {
        self.colorOut = colorOut
        self.colorErr = colorErr
        self.outIsTerminal = outIsTerminal
    }

    public static let plain = Style(colorOut: false, colorErr: false, outIsTerminal: false)

    /// SPEC section 1: color only on a terminal, with TERM not `dumb` and NO_COLOR unset or
    /// empty; `--color` overrides.
    public static func decide(mode: ColorMode, outIsTTY: Bool, errIsTTY: Bool, environment: [String: String]) -> Style {
        let allowed = environment["TERM"] != "dumb" && (environment["NO_COLOR"] ?? "").isEmpty
        switch mode {
        case .always: return Style(colorOut: true, colorErr: true, outIsTerminal: outIsTTY)
        case .never: return Style(colorOut: false, colorErr: false, outIsTerminal: outIsTTY)
        case .auto:
            return Style(colorOut: allowed && outIsTTY, colorErr: allowed && errIsTTY, outIsTerminal: outIsTTY)
        }
    }
}

/// stdout and stderr with the style: the reply and command output go to `out`; notices,
/// errors and the spinner to `err`.
public struct Console: Sendable {
    public let out: any OutputSink
    public let err: any OutputSink
    public let style: Style

    public init(out: any OutputSink, err: any OutputSink, style: Style) {
        self.out = out
        self.err = err
        self.style = style
    }

    public func say(_ text: String) {
        out.write(text.hasSuffix("\n") ? text : text + "\n")
    }

    public func notice(_ text: String) {
        err.write(style.colorErr ? "\u{1B}[2m\(text)\u{1B}[0m\n" : text + "\n")
    }

    public func error(_ words: ErrorWording.Words) {
        let label = style.colorErr ? "\u{1B}[1;31merror:\u{1B}[0m" : "error:"
        var text = "\(label) \(words.message)\n"
        if let advice = words.advice { text += "  \(advice)\n" }
        err.write(text)
    }
}

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

/// A spinner on stderr until the first byte of a reply; stopping it clears its line.
public final class Spinner: Sendable {
    private struct State {
        var stopped = false
        var task: Task<Void, Never>?
    }

    private let state = Mutex(State())
    private let sink: any OutputSink
    private static let frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    init(sink: any OutputSink) {
        self.sink = sink
    }

    func start() {
        let task = Task { [weak self] in
            var frame = 0
            // A short delay first, so a fast reply never flashes a spinner.
            try? await Task.sleep(for: .milliseconds(150))
            while !Task.isCancelled, let self {
                let drawn = self.state.withLock { state -> Bool in
                    guard !state.stopped else { return false }
                    self.sink.write("\r\(Self.frames[frame % Self.frames.count]) ")
                    return true
                }
                guard drawn else { return }
                frame += 1
                try? await Task.sleep(for: .milliseconds(80))
            }
        }
        state.withLock { $0.task = task }
    }

    func stop() {
        state.withLock { state in
            guard !state.stopped else { return }
            state.stopped = true
            state.task?.cancel()
            sink.write("\r\u{1B}[K")
        }
    }
}
