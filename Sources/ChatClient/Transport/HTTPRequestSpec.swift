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

    /// Refuses a header that would break the request (a line break in a value, a key read from
    /// a file saved on Windows); the value is never repeated: it may be a key. A tab inside a
    /// value is allowed.
    public func checkHeaders() throws(ChatClientError) {
        for header in headers {
            let valid =
                !header.name.isEmpty
                && header.name.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }
                && header.value.utf8.allSatisfy { ($0 >= 0x20 && $0 != 0x7F) || $0 == 0x09 }
            guard valid else {
                let name = String(
                    header.name.unicodeScalars.filter { $0.value > 0x20 && $0.value < 0x7F }.map(Character.init))
                throw .invalidRequest("the request header \(name) holds a line break or another control character")
            }
        }
    }
}
