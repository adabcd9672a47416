/// One message of a conversation, in the shape the API takes.
public struct ChatMessage: Codable, Sendable, Equatable {
    public var role: Role
    public var content: String

    public init(role: Role, content: String) {
        self.role = role
        self.content = content
    }

    private enum CodingKeys: String, CodingKey { case role, content }

    /// Accepts `content` as a string, as `null`, or as an array of text parts (the other
    /// shapes the API allows), so a conversation saved by another tool still loads.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        role = try container.decode(Role.self, forKey: .role)
        if let text = try? container.decodeIfPresent(String.self, forKey: .content) {
            content = text
        } else if let parts = try? container.decode([TextPart].self, forKey: .content) {
            content = parts.compactMap(\.text).joined()
        } else if try container.decodeNil(forKey: .content) {
            content = ""
        } else {
            throw DecodingError.dataCorruptedError(
                forKey: .content, in: container,
                debugDescription: "expected a string, null or an array of text parts")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(role, forKey: .role)
        try container.encode(content, forKey: .content)
    }

    private struct TextPart: Decodable {
        var text: String?
    }
}
