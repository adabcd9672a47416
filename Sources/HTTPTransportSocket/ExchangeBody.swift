import NIOCore

/// One request's connection, read by a thread or an event loop of its own: its body as a
/// stream, a way to stop it, and word of what the reader took (for backpressure).
public protocol CancellableExchange: Sendable {
    var body: AsyncThrowingStream<ByteBuffer, any Error> { get }
    /// Stops the request and closes its connection; a no-op once the response is complete.
    func cancel()
    /// The reader took `count` bytes.
    func consumed(_ count: Int)
}

/// The body of an exchange. Cancelling the reading task, or letting go of the body before its
/// end, cancels the exchange, which closes the connection.
public struct ExchangeBody<Exchange: CancellableExchange>: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer
    let exchange: Exchange
    /// Cancels the exchange when the body is let go of without being read to its end, also
    /// when no iterator was ever made (a redirect or an error status whose body is not read).
    let owner: Handle

    public init(exchange: Exchange) {
        self.exchange = exchange
        owner = Handle(exchange)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncThrowingStream<ByteBuffer, any Error>.AsyncIterator
        let exchange: Exchange
        /// Cancels the exchange when the reader lets go of the body before its end.
        let handle: Handle
        /// Keeps the body's own handle while reading, so that letting go of the body alone
        /// does not cancel a body still being read.
        let owner: Handle

        public mutating func next() async throws -> ByteBuffer? {
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

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(
            base: exchange.body.makeAsyncIterator(), exchange: exchange, handle: Handle(exchange), owner: owner)
    }

    /// Owns the exchange while its body is being read; letting go of it cancels the exchange.
    final class Handle: Sendable {
        let exchange: Exchange

        init(_ exchange: Exchange) {
            self.exchange = exchange
        }

        deinit { exchange.cancel() }
    }
}
