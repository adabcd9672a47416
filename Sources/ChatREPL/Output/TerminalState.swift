import Synchronization

/// The terminal stdout writes to, as it is now: its size (updated when the window is resized)
/// and whether replies are rendered as Markdown (`/markdown on|off`). Shared by the renderer,
/// the REPL and the signal handler, so it is atomic.
public final class TerminalState: Sendable {
    private let columns: Atomic<Int>
    private let rows: Atomic<Int>
    private let markdownOn: Atomic<Bool>
    /// Inside tmux, OSC 52 must be wrapped to reach the outer terminal.
    public let inTmux: Bool

    public init(width: Int, height: Int, markdown: Bool, inTmux: Bool = false) {
        columns = Atomic(width > 0 ? width : 80)
        rows = Atomic(height > 0 ? height : 24)
        markdownOn = Atomic(markdown)
        self.inTmux = inTmux
    }

    public var width: Int { columns.load(ordering: .relaxed) }
    public var height: Int { rows.load(ordering: .relaxed) }

    /// The window was resized (SIGWINCH).
    public func resize(width: Int, height: Int) {
        if width > 0 { columns.store(width, ordering: .relaxed) }
        if height > 0 { rows.store(height, ordering: .relaxed) }
    }

    public var markdown: Bool {
        get { markdownOn.load(ordering: .relaxed) }
        set { markdownOn.store(newValue, ordering: .relaxed) }
    }
}
