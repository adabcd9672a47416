/// How the index differs from the session files on disk, each list of paths sorted.
public struct IndexStaleness: Sendable, Equatable {
    /// Files whose modification time or size differ from what the index recorded.
    public var changed: [String]
    /// Files the index does not have.
    public var added: [String]
    /// Sessions in the index whose files are gone.
    public var removed: [String]

    /// The index matches the files.
    public var isFresh: Bool { changed.isEmpty && added.isEmpty && removed.isEmpty }

    public init(changed: [String] = [], added: [String] = [], removed: [String] = []) {
        self.changed = changed
        self.added = added
        self.removed = removed
    }
}
