/// A reply, whole or as far as it got.
public struct ChatReply: Sendable, Equatable {
    public var content: String
    /// Reasoning text (`reasoning_content` / `reasoning`): shown, never sent back as content.
    public var reasoning: String
    public var finishReason: FinishReason?
    public var usage: Usage?
    /// The model the server says answered.
    public var model: String?
    /// The tools the model asked to call, in order (empty for a plain reply).
    public var toolCalls: [ToolCall] = []

    public init(
        content: String = "", reasoning: String = "", finishReason: FinishReason? = nil, usage: Usage? = nil,
        model: String? = nil
    ) {
        self.content = content
        self.reasoning = reasoning
        self.finishReason = finishReason
        self.usage = usage
        self.model = model
    }
}
