/// What a reply ended with, as far as the client could tell.
public enum FinishReason: Sendable, Equatable {
    case stop
    case length
    case contentFilter
    case toolCalls
    case other(String)

    public init(_ raw: String) {
        switch raw {
        case "stop": self = .stop
        case "length": self = .length
        case "content_filter": self = .contentFilter
        case "tool_calls", "function_call": self = .toolCalls
        default: self = .other(raw)
        }
    }

    public var rawValue: String {
        switch self {
        case .stop: "stop"
        case .length: "length"
        case .contentFilter: "content_filter"
        case .toolCalls: "tool_calls"
        case .other(let raw): raw
        }
    }
}

/// A reply, whole or as far as it got.
public struct ChatReply: Sendable, Equatable {
    public var content: String
    /// Reasoning text (`reasoning_content` / `reasoning`): shown, never sent back as content.
    public var reasoning: String
    public var finishReason: FinishReason?
    public var usage: Usage?
    /// The model the server says answered.
    public var model: String?

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

/// A piece of a reply as it arrives: everything one network read brought, batched.
public struct ReplyDelta: Sendable, Equatable {
    public var content: String
    public var reasoning: String

    public init(content: String = "", reasoning: String = "") {
        self.content = content
        self.reasoning = reasoning
    }

    public var isEmpty: Bool { content.isEmpty && reasoning.isEmpty }
}
