/// Token counts of one reply, as the server reports them (or as estimated when it does not).
public struct Usage: Codable, Sendable, Equatable {
    public var promptTokens: Int
    public var completionTokens: Int
    public var totalTokens: Int
    /// True when the numbers are Parley's estimate, not the server's.
    public var estimated: Bool

    public init(promptTokens: Int, completionTokens: Int, totalTokens: Int? = nil, estimated: Bool = false) {
        self.promptTokens = Bounded.count(promptTokens)
        self.completionTokens = Bounded.count(completionTokens)
        self.totalTokens = Bounded.count(totalTokens ?? Bounded.sum(promptTokens, completionTokens))
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
        // Counts come from servers and files: clamped, so no sum of them can overflow.
        func count(_ key: CodingKeys) -> Int? {
            if let value = try? container.decodeIfPresent(Int.self, forKey: key) { return Bounded.count(value) }
            if let value = try? container.decodeIfPresent(Double.self, forKey: key), value.isFinite {
                return value >= Double(Bounded.maxCount) ? Bounded.maxCount : Bounded.count(Int(max(value, 0)))
            }
            return nil
        }
        promptTokens = count(.promptTokens) ?? 0
        completionTokens = count(.completionTokens) ?? 0
        totalTokens = count(.totalTokens) ?? Bounded.sum(promptTokens, completionTokens)
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
            promptTokens: Bounded.sum(lhs.promptTokens, rhs.promptTokens),
            completionTokens: Bounded.sum(lhs.completionTokens, rhs.completionTokens),
            totalTokens: Bounded.sum(lhs.totalTokens, rhs.totalTokens),
            estimated: lhs.estimated || rhs.estimated)
    }
}
