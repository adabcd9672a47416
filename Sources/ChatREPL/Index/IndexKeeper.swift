import SessionIndex

/// Keeps the search index in step with the session files, which stay the source of truth: each
/// saved turn updates its session's rows, and a command that reads the index first makes it match
/// the files (a missing, damaged or older index is rebuilt, files changed behind Parley's back are
/// read again), saying so in a notice. One per run; the index stays open between uses.
public final class IndexKeeper {
    public let catalog: SessionCatalog
    private let console: Console
    private var index: SessionIndex?
    /// The condition the index was opened in has been dealt with (a rebuild, when it needed one).
    private var settled = false
    /// An update failed and was reported; reported again only after one succeeds.
    private var failing = false

    public init(catalog: SessionCatalog, console: Console) {
        self.catalog = catalog
        self.console = console
    }

    deinit { index?.close() }

    /// Closes the index (it is opened again when next needed); closing also empties its -wal file.
    public func close() {
        index?.close()
        index = nil
        settled = false
    }

    // MARK: - Following the files

    /// After a turn was saved to `path`: the session's rows are replaced. A failure is told once
    /// and costs nothing else: the file is saved, and the next search catches the index up.
    public func saved(_ conversation: Conversation, to path: String, updated: String) {
        do throws(ParleyError) {
            try update(conversation, savedTo: path, updated: updated)
            failing = false
        } catch {
            guard !failing else { return }
            failing = true
            console.notice(
                "the search index was not updated (\(ErrorWording.words(for: error, context: nil).message)); "
                    + "the session is saved, and the next parley search catches up")
        }
    }

    /// Replaces the rows of a session just written to `path`, if the index follows that file.
    public func update(_ conversation: Conversation, savedTo path: String, updated: String) throws(ParleyError) {
        guard let indexed = catalog.indexedPath(for: path), let stamp = SessionCatalog.stamp(indexed) else { return }
        let session = SessionCatalog.indexed(conversation, path: indexed, updated: updated, stamp: stamp)
        // No rebuild here, whatever the index's state: a turn never waits for one.
        try translated { () throws(SessionIndexError) in try opened().update(session) }
    }

    /// Removes sessions from the index, then drops their text from the index file for good.
    public func forget(paths: [String]) throws(ParleyError) {
        try translated { () throws(SessionIndexError) in
            let index = try opened()
            for path in paths { try index.remove(path: catalog.indexedPath(for: path) ?? path) }
            try index.vacuum()
        }
    }

    /// Rewrites the index file without the text deleted from it (after a turn was removed).
    public func vacuum() throws(ParleyError) {
        try translated { () throws(SessionIndexError) in try opened().vacuum() }
    }

    // MARK: - Reading

    /// The index, first made to match the files (with a notice for what that took).
    public func current() throws(ParleyError) -> SessionIndex {
        try translated { () throws(SessionIndexError) in
            let index = try opened()
            if !settled {
                settled = true
                if index.condition.needsRebuild {
                    try rebuild(index, because: index.condition)
                    return index
                }
            }
            try catchUp(index)
            return index
        }
    }

    /// Searches the index, brought up to date first; an index found damaged while searching is
    /// rebuilt from the files and searched again.
    public func search(_ query: SearchQuery, highlight: (open: String, close: String)) throws(ParleyError)
        -> [SearchHit]
    {
        let index = try current()
        do throws(SessionIndexError) {
            return try index.search(query, highlight: highlight)
        } catch {
            guard case .failed = error else { throw Self.translate(error) }
            // A damaged file is marked so that opening it again empties it: then rebuild and retry.
            index.close()
            self.index = nil
            settled = false
            let reopened = try current()
            guard reopened.condition.needsRebuild else { throw Self.translate(error) }
            return try translated { () throws(SessionIndexError) in try reopened.search(query, highlight: highlight) }
        }
    }

    /// The indexed sessions, newest first (the index brought up to date first).
    public func sessions(limit: Int?) throws(ParleyError) -> [SessionSummary] {
        let index = try current()
        return try translated { () throws(SessionIndexError) in try index.sessions(limit: limit) }
    }

    /// Empties the index, checking the whole file first, and fills it from the files again.
    /// Returns how many session files it holds.
    @discardableResult
    public func rebuildAll() throws(ParleyError) -> Int {
        try translated { () throws(SessionIndexError) in
            index?.close()
            index = nil
            let fresh = try SessionIndex(path: catalog.indexPath, verify: true)
            index = fresh
            settled = true
            if fresh.condition.needsRebuild, fresh.condition != .created {
                console.notice(Self.describe(fresh.condition))
            }
            return try fill(fresh)
        }
    }

    /// How the index differs from the files now, without changing it.
    public func staleness() throws(ParleyError) -> IndexStaleness {
        try translated { () throws(SessionIndexError) in try opened().staleness(against: catalog.stamps()) }
    }

    // MARK: - Private

    private func opened() throws(SessionIndexError) -> SessionIndex {
        if let index { return index }
        // Without quick_check, which reads the whole file: deeper damage shows when it is used.
        let index = try SessionIndex(path: catalog.indexPath, verify: false)
        self.index = index
        return index
    }

    /// Rebuilds an index that was missing, damaged or of another format, saying which.
    private func rebuild(_ index: SessionIndex, because condition: IndexCondition) throws(SessionIndexError) {
        let count = try fill(index)
        // A first index of no sessions is not news.
        if condition == .created, count == 0 { return }
        console.notice("\(Self.describe(condition)): rebuilt it from \(Self.files(count))")
    }

    /// Fills the index with every session file; unreadable files are listed as such and counted.
    private func fill(_ index: SessionIndex) throws(SessionIndexError) -> Int {
        var count = 0
        var unreadable = 0
        let catalog = catalog
        // Read as the index takes them, so that only one batch of sessions is in memory at once.
        let sessions = catalog.stamps().lazy.compactMap { stamp -> IndexedSession? in
            guard let (session, problem) = catalog.read(stamp.path) else { return nil }
            if problem != nil { unreadable += 1 }
            count += 1
            return session
        }
        try index.rebuild(sessions)
        if unreadable > 0 { noteUnreadable(unreadable) }
        return count
    }

    /// Reads again the files that changed, were added or went away behind Parley's back.
    private func catchUp(_ index: SessionIndex) throws(SessionIndexError) {
        let staleness = try index.staleness(against: catalog.stamps())
        guard !staleness.isFresh else { return }
        var unreadable = 0
        for path in staleness.changed + staleness.added {
            guard let (session, problem) = catalog.read(path) else {
                try index.remove(path: path)
                continue
            }
            if problem != nil { unreadable += 1 }
            try index.update(session)
        }
        for path in staleness.removed { try index.remove(path: path) }
        var parts: [String] = []
        if !staleness.changed.isEmpty { parts.append("\(staleness.changed.count) changed") }
        if !staleness.added.isEmpty { parts.append("\(staleness.added.count) new") }
        if !staleness.removed.isEmpty { parts.append("\(staleness.removed.count) gone") }
        console.notice(
            "the search index did not match the session files (\(parts.joined(separator: ", "))): brought it up to date"
        )
        if unreadable > 0 { noteUnreadable(unreadable) }
    }

    private func noteUnreadable(_ count: Int) {
        console.notice(
            "\(Self.files(count)) in \(catalog.directory) could not be read and "
                + "\(count == 1 ? "is" : "are") listed as (unreadable); parley show names the reason")
    }

    private static func describe(_ condition: IndexCondition) -> String {
        switch condition {
        case .ready: "the search index is ready"
        case .created: "the search index was missing"
        case .rebuiltCorrupt(let reason): "the search index was damaged (\(reason))"
        case .outdatedSchema(let version): "the search index had another format (version \(version))"
        }
    }

    private static func files(_ count: Int) -> String {
        count == 1 ? "1 session file" : "\(count) session files"
    }

    private func translated<T>(_ body: () throws(SessionIndexError) -> T) throws(ParleyError) -> T {
        do throws(SessionIndexError) {
            return try body()
        } catch {
            throw Self.translate(error)
        }
    }

    /// A bad query is the user's to fix (64); anything else is the index's (1).
    static func translate(_ error: SessionIndexError) -> ParleyError {
        switch error {
        case .badQuery(let message): .usage(message)
        case .cannotOpen, .failed: .index(error.message)
        }
    }
}
