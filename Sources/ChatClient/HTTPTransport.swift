import AsyncHTTPClient
import NIOCore

/// One HTTP request, as the client builds it.
public struct HTTPRequestSpec: Sendable {
    public enum Method: String, Sendable { case get = "GET", post = "POST" }

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
        headers.first { $0.name.caseInsensitiveCompare(name) }?.value
    }
}

/// The status line and headers of a response.
public struct HTTPResponseHead: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]

    public init(status: Int, headers: [(name: String, value: String)] = []) {
        self.status = status
        self.headers = headers
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) }?.value
    }
}

/// A response body, delivered as the network hands it over.
public struct ResponseBody: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer

    enum Source: Sendable {
        case client(HTTPClientResponse.Body)
        case chunks(AsyncThrowingStream<ByteBuffer, any Error>)
    }

    let source: Source

    init(_ body: HTTPClientResponse.Body) { source = .client(body) }

    /// A body made of the given stream of chunks (for fake transports).
    public init(chunks: AsyncThrowingStream<ByteBuffer, any Error>) { source = .chunks(chunks) }

    /// A body that is the given bytes in one chunk.
    public init(bytes: some Sequence<UInt8>) {
        let buffer = ByteBuffer(bytes: Array(bytes))
        source = .chunks(
            AsyncThrowingStream { continuation in
                continuation.yield(buffer)
                continuation.finish()
            })
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        enum Inner {
            case client(HTTPClientResponse.Body.AsyncIterator)
            case chunks(AsyncThrowingStream<ByteBuffer, any Error>.AsyncIterator)
        }

        var inner: Inner

        public mutating func next() async throws -> ByteBuffer? {
            switch inner {
            case .client(var iterator):
                defer { inner = .client(iterator) }
                do {
                    return try await iterator.next()
                } catch {
                    throw TransportErrors.map(error, host: nil)
                }
            case .chunks(var iterator):
                defer { inner = .chunks(iterator) }
                return try await iterator.next()
            }
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        switch source {
        case .client(let body): AsyncIterator(inner: .client(body.makeAsyncIterator()))
        case .chunks(let stream): AsyncIterator(inner: .chunks(stream.makeAsyncIterator()))
        }
    }
}

/// A response: its head now, its body as it arrives.
public struct HTTPResponse: Sendable {
    public var head: HTTPResponseHead
    public var body: ResponseBody

    public init(head: HTTPResponseHead, body: ResponseBody) {
        self.head = head
        self.body = body
    }
}

/// Sends HTTP requests. Implementations throw `ChatClientError.connection` or
/// `.timeout(.connect, …)` for network failures, and `CancellationError` when cancelled.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequestSpec) async throws -> HTTPResponse
    /// Releases connections and threads; call once, at the end.
    func shutdown() async
}

extension String {
    fileprivate func caseInsensitiveCompare(_ other: String) -> Bool {
        lowercased() == other.lowercased()
    }
}
