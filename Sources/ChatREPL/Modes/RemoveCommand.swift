import ChatClient

#if canImport(Glibc)
    import Glibc
#endif

/// `parley rm SESSION`: deletes a session file, its lock file and its rows in the search index,
/// then rewrites the index file so no copy of its text is left there. `--turn N` deletes one
/// exchange (the N-th user message and its reply) and keeps the rest of the session.
public struct RemoveCommand {
    let context: IndexContext

    public init(context: IndexContext) {
        self.context = context
    }

    public func run(session: String, turn: Int?, yes: Bool) -> ExitStatus {
        context.reporting { () throws(ParleyError) in
            let path = try context.catalog.resolve(session)
            if let turn {
                try removeTurn(turn, of: path, yes: yes)
            } else {
                try removeSession(path, yes: yes)
            }
        }
    }

    private func removeSession(_ path: String, yes: Bool) throws(ParleyError) {
        let store = SessionStore(directory: context.catalog.directory)
        let loaded = try? store.load(path)
        let title = loaded.map { " (\($0.displayTitle))" } ?? ""
        guard try context.approved("remove \(path)\(title) for good?", yes: yes, command: "parley rm") else { return }
        try Self.deleteFile(path)
        try context.keeper().forget(paths: [path])
        AttachmentCollector.sweep(
            besides: [path], removed: AttachmentCollector.references(loaded?.messages ?? []))
        context.console.say("removed \(path)")
    }

    private func removeTurn(_ turn: Int, of path: String, yes: Bool) throws(ParleyError) {
        let store = SessionStore(directory: context.catalog.directory)
        // Locked while it is rewritten: a session another Parley is using is left alone.
        let lock = try SessionLock(sessionPath: path)
        defer { lock.release() }
        var conversation = try store.load(path)
        let starts = conversation.messages.filter { $0.role == .user }
        guard turn >= 1, turn <= starts.count else {
            throw .usage(
                "--turn takes an exchange's number: \(path) has "
                    + (starts.count == 1 ? "1 (--turn 1)" : "\(starts.count) (1 to \(starts.count))"))
        }
        let opening = Conversation.oneLine(starts[turn - 1].content, limit: 50)
        guard
            try context.approved(
                "remove turn \(turn) (\"\(opening)\") of \(path) for good?", yes: yes, command: "parley rm")
        else { return }
        let before = AttachmentCollector.references(conversation.messages)
        _ = conversation.removeTurn(turn)
        let updated = try store.save(conversation, to: path)
        let keeper = context.keeper()
        try keeper.update(conversation, savedTo: path, updated: updated)
        try keeper.vacuum()
        AttachmentCollector.sweep(
            besides: [path], removed: before.subtracting(AttachmentCollector.references(conversation.messages)))
        context.console.say("removed turn \(turn) of \(path)")
    }

    /// Deletes a session file and its lock file, once no other Parley holds the lock.
    static func deleteFile(_ path: String) throws(ParleyError) {
        let lock = try SessionLock(sessionPath: path)
        defer { lock.release() }
        let isLink = FileSystem.symlinkTarget(path) != nil
        guard unlink(path) == 0 else {
            throw .session(path: path, "cannot be removed (\(String(cString: strerror(errno))))")
        }
        // A link's lock belongs to the file it points to, which stays.
        guard !isLink else { return }
        let directory = FileSystem.parent(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        unlink((directory.isEmpty ? "" : directory + "/") + ".\(name).lock")
    }
}
