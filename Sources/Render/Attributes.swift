/// The look of a run of text: weight, slant, lines through or under it, and one colour.
struct Attributes: Sendable, Equatable {
    var bold = false
    var dim = false
    var italic = false
    var underline = false
    var strike = false
    /// An SGR foreground colour (30–37, 90–97), or nil for the terminal's own.
    var color: Int?

    static let plain = Attributes()

    var isEmpty: Bool { self == .plain }

    /// The SGR parameters that set these attributes from a reset, like "1;36".
    var parameters: String {
        var codes: [String] = []
        if bold { codes.append("1") }
        if dim { codes.append("2") }
        if italic { codes.append("3") }
        if underline { codes.append("4") }
        if strike { codes.append("9") }
        if let color { codes.append(String(color)) }
        return codes.joined(separator: ";")
    }

    /// These attributes with another's added on top; its colour wins.
    func adding(_ other: Attributes) -> Attributes {
        Attributes(
            bold: bold || other.bold, dim: dim || other.dim, italic: italic || other.italic,
            underline: underline || other.underline, strike: strike || other.strike, color: other.color ?? color)
    }
}
