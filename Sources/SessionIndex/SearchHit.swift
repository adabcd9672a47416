/// One message that matched a search.
public struct SearchHit: Sendable, Equatable {
    /// The session file.
    public var path: String
    public var title: String
    /// The session's updated time.
    public var sessionUpdated: String
    public var turn: Int
    public var role: String
    /// The message's model, else its session's; nil when neither is known.
    public var model: String?
    /// The message's time, else its session's updated time.
    public var time: String
    /// About 14 words around the match, on one line, each match between the caller's markers.
    public var snippet: String

    public init(
        path: String, title: String, sessionUpdated: String, turn: Int, role: String, model: String?, time: String,
        snippet: String
    ) {
        self.path = path
        self.title = title
        self.sessionUpdated = sessionUpdated
        self.turn = turn
        self.role = role
        self.model = model
        self.time = time
        self.snippet = snippet
    }
}
