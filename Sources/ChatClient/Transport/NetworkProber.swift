/// The network steps below HTTP, checked one at a time by `parley doctor`.
public protocol NetworkProber: Sendable {
    /// The addresses a host name resolves to, or why it does not.
    func resolve(_ host: String) -> Result<[String], ChatClientError>
    /// Opens and closes a TCP connection.
    func connect(host: String, port: Int, timeout: Double) async -> Result<Void, ChatClientError>
}
