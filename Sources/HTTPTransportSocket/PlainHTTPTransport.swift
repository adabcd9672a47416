import ChatClient
import NIOCore

/// The transport for plain `http://` servers (Ollama, llama.cpp, LM Studio, vLLM, a LiteLLM on
/// this machine): HTTP/1.1 over a POSIX socket, one connection a request, a thread a request,
/// no event loop. It costs a few hundred microseconds where starting AsyncHTTPClient and
/// SwiftNIO costs milliseconds (their set-up is a third of a one-shot's CPU). Every other URL
/// (https) goes to the transport `otherSchemes` makes, once, when first needed.
///
/// Like the AsyncHTTPClient transport: no read timeout (the client watches first-byte and idle
/// times itself), no decompression, redirects reported and not followed, every failure a
/// `ChatClientError` and cancellation a `CancellationError`.
public final class PlainHTTPTransport: HTTPTransport {
    private let connectTimeout: Double
    private let makeOther: @Sendable () -> any HTTPTransport
    private let other = Locked<(any HTTPTransport)?>(nil)

    public init(connectTimeout: Double, otherSchemes: @escaping @Sendable () -> any HTTPTransport) {
        self.connectTimeout = connectTimeout
        makeOther = otherSchemes
    }

    public func send(_ spec: HTTPRequestSpec) async throws -> HTTPResponse {
        guard let target = PlainTarget(url: spec.url) else { return try await otherTransport().send(spec) }
        let exchange = try SocketExchange(
            target: target, request: Self.requestBytes(spec, target: target), connectTimeout: connectTimeout)
        try exchange.start()
        let head = try await withTaskCancellationHandler {
            try await exchange.waitForHead()
        } onCancel: {
            exchange.cancel()
        }
        if Task.isCancelled {
            exchange.cancel()
            throw CancellationError()
        }
        return HTTPResponse(head: head, body: ResponseBody(ExchangeBody(exchange: exchange)))
    }

    public func shutdown() async {
        if let other = other.withLock({ $0 }) { await other.shutdown() }
    }

    private func otherTransport() -> any HTTPTransport {
        other.withLock { other in
            if let other { return other }
            let made = makeOther()
            other = made
            return made
        }
    }

    /// The request line, the headers and the body; a header that would break the request is
    /// refused (`HTTPRequestSpec.checkHeaders`).
    static func requestBytes(_ spec: HTTPRequestSpec, target: PlainTarget) throws -> [UInt8] {
        var head = "\(spec.method.rawValue) \(target.requestTarget) HTTP/1.1\r\nHost: \(target.hostHeader)\r\n"
        try spec.checkHeaders()
        for header in spec.headers {
            if header.name.equalsIgnoringCase("host") || header.name.equalsIgnoringCase("content-length")
                || header.name.equalsIgnoringCase("connection") || header.name.equalsIgnoringCase("transfer-encoding")
            {
                continue
            }
            head += "\(header.name): \(header.value)\r\n"
        }
        let body = spec.body ?? []
        if spec.method == .post || !body.isEmpty { head += "Content-Length: \(body.count)\r\n" }
        head += "Connection: close\r\n\r\n"
        var bytes = Array(head.utf8)
        bytes.append(contentsOf: body)
        return bytes
    }
}
