import ChatClient

/// The config's `models` table, looked up by exact name or the longest name that starts the
/// model id (`gpt-4o-mini` covers `gpt-4o-mini-2024-07-18`).
public struct ModelTable: Sendable, Equatable {
    public var entries: [String: ModelInfo]
    /// The context length of a model the table does not know.
    public var defaultContextLength: Int

    public static let builtInContextLength = 128_000

    public init(entries: [String: ModelInfo] = [:], defaultContextLength: Int = builtInContextLength) {
        self.entries = entries
        self.defaultContextLength = defaultContextLength
    }

    public func info(_ model: String) -> ModelInfo? {
        if let exact = entries[model] { return exact }
        return entries.filter { model.hasPrefix($0.key) }.max { $0.key.count < $1.key.count }?.value
    }

    public func contextLength(_ model: String) -> Int {
        info(model)?.contextLength ?? defaultContextLength
    }

    /// The cost of a reply's usage in dollars, when the table has the model's prices.
    public func cost(of usage: Usage, model: String) -> Double? {
        guard let info = info(model), let input = info.inputPrice, let output = info.outputPrice else { return nil }
        return (Double(usage.promptTokens) * input + Double(usage.completionTokens) * output) / 1_000_000
    }

    /// The conversation's cost so far; `nil` when no reply has a known price.
    public func cost(of conversation: Conversation) -> Double? {
        var total: Double?
        for info in conversation.info.compactMap({ $0 }) {
            guard let usage = info.usage,
                let cost = cost(of: usage, model: info.model ?? conversation.settings.model)
            else { continue }
            total = (total ?? 0) + cost
        }
        return total
    }
}
