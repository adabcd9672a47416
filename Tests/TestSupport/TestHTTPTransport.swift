import ChatClient

/// A transport run by a closure: the n-th request gets what the closure returns or throws.
public final class TestHTTPTransport: HTTPTransport {
    public let requests = Locked<[HTTPRequestSpec]>([])
    public let respond: @Sendable (HTTPRequestSpec, Int) throws -> HTTPResponse

    public init(_ respond: @escaping @Sendable (HTTPRequestSpec, Int) throws -> HTTPResponse) {
        self.respond = respond
    }

    public func send(_ request: HTTPRequestSpec) async throws -> HTTPResponse {
        let index = requests.withLock { list -> Int in
            list.append(request)
            return list.count - 1
        }
        return try respond(request, index)
    }

    public func shutdown() async {}
}
