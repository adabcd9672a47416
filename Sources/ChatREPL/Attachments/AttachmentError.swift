/// Why an attachment cannot go: the file (or URL) and the reason, said in one line before
/// anything is sent.
public struct AttachmentError: Error, Sendable, Equatable {
    /// The path, URL or "stdin" as the user gave it.
    public var name: String
    public var reason: String
    /// One line on what to do instead, when there is something to say.
    public var advice: String?

    public init(_ name: String, _ reason: String, advice: String? = nil) {
        self.name = name
        self.reason = reason
        self.advice = advice
    }

    public var words: ErrorWording.Words {
        ErrorWording.Words(message: "cannot attach \(name): \(reason)", advice: advice)
    }

    public var parleyError: ParleyError { .attachment(words.message, advice: advice) }
}
