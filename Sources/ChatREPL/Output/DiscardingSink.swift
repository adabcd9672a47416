/// Output nobody sees: the streamed reply when only a part of it is printed at the end (`-x`).
public struct DiscardingSink: OutputSink {
    public init() {}
    public func write(_ text: String) {}
}
