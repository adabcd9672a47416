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
public final class AsyncHTTPTransport: HTTPTransport {
    private let client: HTTPClient
    private let connectTimeout: Double

    /// - Parameter proxy: an HTTP proxy to send every request through, if any.
    public init(connectTimeout: Double, proxy: ProxySettings? = nil) {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .nanoseconds(Int64(connectTimeout * 1e9)), read: nil)
        configuration.decompression = .disabled
        if let proxy {
            // `.basic(credentials:)` wants them base64-encoded already; this form encodes them.
            let authorization = proxy.credentials.map { credentials -> HTTPClient.Authorization in
                let parts = credentials.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                return .basic(username: String(parts[0]), password: parts.count > 1 ? String(parts[1]) : "")
            }
            configuration.proxy = .server(host: proxy.host, port: proxy.port, authorization: authorization)
        }
        self.connectTimeout = connectTimeout
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    public func send(_ spec: HTTPRequestSpec) async throws -> HTTPResponse {
        var request = HTTPClientRequest(url: spec.url)
        request.method = spec.method == .post ? .POST : .GET
        for header in spec.headers { request.headers.add(name: header.name, value: header.value) }
        if let body = spec.body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let host = Self.host(of: spec.url)
        do {
            let response = try await client.execute(request, deadline: .distantFuture)
            let headers = response.headers.map { (name: $0.name, value: $0.value) }
            return HTTPResponse(
                head: HTTPResponseHead(status: Int(response.status.code), headers: headers),
                body: ResponseBody(MappedBody(body: response.body)))
        } catch {
            throw TransportErrors.map(error, host: host, connectTimeout: connectTimeout)
        }
    }

    public func shutdown() async {
        try? await client.shutdown()
    }

    static func host(of url: String) -> String {
        let parts = url.split(separator: "://", maxSplits: 1)
        guard parts.count == 2 else { return url }
        let rest = parts[1]
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        return String(authority.split(separator: "@").last ?? authority)
    }
}

/// AsyncHTTPClient's body with its errors worded as `ChatClientError`s.
struct MappedBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let body: HTTPClientResponse.Body

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: HTTPClientResponse.Body.AsyncIterator

        mutating func next() async throws -> ByteBuffer? {
            do {
                return try await base.next()
            } catch {
                throw TransportErrors.map(error, host: nil)
            }
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: body.makeAsyncIterator()) }
}
