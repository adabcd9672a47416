// The fast way in and out of JSON for messages, the bulk of a session file and of a request:
// the same as `init(from:)` and `encode(to:)`, without Codable's cost per key.
extension ChatMessage {
    /// The message a JSON object holds, as `init(from:)` reads it; nil wherever `init(from:)`
    /// would throw (no role, an unknown one, content neither a string, null nor an array), so
    /// the caller can let `JSONDecoder` say what is wrong.
    public init?(json: JSONValue) {
        guard case .object(let members) = json, case .string(let name) = members["role"] ?? .null,
            let role = Role(rawValue: name)
        else { return nil }
        self.init(role: role, content: "")
        switch members["content"] {
        case nil:
            break
        case .string(let text):
            content = text
        case .null:
            contentParts = .null
        case .array(let parts)?:
            content = parts.compactMap { $0["text"]?.stringValue }.joined()
            contentParts = .array(parts)
        default:
            return nil
        }
        if members.count > (members["content"] == nil ? 1 : 2) {
            var others = members
            others["role"] = nil
            others["content"] = nil
            otherKeys = others
        }
    }

    /// The message as `encode(to:)` writes it: role, content (its parts when it has them), then
    /// the other keys, which win over the two.
    public var jsonValue: JSONValue {
        var members: [String: JSONValue] = [
            "role": .string(role.rawValue), "content": contentParts ?? .string(content),
        ]
        members.merge(otherKeys) { $1 }
        return .object(members)
    }

    /// Writes the message as `JSONEncoder` would (`jsonValue`), directly when it has no other keys.
    public func write(to writer: inout JSONWriter) throws(JSONWriter.InvalidNumber) {
        guard otherKeys.isEmpty else {
            try writer.value(jsonValue)
            return
        }
        writer.beginObject()
        writer.key("content")
        if let contentParts {
            try writer.value(contentParts)
        } else {
            writer.string(content)
        }
        writer.key("role")
        writer.string(role.rawValue)
        writer.endObject()
    }
}
