import ChatClient

/// The line after a reply on a terminal: tokens in and out, time to the first token, speed,
/// and the cost when the model's price is known. `~` marks counts Parley estimated.
public struct StatusLine: Sendable, Equatable {
    public var usage: Usage
    public var timeToFirstToken: Double?
    public var total: Double
    public var cost: Double?

    public init(usage: Usage, timeToFirstToken: Double?, total: Double, cost: Double?) {
        self.usage = usage
        self.timeToFirstToken = timeToFirstToken
        self.total = total
        self.cost = cost
    }

    public var text: String {
        let mark = usage.estimated ? "~" : ""
        var parts = ["\(mark)\(usage.promptTokens) in", "\(mark)\(usage.completionTokens) out"]
        if let first = timeToFirstToken {
            parts.append("first token \(Format.seconds(first))")
            let streaming = total - first
            if usage.completionTokens > 1, streaming > 0.05 {
                parts.append("\(Int((Double(usage.completionTokens) / streaming).rounded())) tok/s")
            }
        }
        if let cost { parts.append(Format.dollars(cost)) }
        return parts.joined(separator: " · ")
    }
}
