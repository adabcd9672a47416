import ChatREPL
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Keeps everything written, for tests and transcripts.
public final class RecordingSink: OutputSink {
    private let recorded = Mutex("")

    public init() {}

    public func write(_ text: String) {
        recorded.withLock { $0 += text }
    }

    public var text: String { recorded.withLock { $0 } }
}
