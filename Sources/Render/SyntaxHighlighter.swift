/// Colours one language's source line by line, with state carried across lines.
///
/// Each returned line is the input line with SGR colour sequences (16-colour palette, bold, dim)
/// added and nothing else, and it ends with every colour reset. What a line leaves open (a block
/// comment, a multi-line string, a heredoc, a tag) is carried in the value, not in the terminal.
public struct SyntaxHighlighter: Sendable {
    private let language: HighlightLanguage
    private var state = HighlightState()

    /// nil when the language (a fence info string's first word, like "py", "bash", "c++", "Python") is not known: plain text.
    public init?(language: String) {
        guard let found = HighlightLanguage.named(language) else { return nil }
        self.language = found
    }

    /// One line without its newline, with SGR colour codes added and nothing else.
    public mutating func highlight(_ line: Substring) -> String {
        var line = line
        let bytes = line.withUTF8 { text in
            switch language.dialect {
            case .shell, .console, .dockerfile: lex(HighlightShellLexer.self, text)
            case .diff: lex(HighlightDiffLexer.self, text)
            case .markup: lex(HighlightMarkupLexer.self, text)
            case .css, .scss: lex(HighlightStyleSheetLexer.self, text)
            default: lex(HighlightCodeLexer.self, text)
            }
        }
        state.isFirstLine = false
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func lex<Lexer: HighlightLexer>(_: Lexer.Type, _ text: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var lexer = Lexer(language: language, text: text, state: state)
        lexer.run()
        state = lexer.state
        return lexer.output.finish()
    }
}
