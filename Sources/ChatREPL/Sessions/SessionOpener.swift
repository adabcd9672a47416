/// A conversation ready to continue: resumed from its session file or new, with the lock
/// that keeps a second Parley off it.
public struct OpenedSession {
    public var conversation: Conversation
    /// The session file, when one was named, continued or resumed.
    public var path: String?
    public var lock: SessionLock?

    public init(conversation: Conversation, path: String? = nil, lock: SessionLock? = nil) {
        self.conversation = conversation
        self.path = path
        self.lock = lock
    }
}

/// "Load a session, then apply the flags": the one place that decides what a resumed
/// conversation's settings are (`--session`, `-c`, `/load`).
public struct SessionOpener {
    public let store: SessionStore
    /// This run's settings: a new conversation starts with them.
    public let fresh: ConversationSettings
    /// What the command line set explicitly: it wins over what the session saved.
    public let flags: CommandLineSettings
    /// The role `-r NAME` named: laid over a resumed session's settings, under the flags.
    public var role: ActiveRole?
    /// Where a note about attachments a resumed session misses goes; nil says nothing.
    public var console: Console?

    public init(
        store: SessionStore, fresh: ConversationSettings, flags: CommandLineSettings, role: ActiveRole? = nil,
        console: Console? = nil
    ) {
        self.store = store
        self.fresh = fresh
        self.flags = flags
        self.role = role
        self.console = console
    }

    /// The session the flags name (`--session FILE`, or the last one for `-c`), locked;
    /// a new conversation when they name none.
    public func open() throws(ParleyError) -> OpenedSession {
        var path = flags.sessionPath
        if flags.continueLast {
            guard let latest = store.latest() else {
                throw .data("no saved session to continue in \(store.directory)")
            }
            path = latest
        }
        guard let path else { return OpenedSession(conversation: Conversation(settings: fresh)) }
        try FileSystem.makeParent(of: path)
        let lock = try SessionLock(sessionPath: path)
        guard FileSystem.exists(path) else {
            return OpenedSession(conversation: Conversation(settings: fresh), path: path, lock: lock)
        }
        let loaded = try resume(store.load(path))
        return OpenedSession(conversation: withAttachments(loaded, sessionPath: path), path: path, lock: lock)
    }

    /// A loaded conversation with this run's server and the explicit flags over its settings.
    public func resume(_ loaded: Conversation) -> Conversation {
        var settings = loaded.settings.overlaid(by: flags)
        if let role { settings = role.applied(to: settings, flags: flags) }
        settings.baseURL = fresh.baseURL
        return Conversation(
            settings: settings, messages: loaded.messages, info: loaded.info, created: loaded.created,
            title: loaded.title, fileKeys: loaded.fileKeys)
    }

    /// The conversation with its attachments' bytes read back from beside `sessionPath`; the
    /// ones not found are said in one line, and the conversation loads without them.
    public func withAttachments(_ conversation: Conversation, sessionPath: String) -> Conversation {
        let attachments = AttachmentStore(sessionPath: sessionPath)
        let (resolved, missing) = attachments.resolving(conversation)
        if let notice = attachments.missingNotice(missing) { console?.notice(notice) }
        return resolved
    }
}
