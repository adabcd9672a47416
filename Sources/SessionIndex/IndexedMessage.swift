/// One message of a session as the index sees it.
public struct IndexedMessage: Sendable, Equatable {
    /// 1-based exchange number: a user message and its reply share a turn.
    public var turn: Int
    /// "user" or "assistant"; messages with other roles are not indexed.
    public var role: String
    public var text: String
    /// ISO 8601 UTC like 2026-11-24T21:34:05Z; "" when unknown.
    public var time: String
    public var model: String?

    public init(turn: Int, role: String, text: String, time: String, model: String?) {
        self.turn = turn
        self.role = role
        self.text = text
        self.time = time
        self.model = model
    }
}
