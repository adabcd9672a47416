/// What the renderer needs of a syntax highlighter: `SyntaxHighlighter`, or a stand-in in tests.
protocol LineHighlighting: Sendable {
    /// One line without its newline, with SGR colour codes added and nothing else.
    mutating func highlight(_ line: Substring) -> String
}

extension SyntaxHighlighter: LineHighlighting {}
