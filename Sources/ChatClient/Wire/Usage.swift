/// Token counts of one reply, as the server reports them (or as estimated when it does not).
public struct Usage: Codable, Sendable, Equatable {
    public var promptTokens: Int
    public var completionTokens: Int
    public var totalTokens: Int
    /// True when the numbers are Parley's estimate, not the server's.
    public var estimated: Bool

    public init(promptTokens: Int, completionTokens: Int, totalTokens: Int? = nil, estimated: Bool = false) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.totalTokens = totalTokens ?? promptTokens + completionTokens
        self.estimated = estimated
    }

    private enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case totalTokens = "total_tokens"
        case estimated
    }

    /// Missing counts are taken as zero: servers report usage in varying detail.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        promptTokens = (try? container.decodeIfPresent(Int.self, forKey: .promptTokens)) ?? 0
        completionTokens = (try? container.decodeIfPresent(Int.self, forKey: .completionTokens)) ?? 0
        totalTokens =
            (try? container.decodeIfPresent(Int.self, forKey: .totalTokens)) ?? promptTokens + completionTokens
        estimated = (try? container.decodeIfPresent(Bool.self, forKey: .estimated)) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(promptTokens, forKey: .promptTokens)
        try container.encode(completionTokens, forKey: .completionTokens)
        try container.encode(totalTokens, forKey: .totalTokens)
        if estimated { try container.encode(true, forKey: .estimated) }
    }

    public static func + (lhs: Usage, rhs: Usage) -> Usage {
        Usage(
            promptTokens: lhs.promptTokens + rhs.promptTokens,
            completionTokens: lhs.completionTokens + rhs.completionTokens,
            totalTokens: lhs.totalTokens + rhs.totalTokens,
            estimated: lhs.estimated || rhs.estimated)
    }
}
