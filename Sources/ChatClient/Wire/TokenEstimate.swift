/// A rough token count, for servers that report no usage and for the limits Parley keeps
/// itself (rate limits, the context window): about four characters a token, and four tokens
/// of framing a message.
public enum TokenEstimate {
    public static func tokens(_ text: String) -> Int {
        tokens(utf8Count: text.utf8.count)
    }

    /// The estimate for a text of this many UTF-8 bytes.
    public static func tokens(utf8Count: Int) -> Int {
        (utf8Count + 3) / 4
    }

    public static func tokens(_ message: ChatMessage) -> Int {
        tokens(message.content) + 4 + (message.contentParts == nil ? 0 : message.attachmentTokenEstimate)
    }

    /// Inlinable, so it is made for the caller's sequence type: made generically, it looks the
    /// sequence's iterator type up by name, a conformance scan of the whole binary.
    @inlinable
    public static func tokens(_ messages: some Sequence<ChatMessage>) -> Int {
        var total = 0
        for message in messages { total += tokens(message) }
        return total
    }

    public static func usage(prompt: [ChatMessage], reply: String) -> Usage {
        usage(prompt: prompt, replyBytes: reply.utf8.count)
    }

    /// The same, for a reply known by its length in UTF-8 bytes.
    public static func usage(prompt: [ChatMessage], replyBytes: Int) -> Usage {
        Usage(promptTokens: tokens(prompt), completionTokens: tokens(utf8Count: replyBytes), estimated: true)
    }
}
