// The fast way in and out of JSON for token counts, one per turn of a session file.
extension Usage {
    /// The counts a JSON object holds, as `init(from:)` reads them, or nil where it would throw
    /// (not an object). Counts are expected as the reader gives them: a whole `Double` stands
    /// for the integer it was written as (`JSONReader.hasLooseNumbers` tells when not).
    public init?(json: JSONValue) {
        guard case .object(let members) = json else { return nil }
        func count(_ key: String) -> Int? {
            guard case .number(let value) = members[key] ?? .null else { return nil }
            // What `decode(Int.self)` gives for a whole number, what the Double path gives otherwise.
            if value == value.rounded(.towardZero), abs(value) < 9.0e15 { return Bounded.count(Int(value)) }
            return value >= Double(Bounded.maxCount) ? Bounded.maxCount : Bounded.count(Int(max(value, 0)))
        }
        let prompt = count("prompt_tokens") ?? 0
        let completion = count("completion_tokens") ?? 0
        let total = count("total_tokens") ?? Bounded.sum(prompt, completion)
        let estimated: Bool
        if case .bool(let flag) = members["estimated"] ?? .null { estimated = flag } else { estimated = false }
        self.init(promptTokens: prompt, completionTokens: completion, totalTokens: total, estimated: estimated)
    }

    /// Writes the counts as `encode(to:)` does, keys sorted.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("completion_tokens")
        writer.integer(completionTokens)
        if estimated {
            writer.key("estimated")
            writer.bool(true)
        }
        writer.key("prompt_tokens")
        writer.integer(promptTokens)
        writer.key("total_tokens")
        writer.integer(totalTokens)
        writer.endObject()
    }
}
