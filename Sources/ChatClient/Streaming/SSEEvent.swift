#if canImport(Glibc)
    import Glibc
#endif

/// One server-sent event.
public struct SSEEvent: Sendable, Equatable {
    /// The `event:` field; `message` when none was given.
    public var type: String
    public var data: String
    /// The last event id seen so far (it persists across events, per the standard).
    public var id: String?

    public init(type: String = "message", data: String, id: String? = nil) {
        self.type = type
        self.data = data
        self.id = id
    }
}
