import ChatClient

/// The conversation's own settings: what the slash-commands change, what a session saves.
public struct ConversationSettings: Codable, Sendable, Equatable {
    public var model: String
    /// The server, as shown: normalized and without credentials.
    public var baseURL: String?
    public var systemPrompt: String?
    public var parameters: RequestParameters
    /// Keys a session file holds that this Parley does not know (a newer version's): kept and
    /// written back unchanged, never sent.
    public var otherKeys: [String: JSONValue] = [:]
    /// The role in use (`-r`, `/role`), saved as `"role"`; its system prompt is `systemPrompt`.
    public var role: String?
    /// A role that places the input (`{{input}}`): its text, variables filled, saved as
    /// `"role_template"`, so a resumed session places the input as before.
    public var roleTemplate: String?
    /// aichat's few-shot examples of the role, sent after the system prompt; saved as `"role_examples"`.
    public var roleExamples: [ChatMessage] = []

    public init(
        model: String, baseURL: String? = nil, systemPrompt: String? = nil,
        parameters: RequestParameters = RequestParameters()
    ) {
        self.model = model
        self.baseURL = baseURL
        self.systemPrompt = systemPrompt
        self.parameters = parameters
    }

    public init(
        model: String, baseURL: String? = nil, systemPrompt: String? = nil, temperature: Double?, maxTokens: Int? = nil
    ) {
        var parameters = RequestParameters()
        parameters.temperature = temperature
        parameters.maxTokens = maxTokens
        self.init(model: model, baseURL: baseURL, systemPrompt: systemPrompt, parameters: parameters)
    }

    public var temperature: Double? {
        get { parameters.temperature }
        set { parameters.temperature = newValue }
    }

    public var maxTokens: Int? {
        get { parameters.maxTokens }
        set { parameters.maxTokens = newValue }
    }

    /// The settings with the command line's explicit values on top (a resumed session).
    public func overlaid(by flags: CommandLineSettings) -> ConversationSettings {
        var merged = self
        if let model = flags.model { merged.model = model }
        if let system = flags.systemPrompt { merged.systemPrompt = system }
        merged.parameters = parameters.overlaid(by: flags.parameters)
        return merged
    }

    private enum CodingKeys: String, CodingKey {
        case model
        case baseURL = "base_url"
        case systemPrompt = "system_prompt"
        case role
        case roleTemplate = "role_template"
        case roleExamples = "role_examples"
    }

    /// The parameters sit beside model and system prompt in the file (`"temperature": 0.7`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        model = try container.decode(String.self, forKey: .model)
        baseURL = try container.decodeIfPresent(String.self, forKey: .baseURL)
        systemPrompt = try container.decodeIfPresent(String.self, forKey: .systemPrompt)
        role = try container.decodeIfPresent(String.self, forKey: .role)
        roleTemplate = try container.decodeIfPresent(String.self, forKey: .roleTemplate)
        roleExamples = try container.decodeIfPresent([ChatMessage].self, forKey: .roleExamples) ?? []
        var values = try decoder.singleValueContainer().decode([String: JSONValue].self)
        for key in [
            "model", "base_url", "system_prompt", "role", "role_template", "role_examples", Self.otherParametersKey,
        ] {
            values[key] = nil
        }
        for (name, value) in values where value == .null { values[name] = nil }
        for spec in ParameterSpec.known {
            if let value = values[spec.name], !spec.check(value) {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: decoder.codingPath + [AnyKey(spec.name)],
                        debugDescription: "\(spec.name) must be \(spec.accepted)"))
            }
        }
        let known = Set(ParameterSpec.known.map(\.name))
        parameters = RequestParameters(values.filter { known.contains($0.key) })
        otherKeys = values.filter { !known.contains($0.key) }
        // Parameters Parley does not type (`-o foo=1`) sit in an object of their own.
        let all = try decoder.singleValueContainer().decode([String: JSONValue].self)
        if case .object(let others) = all[Self.otherParametersKey] ?? .null {
            for (name, value) in others where !known.contains(name) && ParameterValue.reserved[name] == nil {
                parameters[name] = value
            }
        }
    }

    /// The key of the object that holds the parameters Parley does not type.
    static let otherParametersKey = "other_params"

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        for (name, value) in otherKeys { try container.encode(value, forKey: AnyKey(name)) }
        var others: [String: JSONValue] = [:]
        for (name, value) in parameters.values {
            if ParameterSpec.named(name) != nil {
                try container.encode(value, forKey: AnyKey(name))
            } else {
                others[name] = value
            }
        }
        if !others.isEmpty { try container.encode(others, forKey: AnyKey(Self.otherParametersKey)) }
        try container.encode(model, forKey: AnyKey("model"))
        try container.encodeIfPresent(baseURL, forKey: AnyKey("base_url"))
        try container.encodeIfPresent(systemPrompt, forKey: AnyKey("system_prompt"))
        try container.encodeIfPresent(role, forKey: AnyKey("role"))
        try container.encodeIfPresent(roleTemplate, forKey: AnyKey("role_template"))
        if !roleExamples.isEmpty { try container.encode(roleExamples, forKey: AnyKey("role_examples")) }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
