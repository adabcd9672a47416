/// What `SessionIndex.init` found.
public enum IndexCondition: Sendable, Equatable {
    /// A usable index, maybe stale: ask `staleness(against:)`.
    case ready
    /// There was no index: a new, empty one was made.
    case created
    /// The file was damaged or not an index (the reason given); it was emptied.
    case rebuiltCorrupt(String)
    /// The file had this other format version; it was emptied.
    case outdatedSchema(Int)

    /// The index is empty and the caller should rebuild it from the session files.
    public var needsRebuild: Bool { self != .ready }
}
