import ChatClient

/// The words for token usage and cost: `/usage` and `--usage`.
public enum UsageLine {
    public static func describe(_ usage: Usage, cost: Double?) -> String {
        var text = "\(usage.promptTokens) prompt + \(usage.completionTokens) completion = \(usage.totalTokens) tokens"
        if usage.estimated { text += " (estimated)" }
        text += cost.map { ", about \(Format.dollars($0))" } ?? ", cost unknown (no price for this model in the config)"
        return text
    }

    public static func describe(_ conversation: Conversation, models: ModelTable, cap: Double?) -> String {
        var text =
            "\(conversation.turnCount) replies: "
            + describe(conversation.totals, cost: models.cost(of: conversation))
        if let cap { text += "; cap \(Format.dollars(cap)) a session" }
        return text
    }
}
