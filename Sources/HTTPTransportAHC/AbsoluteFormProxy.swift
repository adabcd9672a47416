import ChatClient
import HTTPTransportSocket
import NIOCore
import NIOHTTP1
import NIOPosix

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Sends a plain-http request through an HTTP proxy the way proxies expect it: to the proxy
/// itself, with the whole URL as the request target (`POST http://host:port/v1/… HTTP/1.1`,
/// RFC 9112 §3.2.2). AsyncHTTPClient would open a CONNECT tunnel instead, which many proxies
/// refuse for port 80; https targets still go through its tunnel. One connection per request,
/// closed at the end of the response.
struct AbsoluteFormProxy: Sendable {
    let proxy: ProxySettings
    let group: any EventLoopGroup
    let connectTimeout: Double

    /// The parts of an `http://` URL the request needs: the target for the request line (no
    /// credentials in it), the Host header, and the host errors name.
    struct Target: Equatable {
        var absoluteURL: String
        var hostHeader: String
        var host: String

        /// nil for a URL that is not plain http.
        init?(url: String) {
            guard url.lowercased().hasPrefix("http://") else { return nil }
            let rest = url.dropFirst("http://".count)
            let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
            var authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
            guard !authority.isEmpty else { return nil }
            var pathAndQuery = String(rest[authorityEnd...].prefix { $0 != "#" })
            if !pathAndQuery.hasPrefix("/") { pathAndQuery = "/" + pathAndQuery }
            absoluteURL = "http://\(authority)\(pathAndQuery)"
            hostHeader = authority.hasSuffix(":80") ? String(authority.dropLast(3)) : String(authority)
            host = hostHeader
        }
    }

    func send(_ spec: HTTPRequestSpec, to target: Target) async throws -> HTTPResponse {
        try spec.checkHeaders()
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: target.hostHeader)
        for header in spec.headers where !header.name.equalsIgnoringCase("host") {
            headers.add(name: header.name, value: header.value)
        }
        if let credentials = proxy.credentials {
            headers.add(name: "Proxy-Authorization", value: "Basic " + Data(credentials.utf8).base64EncodedString())
        }
        let body = spec.body ?? []
        if spec.method == .post || !body.isEmpty { headers.add(name: "Content-Length", value: String(body.count)) }
        headers.add(name: "Connection", value: "close")
        let head = HTTPRequestHead(
            version: .http1_1, method: HTTPMethod(rawValue: spec.method.rawValue), uri: target.absoluteURL,
            headers: headers)

        let host = target.host
        let proxyName = "the proxy \(proxy.host):\(proxy.port)"
        let timeout = connectTimeout
        let exchange = ProxyExchange(host: host)
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(.nanoseconds(Int64(connectTimeout * 1e9)))
                .channelOption(.autoRead, value: false)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        try channel.pipeline.syncOperations.addHandler(
                            ProxyResponseHandler(exchange: exchange) { error in
                                TransportErrors.map(error, host: host, connectTimeout: timeout)
                            })
                    }
                }
                .connect(host: proxy.host, port: proxy.port).get()
        } catch {
            throw TransportErrors.map(error, host: proxyName, connectTimeout: connectTimeout)
        }
        exchange.attach(channel)
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        if !body.isEmpty {
            channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: body))), promise: nil)
        }
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)

        let responseHead = try await withTaskCancellationHandler {
            try await exchange.waitForHead()
        } onCancel: {
            exchange.cancel()
        }
        if Task.isCancelled {
            exchange.cancel()
            throw CancellationError()
        }
        if responseHead.status.code == 407 {
            exchange.cancel()
            throw ChatClientError.connection(
                .proxy("it asks for authentication (407); give user:password in the proxy URL"), host: host)
        }
        return HTTPResponse(
            head: HTTPResponseHead(
                status: Int(responseHead.status.code),
                headers: responseHead.headers.map { (name: $0.name, value: $0.value) }),
            body: ResponseBody(ExchangeBody(exchange: exchange)))
    }
}
