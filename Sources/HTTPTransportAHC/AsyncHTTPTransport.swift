import AsyncHTTPClient
import ChatClient
import NIOCore
import NIOHTTP1
import NIOPosix

#if canImport(Glibc)
    import Glibc
#endif

/// The live transport: AsyncHTTPClient with a connect timeout and no read timeout (the
/// client watches first-byte and idle times itself), no total deadline, and no decompression.
/// Behind an HTTP proxy, https goes through a CONNECT tunnel and plain http to the proxy
/// itself, in absolute form (`AbsoluteFormProxy`).
public final class AsyncHTTPTransport: HTTPTransport {
    private let client: HTTPClient
    private let connectTimeout: Double
    private let proxied: AbsoluteFormProxy?
    /// One event loop for the client's connections and the response delegate alike: each body
    /// part is taken, and the next one asked for, in the turn of the loop that received it, and
    /// one kept-alive connection serves every request.
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    /// - Parameter proxy: an HTTP proxy to send every request through, if any.
    public init(connectTimeout: Double, proxy: ProxySettings? = nil) {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .nanoseconds(Int64(connectTimeout * 1e9)), read: nil)
        configuration.decompression = .disabled
        // A redirected POST must not silently become a GET elsewhere: the 3xx is reported.
        configuration.redirectConfiguration = .disallow
        // A failed connection is reported at once, not retried inside the client until the
        // connect timeout: ChatClient's own retry policy decides (and skips what cannot help,
        // a refused tunnel, a refused connection to this machine).
        configuration.connectionPool.retryConnectionEstablishment = false
        if let proxy {
            // `.basic(credentials:)` wants them base64-encoded already; this form encodes them.
            let authorization = proxy.credentials.map { credentials -> HTTPClient.Authorization in
                let parts = credentials.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                return .basic(username: String(parts[0]), password: parts.count > 1 ? String(parts[1]) : "")
            }
            configuration.proxy = .server(host: proxy.host, port: proxy.port, authorization: authorization)
        }
        self.connectTimeout = connectTimeout
        let group = self.group
        proxied = proxy.map { AbsoluteFormProxy(proxy: $0, group: group, connectTimeout: connectTimeout) }
        client = HTTPClient(eventLoopGroupProvider: .shared(group), configuration: configuration)
    }

    public func send(_ spec: HTTPRequestSpec) async throws -> HTTPResponse {
        if let proxied, let target = AbsoluteFormProxy.Target(url: spec.url) {
            return try await proxied.send(spec, to: target)
        }
        let host = Self.host(of: spec.url)
        let connectTimeout = self.connectTimeout
        let request: HTTPClient.Request
        do {
            var headers = HTTPHeaders()
            for header in spec.headers { headers.add(name: header.name, value: header.value) }
            request = try HTTPClient.Request(
                url: spec.url, method: HTTPMethod(rawValue: spec.method.rawValue), headers: headers,
                body: spec.body.map { .bytes($0) })
        } catch {
            throw TransportErrors.map(error, host: host, connectTimeout: connectTimeout)
        }
        let delegate = ResponseStreamDelegate { error in
            TransportErrors.map(error, host: host, connectTimeout: connectTimeout)
        }
        let task = client.execute(request: request, delegate: delegate, eventLoop: .delegate(on: group.next()))
        let head = try await withTaskCancellationHandler {
            try await delegate.waitForHead()
        } onCancel: {
            task.cancel()
        }
        if Task.isCancelled {
            task.cancel()
            throw CancellationError()
        }
        return HTTPResponse(
            head: HTTPResponseHead(
                status: Int(head.status.code), headers: head.headers.map { (name: $0.name, value: $0.value) }),
            body: ResponseBody(DelegateBody(delegate: delegate, task: task)))
    }

    public func shutdown() async {
        try? await client.shutdown()
        try? await group.shutdownGracefully()
    }

    static func host(of url: String) -> String {
        let parts = url.split(separator: "://", maxSplits: 1)
        guard parts.count == 2 else { return url }
        let rest = parts[1]
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        return String(authority.split(separator: "@").last ?? authority)
    }
}

/// The body a `ResponseStreamDelegate` receives. Cancelling the reading task, or dropping
/// the body unread, cancels the request, which closes the connection.
struct DelegateBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let delegate: ResponseStreamDelegate
    let task: HTTPClient.Task<Void>

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncThrowingStream<ByteBuffer, any Error>.AsyncIterator
        let delegate: ResponseStreamDelegate
        let task: HTTPClient.Task<Void>
        /// Cancels the request when the reader lets go of the body before its end (a size
        /// limit, an error): the connection is closed instead of downloading on unread.
        let handle: RequestHandle

        mutating func next() async throws -> ByteBuffer? {
            let task = self.task
            let buffer = try await withTaskCancellationHandler {
                try await base.next()
            } onCancel: {
                task.cancel()
            }
            guard let buffer else {
                // A stream ends early when its reader is cancelled: that is an interruption, not the end.
                if Task.isCancelled { throw CancellationError() }
                return nil
            }
            delegate.consumed(buffer.readableBytes)
            return buffer
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(
            base: delegate.body.makeAsyncIterator(), delegate: delegate, task: task, handle: RequestHandle(task: task))
    }
}

/// Owns a request while its body is being read; letting go of it cancels the request (a no-op
/// once the response is complete).
final class RequestHandle: Sendable {
    let task: HTTPClient.Task<Void>

    init(task: HTTPClient.Task<Void>) {
        self.task = task
    }

    deinit { task.cancel() }
}
