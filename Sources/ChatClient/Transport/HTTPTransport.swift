/// Sends HTTP requests. Implementations throw `ChatClientError.connection` or
/// `.timeout(.connect, …)` for network failures, and `CancellationError` when cancelled.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequestSpec) async throws -> HTTPResponse
    /// Releases connections and threads; call once, at the end.
    func shutdown() async
}
