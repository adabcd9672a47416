extension ChatMessage {
    /// An assistant message that asks for tool calls; its content is null when it has no text
    /// (the API's shape for a message with `tool_calls`).
    public static func assistant(_ text: String, toolCalls: [ToolCall]) -> ChatMessage {
        var message = ChatMessage(role: .assistant, content: text)
        if !toolCalls.isEmpty {
            message.otherKeys["tool_calls"] = .array(toolCalls.map(\.json))
            if text.isEmpty { message.contentParts = .null }
        }
        return message
    }

    /// The result of one tool call, answering the call with this id.
    public static func toolResult(id: String, content: String) -> ChatMessage {
        var message = ChatMessage(role: .tool, content: content)
        message.otherKeys["tool_call_id"] = .string(id)
        return message
    }

    /// The tool calls an assistant message asks for (none for other messages).
    public var toolCalls: [ToolCall] {
        guard role == .assistant, case .array(let items)? = otherKeys["tool_calls"] else { return [] }
        return items.compactMap(ToolCall.init(json:))
    }

    /// The call a tool message answers.
    public var toolCallID: String? {
        role == .tool ? otherKeys["tool_call_id"]?.stringValue : nil
    }
}
