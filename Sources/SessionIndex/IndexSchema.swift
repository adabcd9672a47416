/// The index's tables, and the number in `PRAGMA user_version` that names their layout.
enum IndexSchema {
    /// Raised whenever the tables below change: an index with another number is emptied and rebuilt.
    static let version = 1

    /// Written over `version` when damage is found in use, so that the next open rebuilds.
    static let damagedMarker = -1

    static let tables: Set<String> = ["session", "message", "message_text"]

    /// `message.id` is also the rowid of the message's text in `message_text`, and it is made of
    /// the message's time and role (see `messageID`): newest first then reads the matches of
    /// FTS5 backwards and stops at the limit, and ranking and the role filter know the role
    /// without a lookup for each match, which matters for words that are in most messages.
    /// `message_text` is an ordinary FTS5 table holding the only copy of the text, so `snippet()`
    /// can read it and a deleted row's text goes with the row; 'optimize' then drops its words
    /// from the FTS5 segments.
    static let create = """
        CREATE TABLE session (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            model TEXT NOT NULL,
            modified REAL NOT NULL,
            size INTEGER NOT NULL,
            turns INTEGER NOT NULL
        );
        CREATE INDEX session_updated ON session (updated);
        CREATE TABLE message (
            id INTEGER PRIMARY KEY,
            session INTEGER NOT NULL,
            turn INTEGER NOT NULL,
            role TEXT NOT NULL,
            time TEXT NOT NULL,
            model TEXT
        );
        CREATE INDEX message_session ON message (session);
        CREATE VIRTUAL TABLE message_text USING fts5 (text, tokenize = 'unicode61 remove_diacritics 2');
        PRAGMA user_version = \(version);
        """

    /// The bits of a message id below its time: room for 512 user messages and 512 replies in
    /// one second (more spill into the next second).
    static let sequenceBits = 10

    /// The first message id of the second `seconds` after 1970; times before 1970 count as 1970.
    static func firstMessageID(seconds: Int64) -> Int64 {
        max(seconds, 0) << sequenceBits
    }

    /// The id after `last` with the role in its low bit: 1 for user text, 0 for a reply.
    static func messageID(after last: Int64, user: Bool) -> Int64 {
        let next = last + 1
        return (next & 1 == 1) == user ? next : next + 1
    }
}
