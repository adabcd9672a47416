import ChatClient
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Where text goes: stdout, stderr, or a recording in tests.
public protocol OutputSink: Sendable {
    func write(_ text: String)
}
