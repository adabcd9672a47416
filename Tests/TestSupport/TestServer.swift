import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A request as the test server received it.
public struct RecordedRequest: Sendable {
    public var method: String
    public var uri: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// What the test server answers: a status, headers, and a body sent in pieces with pauses.
public struct CannedResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var chunks: [(bytes: [UInt8], delay: Double)]
    /// Close the connection after the chunks, without ending the chunked body (a cut stream).
    public var cutOff: Bool
    /// Chunk index → a condition the server waits for before sending that chunk. A gate that
    /// stays shut for 30 s gives up (so a broken test fails instead of hanging) and is counted
    /// in `TestServer.gatesGivenUp`.
    public var gates: [Int: @Sendable () -> Bool] = [:]

    public init(
        status: Int = 200, headers: [(String, String)] = [], chunks: [(bytes: [UInt8], delay: Double)],
        cutOff: Bool = false
    ) {
        self.status = status
        self.headers = headers
        self.chunks = chunks
        self.cutOff = cutOff
    }

    public static func json(_ text: String, status: Int = 200, headers: [(String, String)] = []) -> CannedResponse {
        CannedResponse(
            status: status, headers: [("Content-Type", "application/json")] + headers,
            chunks: [(Array(text.utf8), 0)])
    }

    public static func text(_ text: String, status: Int) -> CannedResponse {
        CannedResponse(status: status, headers: [("Content-Type", "text/plain")], chunks: [(Array(text.utf8), 0)])
    }

    /// An SSE body, each piece sent after `delay` seconds.
    public static func sse(_ pieces: [String], delay: Double = 0, cutOff: Bool = false) -> CannedResponse {
        CannedResponse(
            headers: [("Content-Type", "text/event-stream")], chunks: pieces.map { (Array($0.utf8), delay) },
            cutOff: cutOff)
    }
}

/// An OpenAI-compatible server on 127.0.0.1 and a free port, in the test process: it records
/// every request and answers each with what the responder returns.
public final class TestServer: Sendable {
    /// What the server did, beyond the requests it recorded.
    struct Counters {
        var closed = 0
        var chunksSent = 0
        var bytesSent = 0
        var gatesGivenUp = 0
    }

    private let channel: any Channel
    private let recorded = NIOLockedValueBox<[RecordedRequest]>([])
    private let counters = NIOLockedValueBox(Counters())
    public let port: Int

    public var baseURL: String { "http://127.0.0.1:\(port)/v1" }
    public var requests: [RecordedRequest] { recorded.withLockedValue { $0 } }
    /// Connections the client closed (or that ended) so far.
    public var closedCount: Int { counters.withLockedValue { $0.closed } }
    /// Body chunks of responses written to a connection so far (all responses together).
    public var chunksSent: Int { counters.withLockedValue { $0.chunksSent } }
    /// Body bytes of responses written to a connection so far (all responses together).
    public var bytesSent: Int { counters.withLockedValue { $0.bytesSent } }
    /// Gates that stayed shut until their deadline: a test that relies on its gates expects 0.
    public var gatesGivenUp: Int { counters.withLockedValue { $0.gatesGivenUp } }

    public init(responder: @escaping @Sendable (RecordedRequest, Int) -> CannedResponse) async throws {
        let recorded = self.recorded
        let counters = self.counters
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(
                        Handler(recorded: recorded, counters: counters, responder: responder))
                }
            }
        channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress?.port ?? 0
    }

    /// A server that answers every request the same way.
    public convenience init(always response: CannedResponse) async throws {
        try await self.init { _, _ in response }
    }

    public func shutdown() async {
        try? await channel.close()
    }

    private final class Handler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        let recorded: NIOLockedValueBox<[RecordedRequest]>
        let counters: NIOLockedValueBox<Counters>
        let responder: @Sendable (RecordedRequest, Int) -> CannedResponse
        var current: RecordedRequest?

        init(
            recorded: NIOLockedValueBox<[RecordedRequest]>, counters: NIOLockedValueBox<Counters>,
            responder: @escaping @Sendable (RecordedRequest, Int) -> CannedResponse
        ) {
            self.recorded = recorded
            self.counters = counters
            self.responder = responder
        }

        func channelInactive(context: ChannelHandlerContext) {
            counters.withLockedValue { $0.closed += 1 }
            context.fireChannelInactive()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                current = RecordedRequest(
                    method: head.method.rawValue, uri: head.uri, headers: head.headers.map { ($0.name, $0.value) },
                    body: [])
            case .body(let buffer):
                current?.body += buffer.readableBytesView
            case .end:
                guard let request = current else { return }
                let index = recorded.withLockedValue { list -> Int in
                    list.append(request)
                    return list.count - 1
                }
                respond(responder(request, index), channel: context.channel)
            }
        }

        /// Answers on the channel's event loop, not on Swift's cooperative pool: tests that
        /// block a thread while they wait (a pseudo-terminal, a child process) cannot starve it.
        private func respond(_ response: CannedResponse, channel: any Channel) {
            var headers = HTTPHeaders(response.headers)
            if !headers.contains(name: "Content-Length") {
                headers.replaceOrAdd(name: "Transfer-Encoding", value: "chunked")
            }
            let head = HTTPResponseHead(
                version: .http1_1, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
            channel.writeAndFlush(HTTPServerResponsePart.head(head), promise: nil)
            Self.send(response, from: 0, on: channel, counters: counters)
        }

        /// Polls a gate every 10 ms while the connection is open, for at most 30 s; then the
        /// chunk goes anyway and the give-up is counted.
        private static func waitForGate(
            _ gate: @escaping @Sendable () -> Bool, _ response: CannedResponse, _ index: Int, _ channel: any Channel,
            counters: NIOLockedValueBox<Counters>, polls: Int
        ) {
            channel.eventLoop.scheduleTask(in: .milliseconds(10)) {
                guard channel.isActive else { return }
                let open = gate()
                if open || polls >= 3_000 {
                    if !open { counters.withLockedValue { $0.gatesGivenUp += 1 } }
                    var opened = response
                    opened.gates[index] = nil
                    send(opened, from: index, on: channel, counters: counters)
                } else {
                    waitForGate(gate, response, index, channel, counters: counters, polls: polls + 1)
                }
            }
        }

        private static func send(
            _ response: CannedResponse, from index: Int, on channel: any Channel, counters: NIOLockedValueBox<Counters>
        ) {
            guard index < response.chunks.count else {
                if response.cutOff {
                    channel.close(promise: nil)
                } else {
                    channel.writeAndFlush(HTTPServerResponsePart.end(nil), promise: nil)
                }
                return
            }
            let chunk = response.chunks[index]
            if let gate = response.gates[index], !gate() {
                waitForGate(gate, response, index, channel, counters: counters, polls: 0)
                return
            }
            channel.eventLoop.scheduleTask(in: .nanoseconds(Int64(chunk.delay * 1e9))) {
                guard channel.isActive else { return }
                let part = HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: chunk.bytes)))
                channel.writeAndFlush(part).whenComplete { result in
                    guard case .success = result else { return }
                    counters.withLockedValue {
                        $0.chunksSent += 1
                        $0.bytesSent += chunk.bytes.count
                    }
                    send(response, from: index + 1, on: channel, counters: counters)
                }
            }
        }
    }
}

/// A fixture file's bytes.
public func fixture(_ name: String, in bundleDirectory: String) throws -> [UInt8] {
    let path = bundleDirectory + "/" + name
    guard let file = fopen(path, "rb") else { throw FixtureError.missing(path) }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count <= 0 { break }
        bytes += buffer[0..<count]
    }
    return bytes
}

public enum FixtureError: Error { case missing(String) }

/// The directory of the test sources' fixtures (`Tests/ChatClientTests/Fixtures`).
public func fixturesDirectory(file: String = #filePath) -> String {
    // …/Tests/TestSupport/TestServer.swift → …/Tests/ChatClientTests/Fixtures
    let parts = file.split(separator: "/").dropLast(2)
    return "/" + parts.joined(separator: "/") + "/ChatClientTests/Fixtures"
}

#if canImport(Glibc)
    import Glibc
#endif
