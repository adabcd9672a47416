/// One language described as data.
///
/// Its comments, strings and words, plus the dialect whose special rules (heredocs, raw strings,
/// keys, tags…) the lexers apply on top.
final class HighlightLanguage: Sendable {
    /// The family of special rules a language gets, and so which lexer reads it.
    enum Dialect: Sendable {
        case plain, cFamily, rust, swift, python, javascript, go, java, sql, json, yaml, toml
        case shell, console, dockerfile, diff, markup, css, scss
    }

    /// How a string lets its closing delimiter appear inside it.
    enum Escape: Sendable {
        /// Nothing is escaped.
        case none
        /// A backslash escapes the next byte.
        case backslash
        /// The closing delimiter written twice stands for itself, as in SQL.
        case doubled
    }

    /// A kind of string literal.
    struct StringRule: Sendable {
        let open: [UInt8]
        let close: [UInt8]
        let escape: Escape
        /// Whether the string may go on over more lines.
        let multiline: Bool
        let style: HighlightStyle
        /// Whether `\(…)` holds an interpolated expression, as in Swift.
        let interpolates: Bool

        init(
            _ open: String, close: String? = nil, escape: Escape = .backslash, multiline: Bool = false,
            style: HighlightStyle = .string, interpolates: Bool = false
        ) {
            self.open = Array(open.utf8)
            self.close = Array((close ?? open).utf8)
            self.escape = escape
            self.multiline = multiline
            self.style = style
            self.interpolates = interpolates
        }
    }

    /// A kind of block comment.
    struct BlockComment: Sendable {
        let open: [UInt8]
        let close: [UInt8]
        /// Whether comments nest, as in Rust and Swift.
        let nests: Bool

        init(_ open: String, _ close: String, nests: Bool = false) {
            self.open = Array(open.utf8)
            self.close = Array(close.utf8)
            self.nests = nests
        }
    }

    let dialect: Dialect
    let lineComments: [[UInt8]]
    let blockComments: [BlockComment]
    /// String rules, longest opening delimiter first.
    let strings: [StringRule]
    let words: HighlightWords
    /// Words that count only first on a line: Dockerfile instructions.
    let lineStartWords: HighlightWords
    /// Whether a capitalised identifier with a small letter in it is a type name.
    let capitalizedTypes: Bool
    /// Whether an identifier right before `(` is a called function.
    let functionCalls: Bool
    /// Whether `@name` is an annotation (or, in SQL, a variable).
    let annotations: Bool
    /// Whether `$` is an identifier byte.
    let dollarIdentifiers: Bool
    /// For each byte, whether a comment or a string may start with it.
    private let openers: [Bool]

    init(
        _ dialect: Dialect, lineComments: [String] = [], blockComments: [BlockComment] = [],
        strings: [StringRule] = [], words: HighlightWords = HighlightWords(),
        lineStartWords: HighlightWords = HighlightWords(), capitalizedTypes: Bool = false,
        functionCalls: Bool = false, annotations: Bool = false, dollarIdentifiers: Bool = false
    ) {
        self.dialect = dialect
        self.lineComments = lineComments.map { Array($0.utf8) }
        self.blockComments = blockComments
        self.strings = strings.sorted { $0.open.count > $1.open.count }
        self.words = words
        self.lineStartWords = lineStartWords
        self.capitalizedTypes = capitalizedTypes
        self.functionCalls = functionCalls
        self.annotations = annotations
        self.dollarIdentifiers = dollarIdentifiers
        var openers = Array(repeating: false, count: 256)
        let starts = self.lineComments + blockComments.map(\.open) + self.strings.map(\.open)
        for start in starts {
            if let first = start.first { openers[Int(first)] = true }
        }
        self.openers = openers
    }

    /// Whether a comment or a string may start with `byte`.
    func opens(_ byte: UInt8) -> Bool { openers[Int(byte)] }

    /// Whether `#` starts a comment only after a blank or at the start of a line, as in YAML.
    var commentsNeedBlank: Bool { dialect == .yaml }
}
