#if canImport(Glibc)
    import Glibc
#endif

/// The full-text index of the session files (SQLite FTS5): searched by `parley search`, listed
/// by `parley sessions`, and always rebuildable from the files, which stay the source of truth.
///
/// Two Parleys may use the same index at once: the file is in WAL mode, every write takes the
/// write lock at its start, and a lock held by the other one is waited for up to 5 seconds.
public final class SessionIndex {
    /// The layout version this code writes into `PRAGMA user_version`.
    public static let schemaVersion = IndexSchema.version

    /// The SQLite library in use, like "3.40.1".
    public static var sqliteVersion: String { SQLiteDatabase.libraryVersion }

    /// How long a write waits for another Parley's lock.
    static let busyTimeoutMilliseconds = 5000

    /// Sessions written in one transaction by `rebuild`: short enough that another Parley's
    /// update waits well under the busy timeout.
    static let rebuildBatch = 200

    /// What opening found.
    public private(set) var condition: IndexCondition

    /// The index file.
    public let path: String

    private var database: SQLiteDatabase

    /// Opens or creates the index (WAL, busy timeout) and checks the whole file with
    /// `PRAGMA quick_check`; a damaged or older-format file is replaced by an empty one and
    /// reported in `condition` (the caller then rebuilds with a notice).
    public convenience init(path: String) throws(SessionIndexError) {
        try self.init(path: path, verify: true)
    }

    /// Opens or creates the index. `verify` false skips `PRAGMA quick_check`, which reads the
    /// whole file (a quarter of a second for 10,000 sessions): a file that is not a database or
    /// has a damaged header is still found, deeper damage when a search or update meets it.
    public init(path: String, verify: Bool) throws(SessionIndexError) {
        self.path = path
        condition = .ready
        do throws(SQLiteDatabase.Failure) {
            try Self.makeFile(path)
            database = try SQLiteDatabase(path: path)
        } catch {
            throw .cannotOpen(path: path, reason: error.message)
        }
        do throws(SQLiteDatabase.Failure) {
            condition = try settle(verify: verify)
        } catch {
            database.close()
            let reason = error.isBusy ? "another Parley held it for over 5 seconds; try again" : error.message
            throw .cannotOpen(path: path, reason: reason)
        }
    }

    /// Replaces all rows of one session (after each saved turn), in one transaction.
    public func update(_ session: IndexedSession) throws(SessionIndexError) {
        try perform("update") { () throws(SQLiteDatabase.Failure) in
            try database.writeTransaction { () throws(SQLiteDatabase.Failure) in try write([session]) }
        }
    }

    /// Removes a session's rows; its text leaves the file for good at the next `vacuum()`.
    public func remove(path: String) throws(SessionIndexError) {
        try perform("update") { () throws(SQLiteDatabase.Failure) in
            try database.writeTransaction { () throws(SQLiteDatabase.Failure) in try delete(path: path) }
        }
    }

    /// Replaces the whole index with these sessions: emptied in one transaction, then filled in
    /// batches, so that another Parley's update waits for one batch, not the whole rebuild. The
    /// sessions are read from the sequence one batch at a time: a lazy sequence that reads the
    /// files keeps one batch of text in memory, not all of it.
    public func rebuild(_ sessions: some Sequence<IndexedSession>) throws(SessionIndexError) {
        try perform("rebuild") { () throws(SQLiteDatabase.Failure) in
            try database.writeTransaction { () throws(SQLiteDatabase.Failure) in
                // Dropping the tables is far faster than deleting their rows one by one.
                try dropTables()
                try database.execute(IndexSchema.create)
            }
            var batch: [IndexedSession] = []
            batch.reserveCapacity(Self.rebuildBatch)
            for session in sessions {
                batch.append(session)
                guard batch.count == Self.rebuildBatch else { continue }
                try database.writeTransaction { () throws(SQLiteDatabase.Failure) in try write(batch) }
                batch.removeAll(keepingCapacity: true)
            }
            if !batch.isEmpty {
                try database.writeTransaction { () throws(SQLiteDatabase.Failure) in try write(batch) }
            }
        }
    }

    /// Compares what the index recorded of each session file with the files on disk now.
    public func staleness(against files: [SessionFileStamp]) throws(SessionIndexError) -> IndexStaleness {
        let recorded = try perform("read") { () throws(SQLiteDatabase.Failure) in
            try database.rows("SELECT path, modified, size FROM session") { row in
                SessionFileStamp(path: row.text(0), modified: row.real(1), size: row.integer(2))
            }
        }
        var known: [String: SessionFileStamp] = [:]
        for stamp in recorded { known[stamp.path] = stamp }
        var staleness = IndexStaleness()
        var present = Set<String>()
        for file in files {
            present.insert(file.path)
            if let stamp = known[file.path] {
                if stamp != file { staleness.changed.append(file.path) }
            } else {
                staleness.added.append(file.path)
            }
        }
        staleness.removed = recorded.map(\.path).filter { !present.contains($0) }
        staleness.changed.sort()
        staleness.added.sort()
        staleness.removed.sort()
        return staleness
    }

    /// Searches the messages with FTS5 query syntax; `highlight` goes around each match in the snippets.
    public func search(_ query: SearchQuery, highlight: (open: String, close: String)) throws(SessionIndexError)
        -> [SearchHit]
    {
        let plan = try SearchPlan(query, highlight: highlight)
        do throws(SQLiteDatabase.Failure) {
            return try database.rows(plan.sql, plan.values) { row in
                SearchHit(
                    path: row.text(0), title: row.text(1), sessionUpdated: row.text(2), turn: row.integer(3),
                    role: row.text(4), model: row.optionalText(5), time: row.text(6),
                    snippet: SearchPlan.oneLine(row.text(7)))
            }
        } catch  where error.isQueryError {
            // The SQL is fixed and known good, so an error here is FTS5 rejecting the query.
            throw SearchPlan.rejected(query.text, reason: error.message)
        } catch {
            throw describe(error, doing: "search")
        }
    }

    /// The indexed sessions, newest (by updated time) first; nil `limit` lists them all.
    public func sessions(limit: Int?) throws(SessionIndexError) -> [SessionSummary] {
        try perform("read") { () throws(SQLiteDatabase.Failure) in
            try database.rows(
                """
                SELECT path, title, created, updated, model, turns, size FROM session
                ORDER BY updated DESC, path LIMIT ?1
                """,
                [.integer(limit.map { max($0, 0) } ?? -1)]
            ) { row in
                SessionSummary(
                    path: row.text(0), title: row.text(1), created: row.text(2), updated: row.text(3),
                    model: row.text(4), turns: row.integer(5), size: row.integer(6))
            }
        }
    }

    /// Drops deleted text from the file for good: FTS5 'optimize' merges the segments into one
    /// without the deleted words, VACUUM writes a file of live pages only, and a TRUNCATE
    /// checkpoint empties the -wal file, which holds old copies of changed pages.
    /// (Deleted rows are already zeroed in place: the index runs with `PRAGMA secure_delete`.)
    public func vacuum() throws(SessionIndexError) {
        try perform("vacuum") { () throws(SQLiteDatabase.Failure) in
            try database.run("INSERT INTO message_text (message_text) VALUES ('optimize')")
            try database.execute("VACUUM")
            try checkpoint()
        }
    }

    /// Closes the index; later calls fail. Closing the last connection also empties the -wal file.
    public func close() {
        database.close()
    }

    /// Creates the parent directories (0700) and the file (0600), so that the index, which holds
    /// conversation text, is as private as the session files; SQLite gives its -wal and -shm
    /// files the same permissions.
    private static func makeFile(_ path: String) throws(SQLiteDatabase.Failure) {
        var info = stat()
        guard stat(path, &info) != 0 else { return }
        var directory = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/").dropLast() {
            directory += "/" + component
            if mkdir(directory, 0o700) != 0, errno != EEXIST {
                throw .cannotOpen("cannot create \(directory): \(String(cString: strerror(errno)))")
            }
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .cannotOpen(String(cString: strerror(errno)))
        }
        Glibc.close(descriptor)
    }

    /// Sets up the connection and brings the file to a usable index, telling what it found.
    private func settle(verify: Bool) throws(SQLiteDatabase.Failure) -> IndexCondition {
        try database.setBusyTimeout(milliseconds: Self.busyTimeoutMilliseconds)
        if let damage = try damage(verify: verify) {
            try replaceDamagedFile()
            try configure()
            try database.writeTransaction { () throws(SQLiteDatabase.Failure) in
                try dropTables()
                try database.execute(IndexSchema.create)
            }
            return .rebuiltCorrupt(damage)
        }
        try configure()
        // Under the write lock, so that two Parleys starting at once make the tables once.
        return try database.writeTransaction { () throws(SQLiteDatabase.Failure) -> IndexCondition in
            let version = try database.integer("PRAGMA user_version") ?? 0
            let tables = Set(
                try database.rows("SELECT name FROM sqlite_schema WHERE type = 'table'") { $0.text(0) })
            if version == IndexSchema.version, IndexSchema.tables.isSubset(of: tables) { return .ready }
            if version == 0, tables.isEmpty {
                try database.execute(IndexSchema.create)
                return .created
            }
            try dropTables()
            try database.execute(IndexSchema.create)
            switch version {
            case IndexSchema.damagedMarker: return .rebuiltCorrupt("damage was found while it was in use")
            case IndexSchema.version: return .rebuiltCorrupt("some of its tables are missing")
            // 0 with tables: made before versions were recorded, or by another program.
            default: return .outdatedSchema(version)
            }
        }
    }

    /// Settings of the connection, which most pragmas can only make once the file has proved a database.
    private func configure() throws(SQLiteDatabase.Failure) {
        // secure_delete zeroes deleted rows and freed pages, so deleted text does not linger
        // between vacuums. synchronous NORMAL skips the fsync at each commit (WAL stays
        // consistent; a crash may lose the last updates), which the files can always restore.
        try database.execute("PRAGMA secure_delete = ON; PRAGMA synchronous = NORMAL")
    }

    /// Why the file is not a sound database, or nil when it is.
    private func damage(verify: Bool) throws(SQLiteDatabase.Failure) -> String? {
        do throws(SQLiteDatabase.Failure) {
            // The first read of the file: one that is not a database fails here.
            _ = try database.text("PRAGMA journal_mode = WAL")
            guard verify else { return nil }
            let report = try database.rows("PRAGMA quick_check(3)") { $0.text(0) }
            if report == ["ok"] { return nil }
            // One line for a notice: "Page 7: btreeInitPage() returns error code 11; …".
            let problems = report.flatMap { $0.split(separator: "\n") }.filter { !$0.hasPrefix("***") }
            return problems.joined(separator: "; ")
        } catch  where error.isDamage {
            return error.message
        }
    }

    /// Empties a damaged file in place (so another Parley that has it open sees the empty one);
    /// when SQLite cannot, deletes it with its -wal and -shm files and starts a new one.
    private func replaceDamagedFile() throws(SQLiteDatabase.Failure) {
        do throws(SQLiteDatabase.Failure) {
            try database.resetToEmpty()
            try database.execute("PRAGMA journal_mode = WAL")
        } catch  where error.isDamage {
            database.close()
            for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
            try Self.makeFile(path)
            database = try SQLiteDatabase(path: path)
            try database.setBusyTimeout(milliseconds: Self.busyTimeoutMilliseconds)
            try database.execute("PRAGMA journal_mode = WAL")
        }
    }

    /// Drops every table, index, view and trigger, whatever version made them.
    private func dropTables() throws(SQLiteDatabase.Failure) {
        // The FTS5 table first: dropping it drops its shadow tables, which it needs to be dropped.
        let virtual = try database.rows(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'"
        ) { $0.text(0) }
        for name in virtual { try database.execute("DROP TABLE IF EXISTS \(Self.quoted(name))") }
        let others = try database.rows(
            "SELECT type, name FROM sqlite_schema WHERE type IN ('table', 'view', 'trigger') "
                + "AND name NOT LIKE 'sqlite_%'"
        ) { ($0.text(0), $0.text(1)) }
        for (type, name) in others { try database.execute("DROP \(type.uppercased()) IF EXISTS \(Self.quoted(name))") }
    }

    /// Writes sessions, replacing what the index had for their paths. Runs in a transaction.
    private func write(_ sessions: some Sequence<IndexedSession>) throws(SQLiteDatabase.Failure) {
        var texts: [(id: Int64, text: String)] = []
        for session in sessions {
            try delete(path: session.path)
            let turns = Set(session.messages.map(\.turn)).count
            let values: [SQLiteDatabase.Value] = [
                .text(session.path), .text(session.title), .text(session.created), .text(session.updated),
                .text(session.model), .real(session.modified), .integer(session.size), .integer(turns),
            ]
            let sql = """
                INSERT INTO session (path, title, created, updated, model, modified, size, turns)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id
                """
            let id = try database.integer(sql, values) ?? 0
            for message in session.messages where message.role == "user" || message.role == "assistant" {
                let time = message.time.isEmpty ? session.updated : message.time
                let messageID = try newMessageID(seconds: UTCTime.seconds(time) ?? 0, user: message.role == "user")
                try database.run(
                    "INSERT INTO message (id, session, turn, role, time, model) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    [
                        .integer(messageID), .integer(id), .integer(message.turn), .text(message.role), .text(time),
                        .text(message.model),
                    ])
                texts.append((messageID, message.text))
            }
        }
        // FTS5 writes out its pending rows whenever a rowid is lower than the one before it, which
        // would make a small segment for each session of a rebuild: the text goes in in rowid order.
        texts.sort { $0.id < $1.id }
        for (id, text) in texts {
            try database.run("INSERT INTO message_text (rowid, text) VALUES (?1, ?2)", [.integer(id), .text(text)])
        }
    }

    /// A free message id for a message at this time, in the same second when there is room.
    private func newMessageID(seconds: Int64, user: Bool) throws(SQLiteDatabase.Failure) -> Int64 {
        let width: Int64 = 1 << IndexSchema.sequenceBits
        var first = IndexSchema.firstMessageID(seconds: seconds)
        while true {
            let last = try database.integer(
                "SELECT max(id) FROM message WHERE id >= ?1 AND id < ?2", [.integer(first), .integer(first + width)])
            let id = IndexSchema.messageID(after: last.map(Int64.init) ?? first - 1, user: user)
            if id < first + width { return id }
            first += width
        }
    }

    /// Deletes a session's rows, if the index has it. Runs in a transaction.
    private func delete(path: String) throws(SQLiteDatabase.Failure) {
        guard let id = try database.integer("SELECT id FROM session WHERE path = ?1", [.text(path)]) else { return }
        try database.run(
            "DELETE FROM message_text WHERE rowid IN (SELECT id FROM message WHERE session = ?1)", [.integer(id)])
        try database.run("DELETE FROM message WHERE session = ?1", [.integer(id)])
        try database.run("DELETE FROM session WHERE id = ?1", [.integer(id)])
    }

    /// Copies the -wal file into the database and truncates it to nothing.
    private func checkpoint() throws(SQLiteDatabase.Failure) {
        let blocked = try database.integer("PRAGMA wal_checkpoint(TRUNCATE)") ?? 0
        if blocked != 0 {
            throw .other("another Parley is reading it, so its -wal file still holds old pages; try again")
        }
    }

    /// Runs SQLite work, wording its failure for people.
    private func perform<T>(_ action: String, _ body: () throws(SQLiteDatabase.Failure) -> T)
        throws(SessionIndexError) -> T
    {
        do throws(SQLiteDatabase.Failure) {
            return try body()
        } catch {
            throw describe(error, doing: action)
        }
    }

    private func describe(_ failure: SQLiteDatabase.Failure, doing action: String) -> SessionIndexError {
        if failure.isBusy {
            return .failed(
                "cannot \(action) the search index \(path): another Parley has been writing it for over 5 seconds; "
                    + "try again")
        }
        if failure.isDamage {
            // Marked so that the next open empties it and the caller rebuilds it from the files.
            try? database.execute("PRAGMA user_version = \(IndexSchema.damagedMarker)")
            return .failed(
                "the search index \(path) is damaged (\(failure.message)); it is rebuilt from the session files "
                    + "the next time Parley opens it")
        }
        return .failed("cannot \(action) the search index \(path): \(failure.message)")
    }

    private static func quoted(_ name: String) -> String {
        "\"" + name.replacing("\"", with: "\"\"") + "\""
    }
}

@available(*, unavailable) extension SessionIndex: Sendable {}
