import ChatClient
import HTTPTransportSocket
import NIOCore
import NIOHTTP1

/// One request sent to a proxy in absolute form: hands the response head to whoever waits for
/// it, and the body, part by part, to its reader. The network is paused while more than
/// `highWatermark` bytes wait for the reader, and resumed once it has taken half of them.
final class ProxyExchange: CancellableExchange {
    private struct State {
        var buffered = 0
        var paused = false
        var finished = false
        var channel: (any Channel)?
    }

    private let state = Locked(State())
    private let headSlot = HeadSlot<NIOHTTP1.HTTPResponseHead>()
    private let continuation: AsyncThrowingStream<ByteBuffer, any Error>.Continuation
    let body: AsyncThrowingStream<ByteBuffer, any Error>
    private let highWatermark: Int
    /// The server the request is for, as errors name it.
    let host: String

    init(host: String, highWatermark: Int = 16 << 20) {
        (body, continuation) = AsyncThrowingStream.makeStream(of: ByteBuffer.self, throwing: (any Error).self)
        self.host = host
        self.highWatermark = highWatermark
    }

    /// Whether the network waits for the reader to catch up.
    var isPaused: Bool { state.withLock { $0.paused } }

    /// The connection, once there is one; closed at once if the exchange already ended.
    func attach(_ channel: any Channel) {
        let ended = state.withLock { state in
            state.channel = channel
            return state.finished
        }
        if ended { channel.close(promise: nil) }
    }

    func waitForHead() async throws -> NIOHTTP1.HTTPResponseHead {
        try await headSlot.wait()
    }

    /// Hands the head, or the failure, to whoever waits for it, or keeps it for them; only the
    /// first result counts.
    func deliverHead(_ result: Result<NIOHTTP1.HTTPResponseHead, any Error>) {
        headSlot.deliver(result)
    }

    /// A part of the body arrived; false when the network should pause until the reader catches up.
    func received(_ buffer: ByteBuffer) -> Bool {
        continuation.yield(buffer)
        return state.withLock { state in
            state.buffered += buffer.readableBytes
            state.paused = state.buffered > highWatermark
            return !state.paused
        }
    }

    /// The reader took `count` bytes: resume the network when the backlog fell below half the mark.
    func consumed(_ count: Int) {
        let channel = state.withLock { state -> (any Channel)? in
            state.buffered -= count
            guard state.paused, state.buffered < highWatermark / 2 else { return nil }
            state.paused = false
            return state.channel
        }
        channel?.read()
    }

    /// The exchange is over: the body ends (with `error` if it was cut) and the connection is closed.
    func finish(throwing error: (any Error)? = nil) {
        let channel = state.withLock { state -> (any Channel)? in
            state.finished = true
            return state.channel
        }
        deliverHead(.failure(error ?? ChatClientError.connection(.reset, host: host)))
        if let error { continuation.finish(throwing: error) } else { continuation.finish() }
        channel?.close(promise: nil)
    }

    /// Stops the exchange from the reader's side (cancelled, or the body let go of).
    func cancel() {
        finish(throwing: CancellationError())
    }
}
