import ChatClient

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
            while rest.count > 1, rest.first?.role == .assistant || rest.first?.role == .tool {
                total -= TokenEstimate.tokens(rest.removeFirst())
                leftOut += 1
            }
        }
        return (Array(system) + rest, leftOut)
    }
}
