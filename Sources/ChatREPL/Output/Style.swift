import ChatClient
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

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
