#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Which request field carries the reply length limit. OpenAI's reasoning models accept only
/// `max_completion_tokens`; Ollama reads only `max_tokens`.
public enum MaxTokensField: String, Sendable, Equatable {
    case maxTokens = "max_tokens"
    case maxCompletionTokens = "max_completion_tokens"
}

/// A chat completion request. Parameters the user did not set stay `nil` and are left out of
/// the body (some compatible servers reject `null`).
public struct ChatRequest: Sendable, Equatable {
    public var model: String
    public var messages: [ChatMessage]
    public var temperature: Double?
    public var maxTokens: Int?
    public var maxTokensField: MaxTokensField
    public var stream: Bool
    /// Ask for a final usage chunk (`stream_options.include_usage`); only sent when streaming.
    public var includeUsage: Bool

    public init(
        model: String, messages: [ChatMessage], temperature: Double? = nil, maxTokens: Int? = nil,
        maxTokensField: MaxTokensField = .maxTokens, stream: Bool = false, includeUsage: Bool = true
    ) {
        self.model = model
        self.messages = messages
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.maxTokensField = maxTokensField
        self.stream = stream
        self.includeUsage = includeUsage
    }

    /// The JSON body, as sent on the wire.
    public func body() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return try encoder.encode(Wire(self))
    }

    private struct Wire: Encodable {
        let request: ChatRequest
        init(_ request: ChatRequest) { self.request = request }

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(_ name: String) { stringValue = name }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        struct StreamOptions: Encodable {
            let include_usage: Bool
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(request.model, forKey: Key("model"))
            try container.encode(request.messages, forKey: Key("messages"))
            try container.encodeIfPresent(request.temperature, forKey: Key("temperature"))
            try container.encodeIfPresent(request.maxTokens, forKey: Key(request.maxTokensField.rawValue))
            if request.stream {
                try container.encode(true, forKey: Key("stream"))
                if request.includeUsage {
                    try container.encode(StreamOptions(include_usage: true), forKey: Key("stream_options"))
                }
            }
        }
    }
}
