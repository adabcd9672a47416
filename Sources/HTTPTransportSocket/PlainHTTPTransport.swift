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
        return HTTPResponse(head: head, body: ResponseBody(SocketBody(exchange: exchange)))
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

    /// The request line, the headers and the body. A header that would break the request (a
    /// line break in a value, a key read from a file saved on Windows) is refused, and its
    /// value never repeated: it may be a key.
    static func requestBytes(_ spec: HTTPRequestSpec, target: PlainTarget) throws -> [UInt8] {
        var head = "\(spec.method.rawValue) \(target.requestTarget) HTTP/1.1\r\nHost: \(target.hostHeader)\r\n"
        for header in spec.headers {
            guard Self.isValid(header) else {
                let name = String(
                    header.name.unicodeScalars.filter { $0.value > 0x20 && $0.value < 0x7F }.map(Character.init))
                throw ChatClientError.invalidRequest(
                    "the request header \(name) holds a line break or another control character")
            }
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

    static func isValid(_ header: (name: String, value: String)) -> Bool {
        !header.name.isEmpty
            && header.name.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }
            && header.value.utf8.allSatisfy { ($0 >= 0x20 && $0 != 0x7F) || $0 == 0x09 }
    }
}

/// The body a `SocketExchange` reads. Cancelling the reading task, or letting go of the body
/// before its end, cancels the exchange, which closes the connection.
struct SocketBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let exchange: SocketExchange

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncThrowingStream<ByteBuffer, any Error>.AsyncIterator
        let exchange: SocketExchange
        let handle: ExchangeHandle

        mutating func next() async throws -> ByteBuffer? {
            let exchange = self.exchange
            let buffer = try await withTaskCancellationHandler {
                try await base.next()
            } onCancel: {
                exchange.cancel()
            }
            guard let buffer else {
                // A stream ends early when its reader is cancelled: that is an interruption, not the end.
                if Task.isCancelled { throw CancellationError() }
                return nil
            }
            exchange.consumed(buffer.readableBytes)
            return buffer
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: exchange.body.makeAsyncIterator(), exchange: exchange, handle: ExchangeHandle(exchange))
    }
}

/// Owns an exchange while its body is being read; letting go of it cancels the exchange (a
/// no-op once the response is complete).
final class ExchangeHandle: Sendable {
    let exchange: SocketExchange

    init(_ exchange: SocketExchange) {
        self.exchange = exchange
    }

    deinit { exchange.cancel() }
}
