/// Keeps a conversation's session file up to date: written after every turn and setting
/// change, locked against a second Parley, and a failed write reported once and caught up
/// by the next one that succeeds.
public final class Autosave {
    public let store: SessionStore?
    public private(set) var path: String?
    private var lock: SessionLock?
    private var failing = false
    private var markedPath: String?
    private let console: Console
    /// The search index, updated after each save; nil keeps none.
    public let index: IndexKeeper?

    /// - Parameters: `store` nil keeps nothing on disk (--no-save); `path` is the session
    ///   file when one was named or resumed, else one is made at the first save; `index`
    ///   follows the saved files.
    public init(
        store: SessionStore?, path: String?, lock: SessionLock?, console: Console, index: IndexKeeper? = nil
    ) {
        self.store = store
        self.path = path
        self.lock = lock
        self.console = console
        self.index = store == nil ? nil : index
    }

    /// Saves if there is something worth a file. Never throws: a failure is told once.
    public func save(_ conversation: Conversation) {
        guard let store else { return }
        if path == nil {
            guard !conversation.isEmpty else { return }
            let newPath = store.newPath(topic: conversation.topic)
            do {
                try FileSystem.makeDirectories(store.directory)
                lock = try SessionLock(sessionPath: newPath)
            } catch {
                report(error)
                return
            }
            path = newPath
        }
        guard let path else { return }
        do {
            let updated = try store.save(conversation, to: path)
            // The file first, then the index: a failure there is told once and costs nothing else.
            index?.saved(conversation, to: path, updated: updated)
            if markedPath != path {
                store.markUsed(path)
                markedPath = path
            }
            if failing {
                failing = false
                console.notice("session saved again to \(path)")
            }
        } catch {
            report(error)
        }
    }

    /// Switches to another session file (/load, /save FILE, /clear); the old lock is released.
    /// - Parameter heldLock: the new file's lock when the caller took it already.
    public func switchTo(path newPath: String?, heldLock: SessionLock? = nil) throws(ParleyError) {
        guard newPath != path else { return }
        var newLock = heldLock
        if newLock == nil, let newPath { newLock = try SessionLock(sessionPath: newPath) }
        lock?.release()
        lock = newLock
        path = newPath
        failing = false
    }

    /// The last save failed: turns of this conversation are not on disk.
    public var isFailing: Bool { failing }

    public func release() {
        lock?.release()
        lock = nil
    }

    private func report(_ error: ParleyError) {
        guard !failing else { return }
        failing = true
        let words = ErrorWording.words(for: error, context: nil)
        console.error(
            ErrorWording.Words(
                message: "the session could not be saved: \(words.message)",
                advice: "the conversation is kept in memory; the next save will try again"))
    }
}
