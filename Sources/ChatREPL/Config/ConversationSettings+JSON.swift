import ChatClient

// The fast way in and out of JSON for a session's settings: the same as `init(from:)` and
// `encode(to:)`, so a session file can be read and written without Codable.
extension ConversationSettings {
    /// The settings a JSON object holds, as `init(from:)` reads them; nil wherever it would
    /// throw, so the caller can let `JSONDecoder` say what is wrong.
    init?(json: JSONValue) {
        guard case .object(let members) = json, case .string(let model) = members["model"] ?? .null else { return nil }
        /// A key `decodeIfPresent(String.self)` reads: absent or null is nil, a string itself.
        func optionalString(_ key: String) -> String?? {
            switch members[key] ?? .null {
            case .null: return .some(nil)
            case .string(let text): return .some(text)
            default: return nil
            }
        }
        guard let baseURL = optionalString("base_url"), let systemPrompt = optionalString("system_prompt"),
            let role = optionalString("role"), let roleTemplate = optionalString("role_template")
        else { return nil }
        var examples: [ChatMessage] = []
        switch members["role_examples"] ?? .null {
        case .null: break
        case .array(let items):
            for item in items {
                guard let message = ChatMessage(json: item) else { return nil }
                examples.append(message)
            }
        default: return nil
        }
        var values = members
        for key in [
            "model", "base_url", "system_prompt", "role", "role_template", "role_examples", Self.otherParametersKey,
        ] {
            values[key] = nil
        }
        for (name, value) in values where value == .null { values[name] = nil }
        for spec in ParameterSpec.known {
            if let value = values[spec.name], !spec.check(value) { return nil }
        }
        let known = Set(ParameterSpec.known.map(\.name))
        var parameters = RequestParameters(values.filter { known.contains($0.key) })
        if case .object(let others) = members[Self.otherParametersKey] ?? .null {
            for (name, value) in others where !known.contains(name) && ParameterValue.reserved[name] == nil {
                parameters[name] = value
            }
        }
        self.init(model: model, baseURL: baseURL, systemPrompt: systemPrompt, parameters: parameters)
        self.otherKeys = values.filter { !known.contains($0.key) }
        self.role = role
        self.roleTemplate = roleTemplate
        self.roleExamples = examples
    }

    /// The settings as `encode(to:)` writes them, later keys winning as in a keyed container.
    var jsonValue: JSONValue {
        var members = otherKeys
        var others: [String: JSONValue] = [:]
        for (name, value) in parameters.values {
            if ParameterSpec.named(name) != nil {
                members[name] = value
            } else {
                others[name] = value
            }
        }
        if !others.isEmpty { members[Self.otherParametersKey] = .object(others) }
        members["model"] = .string(model)
        if let baseURL { members["base_url"] = .string(baseURL) }
        if let systemPrompt { members["system_prompt"] = .string(systemPrompt) }
        if let role { members["role"] = .string(role) }
        if let roleTemplate { members["role_template"] = .string(roleTemplate) }
        if !roleExamples.isEmpty { members["role_examples"] = .array(roleExamples.map(\.jsonValue)) }
        return .object(members)
    }
}
