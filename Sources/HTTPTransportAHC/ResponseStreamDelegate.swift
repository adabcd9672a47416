import AsyncHTTPClient
import ChatClient
import NIOCore
import NIOHTTP1

/// Receives one response through AsyncHTTPClient's delegate API and hands it on: the head
/// through a continuation, the body as a stream that keeps every part received.
///
/// Why not the async API: when a server closes the connection in the middle of a body,
/// AsyncHTTPClient drops the parts it has buffered but not yet handed out, and only reports
/// the error, so the last event before a cut was sometimes lost. Here every part is taken the
/// moment it arrives (the demand for the next one is renewed at once, on the channel's own
/// event loop), and the stream delivers all parts before it reports the cut.
final class ResponseStreamDelegate: HTTPClientResponseDelegate {
    typealias Response = Void

    private struct State {
        var buffered = 0
        var resume: EventLoopPromise<Void>?
    }

    private let state = Locked(State())
    private let headSlot = HeadSlot<NIOHTTP1.HTTPResponseHead>()
    private let continuation: AsyncThrowingStream<ByteBuffer, any Error>.Continuation
    let body: AsyncThrowingStream<ByteBuffer, any Error>
    private let mapError: @Sendable (any Error) -> any Error
    /// Beyond this many bytes waiting for the reader, the network is paused (backpressure).
    private let highWatermark: Int

    init(highWatermark: Int = 16 << 20, mapError: @escaping @Sendable (any Error) -> any Error) {
        (body, continuation) = AsyncThrowingStream.makeStream(of: ByteBuffer.self, throwing: (any Error).self)
        self.highWatermark = highWatermark
        self.mapError = mapError
    }

    /// Waits for the response head; the continuation is resumed by the delegate calls.
    func waitForHead() async throws -> NIOHTTP1.HTTPResponseHead {
        try await headSlot.wait()
    }

    /// Hands the head, or the failure, to whoever waits for it, or keeps it for them.
    private func deliverHead(_ result: Result<NIOHTTP1.HTTPResponseHead, any Error>) {
        headSlot.deliver(result)
    }

    /// The reader took `count` bytes: resume the network when the backlog fell below the mark.
    func consumed(_ count: Int) {
        let promise = state.withLock { state -> EventLoopPromise<Void>? in
            state.buffered -= count
            guard state.buffered < highWatermark / 2 else { return nil }
            defer { state.resume = nil }
            return state.resume
        }
        promise?.succeed()
    }

    func didReceiveHead(task: HTTPClient.Task<Void>, _ head: NIOHTTP1.HTTPResponseHead) -> EventLoopFuture<Void> {
        deliverHead(.success(head))
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Void>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        continuation.yield(buffer)
        let pause = state.withLock { state -> EventLoopPromise<Void>? in
            state.buffered += buffer.readableBytes
            guard state.buffered > highWatermark else { return nil }
            let promise = task.eventLoop.makePromise(of: Void.self)
            state.resume = promise
            return promise
        }
        return pause?.futureResult ?? task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveError(task: HTTPClient.Task<Void>, _ error: any Error) {
        let mapped = mapError(error)
        deliverHead(.failure(mapped))
        continuation.finish(throwing: mapped)
        releasePause()
    }

    func didFinishRequest(task: HTTPClient.Task<Void>) throws {
        continuation.finish()
        releasePause()
    }

    private func releasePause() {
        let promise = state.withLock { state in
            defer { state.resume = nil }
            return state.resume
        }
        promise?.succeed()
    }
}
