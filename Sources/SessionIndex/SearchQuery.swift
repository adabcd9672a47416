/// A search: FTS5 query text, an order, filters and a limit.
public struct SearchQuery: Sendable, Equatable {
    /// The order of the hits.
    public enum Sort: String, Sendable {
        /// The newest message first.
        case newest
        /// The best match first (bm25; user text counts double).
        case best
    }

    /// FTS5 query syntax: words, "phrases", prefix*, AND, OR, NOT, parentheses.
    public var text: String
    public var sort: Sort
    /// Only this model; a trailing `*` makes it a prefix (`gpt-4*`). A user message counts as its
    /// session's model when it has none of its own.
    public var model: String?
    /// Only messages at or after this time (ISO 8601 UTC, compared as text, so `2026-11` works too).
    public var since: String?
    /// Only "user" or only "assistant" messages.
    public var role: String?
    /// At most this many hits.
    public var limit: Int

    public init(
        text: String, sort: Sort = .best, model: String? = nil, since: String? = nil, role: String? = nil,
        limit: Int = 20
    ) {
        self.text = text
        self.sort = sort
        self.model = model
        self.since = since
        self.role = role
        self.limit = limit
    }
}
