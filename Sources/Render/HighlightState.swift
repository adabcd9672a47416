/// What one line leaves to the next: an open comment, string, heredoc or tag, and a counter.
///
/// Colours never carry over in the terminal (every line ends with a reset); this is how the next
/// line knows it starts inside, say, a block comment.
struct HighlightState: Sendable, Equatable {
    /// The construct a line ended inside.
    enum Mode: Sendable, Equatable {
        case normal
        /// Inside the language's block comment number `rule`, `depth` levels deep.
        case blockComment(rule: Int, depth: Int)
        /// Inside a string opened by the language's string rule number `rule`.
        case string(rule: Int)
        /// Inside a literal that ends at the first `terminator`: raw strings, CDATA, dollar quotes.
        case literal(terminator: [UInt8], style: HighlightStyle)
        /// Inside a shell heredoc body, which ends at a line that is `terminator`.
        case heredoc(terminator: [UInt8], stripsTabs: Bool, expands: Bool)
        /// Inside a shell string quoted by `quote`.
        case shellString(quote: UInt8)
        /// Inside a YAML block scalar whose parent line is indented `indent` spaces.
        case yamlBlock(indent: Int)
        /// Inside a diff hunk with this many old and new lines to come.
        case diffHunk(old: Int, new: Int)
        /// Inside a markup tag, between its name and its `>`.
        case markupTag(raw: HighlightMarkupLexer.RawElement?)
        /// Inside a quoted markup attribute value.
        case markupValue(quote: UInt8, raw: HighlightMarkupLexer.RawElement?)
        /// Inside a markup `<!…>` or `<?…>` declaration.
        case markupDeclaration
        /// Inside the raw text of a `<script>` or `<style>` element.
        case markupRaw(HighlightMarkupLexer.RawElement)
    }

    var mode = Mode.normal
    /// Bracket or brace depth for TOML and CSS; 1 after a shell line that ends in a backslash.
    var nesting = 0
    /// Whether no line has been highlighted yet, for `#!` lines.
    var isFirstLine = true
}
