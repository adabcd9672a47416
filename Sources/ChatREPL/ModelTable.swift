import ChatClient

/// What the config knows about a model: its context window and its prices.
public struct ModelInfo: Sendable, Equatable {
    public var contextLength: Int?
    /// US dollars per million prompt tokens.
    public var inputPrice: Double?
    /// US dollars per million completion tokens.
    public var outputPrice: Double?

    public init(contextLength: Int? = nil, inputPrice: Double? = nil, outputPrice: Double? = nil) {
        self.contextLength = contextLength
        self.inputPrice = inputPrice
        self.outputPrice = outputPrice
    }
}

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

/// Fits a request into a model's context window by leaving out the oldest turns; the system
/// prompt and the newest message always stay.
public enum ContextWindow {
    /// The messages that fit in `budget` tokens, and how many were left out.
    public static func fit(_ messages: [ChatMessage], budget: Int) -> (messages: [ChatMessage], leftOut: Int) {
        guard TokenEstimate.tokens(messages) > budget else { return (messages, 0) }
        let system = messages.prefix { $0.role == .system || $0.role == .developer }
        var rest = Array(messages.dropFirst(system.count))
        var leftOut = 0
        var total = TokenEstimate.tokens(system) + TokenEstimate.tokens(rest)
        while rest.count > 1, total > budget {
            total -= TokenEstimate.tokens(rest.removeFirst())
            leftOut += 1
            // A request should not start with a reply whose question was left out.
            while rest.count > 1, rest.first?.role == .assistant {
                total -= TokenEstimate.tokens(rest.removeFirst())
                leftOut += 1
            }
        }
        return (Array(system) + rest, leftOut)
    }
}
