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

    /// The message at the reader, read piece by piece as `init(json:)` reads the whole object,
    /// without a dictionary in between (a session holds a thousand messages). It throws where
    /// `init(json:)` gives nil, and on a key twice (which `JSONDecoder` takes the first of).
    public init(reading reader: inout JSONReader) throws(JSONReader.Failure) {
        try reader.beginObject()
        var role: Role?
        var content: JSONValue?
        var others: [String: JSONValue] = [:]
        while let key = try reader.nextKey() {
            switch key {
            case "role":
                guard role == nil, let known = Role(rawValue: try reader.string()) else {
                    throw reader.failure("a role twice, or one Parley does not know")
                }
                role = known
            case "content":
                guard content == nil else { throw reader.failure("content twice") }
                content = reader.peek() == UInt8(ascii: "\"") ? .string(try reader.string()) : try reader.value()
            default:
                guard others.updateValue(try reader.value(), forKey: key) == nil else {
                    throw reader.failure("a key twice")
                }
            }
        }
        guard let role else { throw reader.failure("no role") }
        self.init(role: role, content: "")
        switch content {
        case nil: break
        case .string(let text): self.content = text
        case .null: contentParts = .null
        case .array(let parts)?:
            self.content = parts.compactMap { $0["text"]?.stringValue }.joined()
            contentParts = .array(parts)
        default: throw reader.failure("content neither a string, null nor an array")
        }
        otherKeys = others
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
