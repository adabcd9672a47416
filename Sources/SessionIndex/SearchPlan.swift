/// The SQL of one search and the values bound to it.
struct SearchPlan {
    let sql: String
    let values: [SQLiteDatabase.Value]

    /// What FTS5 accepts, told with every query it rejects.
    static let syntaxHelp =
        #"Search for words (whole words, any case), "a phrase" in double quotes (also for anything with "#
        + #"punctuation, like "gpt-4" or "file.swift"), prefix* for words that begin so, and combine them with "#
        + #"AND, OR and NOT (in capitals) and parentheses, e.g. rebase OR "merge conflict" NOT squash*."#

    init(_ query: SearchQuery, highlight: (open: String, close: String)) throws(SessionIndexError) {
        let text = query.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !text.isEmpty else { throw .badQuery("nothing to search for. " + Self.syntaxHelp) }
        var values: [SQLiteDatabase.Value] = [
            .text(text), .integer(max(query.limit, 0)), .text(highlight.open), .text(highlight.close),
        ]
        func parameter(_ value: String) -> String {
            values.append(.text(value))
            return "?\(values.count)"
        }
        var filters: [String] = []
        var needsMessage = false
        var needsSession = false
        switch query.role {
        case nil: break
        case "user": filters.append("(message_text.rowid & 1) = 1")
        case "assistant": filters.append("(message_text.rowid & 1) = 0")
        case let role?: throw .badQuery("no role \"\(role)\": the index holds user and assistant messages")
        }
        if let since = query.since {
            needsMessage = true
            filters.append("m.time >= \(parameter(since))")
        }
        if let model = query.model {
            needsMessage = true
            needsSession = true
            if model.hasSuffix("*") {
                filters.append("instr(coalesce(m.model, s.model), \(parameter(String(model.dropLast())))) = 1")
            } else {
                filters.append("coalesce(m.model, s.model) = \(parameter(model))")
            }
        }
        // Best: user text ranks above a reply with the same words, as its bm25 score (negative,
        // lower is better) counts double; the role is the low bit of the rowid. parley_rank
        // (CSQLite's shim.h) gives the same order for the first ?2 rows without reading the
        // length of every match. Newest: message ids grow with time, so FTS5 reads its matches
        // backwards and the search stops at the limit.
        let key = query.sort == .best ? "parley_rank(message_text, ?2)" : "message_text.rowid"
        let order = query.sort == .best ? "2, 1 DESC" : "1 DESC"
        var joins = ""
        if needsMessage { joins += " JOIN message AS m ON m.id = message_text.rowid" }
        if needsSession { joins += " JOIN session AS s ON s.id = m.session" }
        // The few hits are chosen first and only they get a snippet: in one query SQLite would
        // make the snippet of every match before sorting, thousands for a common word. CROSS JOIN
        // keeps `hit` the outer loop: not knowing the limit, the planner would rather scan
        // every match of `message_text` and look each up in `hit`.
        sql = """
            WITH hit (id, key) AS MATERIALIZED (
                SELECT message_text.rowid, \(key) FROM message_text\(joins)
                WHERE message_text MATCH ?1\(filters.map { " AND " + $0 }.joined())
                ORDER BY \(order) LIMIT ?2
            )
            SELECT s.path, s.title, s.updated, m.turn, m.role, coalesce(m.model, nullif(s.model, '')), m.time,
                snippet(message_text, 0, ?3, ?4, '…', 14)
            FROM hit
            CROSS JOIN message_text ON message_text.rowid = hit.id
            JOIN message AS m ON m.id = hit.id
            JOIN session AS s ON s.id = m.session
            WHERE message_text MATCH ?1
            ORDER BY hit.key\(query.sort == .best ? "" : " DESC"), hit.id DESC
            """
        self.values = values
    }

    /// The error for a query FTS5 rejected: the query, SQLite's reason, and what is accepted.
    static func rejected(_ text: String, reason: String) -> SessionIndexError {
        .badQuery("cannot search for \(text): \(explained(reason)). " + syntaxHelp)
    }

    /// FTS5's reasons in the terms of the query; one it does not explain is given as it is.
    static func explained(_ reason: String) -> String {
        // "gpt-4" and "http://x" fail this way: FTS5 reads "-4" and "http:" as column filters.
        if reason.hasPrefix("no such column: ") {
            return "\"\(reason.dropFirst("no such column: ".count))\" was read as a column name (a word after - "
                + "or before :)"
        }
        if reason.hasPrefix("unknown special query") { return "a * must end a word, not begin one" }
        if reason == "unterminated string" { return "a double quote is not closed" }
        if reason == #"fts5: syntax error near """# { return "it ends where a word was expected" }
        if reason.hasPrefix("fts5: ") { return String(reason.dropFirst("fts5: ".count)) }
        return reason
    }

    /// A snippet on one line: newlines and tabs in the message would break a listing.
    static func oneLine(_ snippet: String) -> String {
        snippet.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == " " })
            .joined(separator: " ")
    }
}
