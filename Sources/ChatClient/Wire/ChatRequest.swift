#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A chat completion request. Parameters the user did not set stay `nil` and are left out of
/// the body (some compatible servers reject `null`).
public struct ChatRequest: Sendable, Equatable {
    public var model: String
    public var messages: [ChatMessage]
    /// Temperature, length limit and every other parameter set; the unset ones are left out.
    public var parameters: RequestParameters
    public var maxTokensField: MaxTokensField
    public var stream: Bool
    /// Ask for a final usage chunk (`stream_options.include_usage`); only sent when streaming.
    public var includeUsage: Bool
    /// The tools on offer (`tools`), in the wire shape; left out when empty.
    public var tools: [JSONValue] = []

    public init(
        model: String, messages: [ChatMessage], parameters: RequestParameters = RequestParameters(),
        maxTokensField: MaxTokensField = .maxTokens, stream: Bool = false, includeUsage: Bool = true
    ) {
        self.model = model
        self.messages = messages
        self.parameters = parameters
        self.maxTokensField = maxTokensField
        self.stream = stream
        self.includeUsage = includeUsage
    }

    public init(
        model: String, messages: [ChatMessage], temperature: Double?, maxTokens: Int? = nil,
        maxTokensField: MaxTokensField = .maxTokens, stream: Bool = false
    ) {
        var parameters = RequestParameters()
        parameters.temperature = temperature
        parameters.maxTokens = maxTokens
        self.init(
            model: model, messages: messages, parameters: parameters, maxTokensField: maxTokensField, stream: stream)
    }

    public var temperature: Double? {
        get { parameters.temperature }
        set { parameters.temperature = newValue }
    }

    public var maxTokens: Int? {
        get { parameters.maxTokens }
        set { parameters.maxTokens = newValue }
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
            let includeUsage: Bool
            private enum CodingKeys: String, CodingKey { case includeUsage = "include_usage" }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(request.model, forKey: Key("model"))
            try container.encode(request.messages, forKey: Key("messages"))
            for (name, value) in request.parameters.values
            where name != "model" && name != "messages" && !(name == "tools" && !request.tools.isEmpty) {
                let wireName = name == ParameterSpec.maxTokens.name ? request.maxTokensField.rawValue : name
                if case .number(let number) = value, let whole = Int(exactly: number) {
                    try container.encode(whole, forKey: Key(wireName))
                } else {
                    try container.encode(value, forKey: Key(wireName))
                }
            }
            if !request.tools.isEmpty { try container.encode(request.tools, forKey: Key("tools")) }
            if request.stream {
                try container.encode(true, forKey: Key("stream"))
                if request.includeUsage {
                    try container.encode(StreamOptions(includeUsage: true), forKey: Key("stream_options"))
                }
            }
        }
    }
}
