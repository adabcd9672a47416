/// One fenced code block of a reply.
public struct CodeBlock: Sendable, Equatable {
    /// The first word of the fence's info string ("python" for ```python title="x"), or "" when it has none.
    public var language: String
    /// The lines between the fences joined by "\n", without a final newline; an empty block is "".
    public var content: String

    public init(language: String, content: String) {
        self.language = language
        self.content = content
    }
}
