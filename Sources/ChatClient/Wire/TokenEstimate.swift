/// A rough token count, for servers that report no usage and for the limits Parley keeps
/// itself (rate limits, the context window): about four characters a token, and four tokens
/// of framing a message.
public enum TokenEstimate {
    public static func tokens(_ text: String) -> Int {
        (text.utf8.count + 3) / 4
    }

    public static func tokens(_ message: ChatMessage) -> Int {
        tokens(message.content) + 4 + (message.contentParts == nil ? 0 : message.attachmentTokenEstimate)
    }

    public static func tokens(_ messages: some Sequence<ChatMessage>) -> Int {
        messages.reduce(0) { $0 + tokens($1) }
    }

    public static func usage(prompt: [ChatMessage], reply: String) -> Usage {
        Usage(promptTokens: tokens(prompt), completionTokens: tokens(reply), estimated: true)
    }
}
