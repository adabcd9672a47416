import ChatClient
import NIOCore
import NIOHTTP1

/// Reads a proxy's response into a `ProxyExchange`, one read at a time (the channel's
/// auto-read is off, so a reader that falls behind pauses the network).
final class ProxyResponseHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart

    private let exchange: ProxyExchange
    private let mapError: @Sendable (any Error) -> any Error
    private var ended = false

    init(exchange: ProxyExchange, mapError: @escaping @Sendable (any Error) -> any Error) {
        self.exchange = exchange
        self.mapError = mapError
    }

    func channelActive(context: ChannelHandlerContext) {
        context.read()
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            // An interim answer (100 Continue) is not the response.
            if head.status.code >= 200 { exchange.deliverHead(.success(head)) }
        case .body(let buffer):
            _ = exchange.received(buffer)
        case .end:
            ended = true
            exchange.finish()
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        // The next read, unless the reader is behind (it asks for it then) or the response ended.
        if !ended, !exchange.isPaused { context.read() }
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !ended else { return }
        ended = true
        exchange.finish(throwing: mapError(error))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !ended {
            ended = true
            // Closed before the end of the response: a cut, after every part received was handed on.
            exchange.finish(throwing: ChatClientError.connection(.reset, host: exchange.host))
        }
        context.fireChannelInactive()
    }
}
