/// One session as `parley sessions` lists it.
public struct SessionSummary: Sendable, Equatable {
    public var path: String
    public var title: String
    public var created: String
    public var updated: String
    public var model: String
    /// The number of distinct turns among its messages.
    public var turns: Int
    /// The session file's size in bytes.
    public var size: Int

    public init(path: String, title: String, created: String, updated: String, model: String, turns: Int, size: Int) {
        self.path = path
        self.title = title
        self.created = created
        self.updated = updated
        self.model = model
        self.turns = turns
        self.size = size
    }
}
