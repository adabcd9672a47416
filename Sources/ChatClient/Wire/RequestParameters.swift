/// The request parameters set for a conversation, by wire name. Unset ones are absent, so
/// they are left out of the request. Config, command line, session and request share it.
public struct RequestParameters: Sendable, Equatable, Codable {
    public private(set) var values: [String: JSONValue] = [:]

    public init(_ values: [String: JSONValue] = [:]) {
        self.values = values
    }

    public subscript(name: String) -> JSONValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    public var isEmpty: Bool { values.isEmpty }

    public var temperature: Double? {
        get { values[ParameterSpec.temperature.name]?.numberValue }
        set { values[ParameterSpec.temperature.name] = newValue.map { .number($0) } }
    }

    public var maxTokens: Int? {
        get { values[ParameterSpec.maxTokens.name]?.numberValue.flatMap { Int(exactly: $0) } }
        set { values[ParameterSpec.maxTokens.name] = newValue.map { .number(Double($0)) } }
    }

    /// `other`'s values where it has them, ours elsewhere.
    public func overlaid(by other: RequestParameters) -> RequestParameters {
        RequestParameters(values.merging(other.values) { $1 })
    }

    public init(from decoder: any Decoder) throws {
        values = try decoder.singleValueContainer().decode([String: JSONValue].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }
}
