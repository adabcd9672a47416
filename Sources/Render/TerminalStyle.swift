/// How output may look on this terminal.
public struct TerminalStyle: Sendable, Equatable {
    /// SGR and cursor movement allowed.
    public var color: Bool
    /// OSC 8 allowed (only meaningful with color).
    public var hyperlinks: Bool

    public init(color: Bool, hyperlinks: Bool) {
        self.color = color
        self.hyperlinks = hyperlinks
    }

    /// No escape bytes at all: NO_COLOR, `--color never`, TERM=dumb, or not a terminal.
    public static let plain = TerminalStyle(color: false, hyperlinks: false)
}
