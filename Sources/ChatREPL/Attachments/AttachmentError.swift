import Render

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

    /// The name is neutralised: a file a directory or a glob brought may be named anything.
    public var words: ErrorWording.Words {
        ErrorWording.Words(message: "cannot attach \(SafeText.neutralized(name)): \(reason)", advice: advice)
    }

    public var parleyError: ParleyError { .attachment(words.message, advice: advice) }
}
