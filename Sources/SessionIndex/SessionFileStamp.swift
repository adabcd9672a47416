/// A session file on disk now, for staleness checks.
public struct SessionFileStamp: Sendable, Equatable {
    public var path: String
    /// The file's modification time, in seconds since 1970.
    public var modified: Double
    /// The file's size in bytes.
    public var size: Int

    public init(path: String, modified: Double, size: Int) {
        self.path = path
        self.modified = modified
        self.size = size
    }
}
