/// Where text goes: stdout, stderr, or a recording in tests.
public protocol OutputSink: Sendable {
    func write(_ text: String)
    /// Why a write failed (a full disk), once one has; nil while every write went through.
    var failure: String? { get }
}

extension OutputSink {
    public var failure: String? { nil }
}
