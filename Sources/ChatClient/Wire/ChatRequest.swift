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
        Data(try bodyBytes())
    }

    /// The JSON body's bytes: written by `JSONWriter`, the same bytes as `codableBody()`; a body
    /// it cannot write (a number JSON cannot hold) goes through `JSONEncoder` for its error.
    public func bodyBytes() throws -> [UInt8] {
        do throws(JSONWriter.InvalidNumber) {
            return try fastBody()
        } catch {
            return Array(try codableBody())
        }
    }

    /// The JSON body as `JSONEncoder` writes it (`[.withoutEscapingSlashes, .sortedKeys]`): the
    /// reference `bodyBytes()` is tested against.
    public func codableBody() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return try encoder.encode(Wire(self))
    }

    /// The body written by hand: the keys `Wire` encodes, later ones winning as in a keyed
    /// container, sorted; the messages (the bulk) written straight from the model.
    private func fastBody() throws(JSONWriter.InvalidNumber) -> [UInt8] {
        var members: [String: JSONValue] = [:]
        // The top-level numbers Wire encodes as an Int.
        var integers: Set<String> = []
        for (name, value) in parameters.values
        where name != "model" && name != "messages" && !(name == "tools" && !tools.isEmpty) {
            let wireName = name == ParameterSpec.maxTokens.name ? maxTokensField.rawValue : name
            members[wireName] = value
            if case .number(let number) = value, Int(exactly: number) != nil {
                integers.insert(wireName)
            } else {
                integers.remove(wireName)
            }
        }
        if !tools.isEmpty {
            members["tools"] = .array(tools)
            integers.remove("tools")
        }
        if stream {
            members["stream"] = .bool(true)
            integers.remove("stream")
            if includeUsage {
                members["stream_options"] = .object(["include_usage": .bool(true)])
                integers.remove("stream_options")
            }
        }
        var names = Array(members.keys) + ["model", "messages"]
        names.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var writer = JSONWriter(pretty: false, capacity: messages.reduce(256) { $0 + $1.content.utf8.count + 32 })
        writer.beginObject()
        for name in names {
            writer.key(name)
            switch name {
            case "model":
                writer.string(model)
            case "messages":
                writer.beginArray()
                for message in messages {
                    writer.nextElement()
                    try message.write(to: &writer)
                }
                writer.endArray()
            default:
                let value = members[name] ?? .null
                if integers.contains(name), case .number(let number) = value, let whole = Int(exactly: number) {
                    writer.integer(whole)
                } else {
                    try writer.value(value)
                }
            }
        }
        writer.endObject()
        return writer.bytes
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
