import AsyncHTTPClient
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
                body: ResponseBody(response.body))
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

/// Maps the errors of AsyncHTTPClient and SwiftNIO to `ChatClientError`, so that nobody sees
/// a library's description of a socket.
enum TransportErrors {
    static func map(_ error: any Error, host: String?, connectTimeout: Double = 0) -> any Error {
        if error is CancellationError || error is ChatClientError { return error }
        let host = host ?? "the server"
        if let error = error as? HTTPClientError {
            switch error {
            case .cancelled: return CancellationError()
            case .connectTimeout, .getConnectionFromPoolTimeout:
                return ChatClientError.timeout(.connect, seconds: connectTimeout)
            case .tlsHandshakeTimeout:
                return ChatClientError.connection(.tls("the TLS handshake timed out"), host: host)
            case .remoteConnectionClosed: return ChatClientError.connection(.reset, host: host)
            case .invalidURL, .emptyHost, .emptyScheme:
                return ChatClientError.invalidRequest("the base URL is not a valid URL")
            case .proxyAuthenticationRequired:
                return ChatClientError.connection(
                    .other("the proxy asks for authentication (give user:password in the proxy URL)"), host: host)
            case .invalidProxyResponse:
                return ChatClientError.connection(.other("the proxy refused to open a connection to it"), host: host)
            case .httpProxyHandshakeTimeout:
                return ChatClientError.connection(.other("the proxy did not answer in time"), host: host)
            default: return ChatClientError.connection(.other(error.description), host: host)
            }
        }
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED: return ChatClientError.connection(.refused, host: host)
            case ECONNRESET, EPIPE: return ChatClientError.connection(.reset, host: host)
            case ENETUNREACH, EHOSTUNREACH: return ChatClientError.connection(.unreachable, host: host)
            default: return ChatClientError.connection(.other(String(cString: strerror(error.errnoCode))), host: host)
            }
        }
        if let error = error as? NIOConnectionError {
            if error.dnsAError != nil || error.dnsAAAAError != nil, error.connectionErrors.isEmpty {
                return ChatClientError.connection(.hostNotFound, host: host)
            }
            if let first = error.connectionErrors.first { return map(first.error, host: host) }
            return ChatClientError.connection(.hostNotFound, host: host)
        }
        if error is SocketAddressError { return ChatClientError.connection(.hostNotFound, host: host) }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return ChatClientError.timeout(.connect, seconds: connectTimeout)
        }
        let typeName = String(reflecting: type(of: error))
        if typeName.contains("SSL") || typeName.contains("TLS") {
            return ChatClientError.connection(.tls(String(describing: error)), host: host)
        }
        if typeName.contains("DNS") || typeName.contains("Resolution") {
            return ChatClientError.connection(.hostNotFound, host: host)
        }
        return ChatClientError.connection(.other(String(describing: error)), host: host)
    }
}
