/// A piece of a reply as it arrives: everything one network read brought, batched.
public struct ReplyDelta: Sendable, Equatable {
    public var content: String
    public var reasoning: String
    /// The names of tool calls that began in this piece (their arguments are still coming).
    public var toolCalls: [String] = []

    public init(content: String = "", reasoning: String = "") {
        self.content = content
        self.reasoning = reasoning
    }

    public var isEmpty: Bool { content.isEmpty && reasoning.isEmpty && toolCalls.isEmpty }
}
