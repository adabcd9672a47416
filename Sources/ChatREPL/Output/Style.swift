/// How output looks, decided once at start-up.
public struct Style: Sendable, Equatable {
    /// Escape sequences on stdout (reasoning dimmed, Markdown rendered).
    public var colorOut: Bool
    /// Escape sequences and the spinner on stderr.
    public var colorErr: Bool
    /// stdout is a terminal: reasoning is shown there, and what came from the server is neutralised.
    public var outIsTerminal: Bool
    /// stderr is a terminal: the status line after each reply goes there.
    public var errIsTerminal: Bool
    /// stdout's terminal, when it is one: size and the Markdown switch.
    public var terminal: TerminalState?

    public init(
        colorOut: Bool, colorErr: Bool, outIsTerminal: Bool, errIsTerminal: Bool = false,
        terminal: TerminalState? = nil
    ) {
        self.colorOut = colorOut
        self.colorErr = colorErr
        self.outIsTerminal = outIsTerminal
        self.errIsTerminal = errIsTerminal
        self.terminal = terminal
    }

    public static let plain = Style(colorOut: false, colorErr: false, outIsTerminal: false)

    /// Replies are rendered as Markdown now: stdout a terminal with colour, and the switch on.
    public var rendersMarkdown: Bool {
        colorOut && outIsTerminal && (terminal?.markdown ?? false)
    }

    /// SPEC section 1: color only on a terminal, with TERM not `dumb` and NO_COLOR unset or
    /// empty; `--color` overrides.
    public static func decide(
        mode: ColorMode, outIsTTY: Bool, errIsTTY: Bool, environment: [String: String],
        terminal: TerminalState? = nil
    ) -> Style {
        let allowed = environment["TERM"] != "dumb" && (environment["NO_COLOR"] ?? "").isEmpty
        let (out, err) =
            switch mode {
            case .always: (true, true)
            case .never: (false, false)
            case .auto: (allowed && outIsTTY, allowed && errIsTTY)
            }
        return Style(
            colorOut: out, colorErr: err, outIsTerminal: outIsTTY, errIsTerminal: errIsTTY,
            terminal: outIsTTY ? terminal : nil)
    }

    public static func == (lhs: Style, rhs: Style) -> Bool {
        lhs.colorOut == rhs.colorOut && lhs.colorErr == rhs.colorErr && lhs.outIsTerminal == rhs.outIsTerminal
            && lhs.errIsTerminal == rhs.errIsTerminal && lhs.terminal === rhs.terminal
    }
}
