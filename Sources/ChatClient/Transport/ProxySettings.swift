/// An HTTP proxy, as read from HTTPS_PROXY / HTTP_PROXY or the config.
public struct ProxySettings: Sendable, Equatable {
    public var host: String
    public var port: Int
    /// `user:password`, sent as Basic proxy authorization.
    public var credentials: String?

    public init(host: String, port: Int, credentials: String? = nil) {
        self.host = host
        self.port = port
        self.credentials = credentials
    }
}
