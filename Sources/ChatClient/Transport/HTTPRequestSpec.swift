import NIOCore

/// One HTTP request, as the client builds it.
public struct HTTPRequestSpec: Sendable {
    public enum Method: String, Sendable {
        case get = "GET"
        case post = "POST"
        /// Ends an MCP session (Streamable HTTP).
        case delete = "DELETE"
    }

    public var method: Method
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]?

    public init(method: Method, url: String, headers: [(name: String, value: String)], body: [UInt8]? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.equalsIgnoringCase(name) }?.value
    }
}
