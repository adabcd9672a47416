import NIOCore
import Testing

@testable import HTTPTransportAHC

@Suite("A proxied response's backlog")
struct ProxyExchangeTests {
    /// Past the mark the network pauses; it resumes only once the reader took half of it.
    @Test func pausesPastTheMarkAndResumesBelowHalf() {
        let exchange = ProxyExchange(host: "h", highWatermark: 10)
        #expect(exchange.received(ByteBuffer(bytes: [UInt8](repeating: 1, count: 8))))
        #expect(!exchange.isPaused)
        #expect(!exchange.received(ByteBuffer(bytes: [UInt8](repeating: 2, count: 8))))
        #expect(exchange.isPaused)
        exchange.consumed(8)
        #expect(exchange.isPaused)  // 8 left: not below half the mark
        exchange.consumed(6)
        #expect(!exchange.isPaused)
    }

    /// Every part received before a cut is delivered, then the cut.
    @Test func aCutComesAfterEveryPartReceived() async {
        let exchange = ProxyExchange(host: "h")
        _ = exchange.received(ByteBuffer(string: "one "))
        _ = exchange.received(ByteBuffer(string: "two"))
        exchange.finish(throwing: CancellationError())
        var text = ""
        var failed = false
        do {
            for try await buffer in exchange.body { text += String(buffer: buffer) }
        } catch {
            failed = true
        }
        #expect(text == "one two")
        #expect(failed)
    }
}
