/// One session file as the index sees it.
public struct IndexedSession: Sendable, Equatable {
    /// The absolute path of the session file: the key.
    public var path: String
    public var title: String
    public var created: String
    public var updated: String
    public var model: String
    /// The file's modification time, in seconds since 1970.
    public var modified: Double
    /// The file's size in bytes.
    public var size: Int
    public var messages: [IndexedMessage]

    public init(
        path: String, title: String, created: String, updated: String, model: String, modified: Double, size: Int,
        messages: [IndexedMessage]
    ) {
        self.path = path
        self.title = title
        self.created = created
        self.updated = updated
        self.model = model
        self.modified = modified
        self.size = size
        self.messages = messages
    }
}
