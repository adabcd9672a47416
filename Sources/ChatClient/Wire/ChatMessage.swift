/// One message of a conversation, in the shape the API takes. What Parley does not model (image
/// and file parts, `tool_calls`, `tool_call_id`, `name`, keys of newer APIs) is kept as it was
/// and written back and sent unchanged, so a conversation from another tool survives a round trip.
public struct ChatMessage: Codable, Sendable, Equatable {
    public var role: Role
    /// The text: the content string, or the text of its parts joined.
    public var content: String
    /// The content as the message held it when it was not a plain string (an array of parts, or
    /// null); nil for plain text.
    public var contentParts: JSONValue?
    /// Every other key of the message, as it was.
    public var otherKeys: [String: JSONValue]

    public init(role: Role, content: String) {
        self.role = role
        self.content = content
        self.contentParts = nil
        self.otherKeys = [:]
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Accepts `content` as a string, as `null`, or as an array of parts (the other shapes the
    /// API allows), so a conversation saved by another tool still loads.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        role = try container.decode(Role.self, forKey: Key("role"))
        // Text, the usual content, is read as such; anything else (parts, null) as a JSON value.
        let value =
            try (try? container.decodeIfPresent(String.self, forKey: Key("content"))).map { JSONValue.string($0) }
            ?? container.decodeIfPresent(JSONValue.self, forKey: Key("content")) ?? .null
        switch value {
        case .string(let text):
            content = text
            contentParts = nil
        case .null:
            content = ""
            contentParts = container.contains(Key("content")) ? .null : nil
        case .array(let parts):
            content = parts.compactMap { $0["text"]?.stringValue }.joined()
            contentParts = value
        default:
            throw DecodingError.dataCorruptedError(
                forKey: Key("content"), in: container, debugDescription: "expected a string, null or an array of parts")
        }
        var others: [String: JSONValue] = [:]
        for key in container.allKeys where key.stringValue != "role" && key.stringValue != "content" {
            others[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
        }
        otherKeys = others
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(role, forKey: Key("role"))
        if let contentParts {
            try container.encode(contentParts, forKey: Key("content"))
        } else {
            try container.encode(content, forKey: Key("content"))
        }
        for (key, value) in otherKeys { try container.encode(value, forKey: Key(key)) }
    }
}
