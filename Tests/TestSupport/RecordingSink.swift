import ChatClient
import ChatREPL

#if canImport(Glibc)
    import Glibc
#endif

/// Keeps everything written, for tests and transcripts.
public final class RecordingSink: OutputSink {
    private let recorded = Locked("")

    public init() {}

    public func write(_ text: String) {
        recorded.withLock { $0 += text }
    }

    public var text: String { recorded.withLock { $0 } }
}
