import NIOCore

/// A response body, delivered as the network hands it over. Any transport's byte sequence
/// fits behind it, so the client depends on no HTTP library.
public struct ResponseBody: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer

    @usableFromInline let makeIterator: @Sendable () -> AsyncIterator

    /// A body read from any sequence of byte buffers (a live connection, or a fake's chunks).
    /// Inlinable, so it is made for the transport's own type where the transport makes it: made
    /// generically, it looks the sequence's iterator type up by name (a conformance scan).
    @inlinable
    public init<Chunks: AsyncSequence & Sendable>(_ chunks: Chunks) where Chunks.Element == ByteBuffer {
        makeIterator = { AsyncIterator(base: chunks.makeAsyncIterator()) }
    }

    /// A body that is the given bytes in one chunk.
    public init(bytes: some Sequence<UInt8>) {
        let buffer = ByteBuffer(bytes: Array(bytes))
        self.init(
            AsyncThrowingStream { continuation in
                continuation.yield(buffer)
                continuation.finish()
            })
    }

    /// One dynamic call per network read: negligible next to the read itself.
    public struct AsyncIterator: AsyncIteratorProtocol {
        @usableFromInline var base: any AsyncIteratorProtocol

        @inlinable init(base: any AsyncIteratorProtocol) { self.base = base }

        public mutating func next() async throws -> ByteBuffer? {
            try await base.next() as? ByteBuffer
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { makeIterator() }
}
