import ChatClient
import NIOCore
import TestSupport
import Testing

@testable import HTTPTransportSocket

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP server on 127.0.0.1 for hostile answers: each connection gets a thread of its own,
/// which reads the request's head, runs `script` on the connection (it writes what it likes),
/// then either closes it or holds it open until the client closes it.
private final class HostileServer: Sendable {
    let port: Int
    private let listener: Int32
    /// Connections the client closed while the server held them open.
    let closedByClient = Locked(0)
    /// Request heads read.
    let requests = Locked(0)
    /// Connections whose script has run to its end.
    let scriptsDone = Locked(0)

    init(holdOpen: Bool, script: @escaping @Sendable (Int32) -> Void) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) }
        }
        listen(listener, 1024)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        let closedByClient = closedByClient
        let requests = requests
        let scriptsDone = scriptsDone
        _ = startDetachedThread {
            while true {
                let connection = accept(listener, nil, nil)
                guard connection >= 0 else { return }
                _ = startDetachedThread {
                    var buffer = [UInt8](repeating: 0, count: 65536)
                    var request: [UInt8] = []
                    while !HostileServer.hasHeadEnd(request) {
                        let count = recv(connection, &buffer, buffer.count, 0)
                        if count <= 0 { break }
                        request += buffer[..<count]
                        if request.count > 60000 { break }
                    }
                    requests.withLock { $0 += 1 }
                    script(connection)
                    scriptsDone.withLock { $0 += 1 }
                    if holdOpen {
                        while recv(connection, &buffer, buffer.count, 0) > 0 {}
                        closedByClient.withLock { $0 += 1 }
                    }
                    close(connection)
                }
            }
        }
    }

    /// A server that sends `answer` at once.
    convenience init(answer: [UInt8], holdOpen: Bool) throws {
        try self.init(holdOpen: holdOpen) { HostileServer.write(answer, to: $0) }
    }

    static func hasHeadEnd(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 4 && (0...(bytes.count - 4)).contains { bytes[$0..<$0 + 4].elementsEqual("\r\n\r\n".utf8) }
    }

    /// Writes all of `bytes`, or as much as the client takes before it closes.
    static func write(_ bytes: [UInt8], to connection: Int32) {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes {
                send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if count <= 0 { return }
            sent += count
        }
    }

    var url: String { "http://127.0.0.1:\(port)/v1/chat/completions" }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }
}

/// Reads a whole body.
private func collect(_ body: ResponseBody) async throws -> [UInt8] {
    var bytes: [UInt8] = []
    for try await buffer in body { bytes += buffer.readableBytesView }
    return bytes
}

@Suite("The socket transport against hostile servers", .timeLimit(.minutes(2)))
struct SocketTransportHostileTests {
    let transport = PlainHTTPTransport(connectTimeout: 5) { fatalError("no https here") }

    func spec(_ url: String) -> HTTPRequestSpec {
        HTTPRequestSpec(
            method: .post, url: url, headers: [("Authorization", "Bearer sk-SECRET-KEY-123")],
            body: Array("{}".utf8))
    }

    /// Sends the request and reads the whole body.
    func fetch(_ url: String) async throws -> (status: Int, body: [UInt8]) {
        let response = try await transport.send(spec(url))
        return (response.head.status, try await collect(response.body))
    }

    // MARK: - Framing that must not trap

    static let unreadableAnswers: [String] = [
        // An empty or comma-only Content-Length: no number at all.
        "HTTP/1.1 200 OK\r\nContent-Length: \r\n\r\nhello",
        "HTTP/1.1 200 OK\r\nContent-Length: ,\r\n\r\nhello",
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length:\r\n\r\nhello",
        // Numbers beyond Int.
        "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\nhello",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\nhello",
        "HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\nhello",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffffff\r\nabc",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\nabc\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n;\r\nabc\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcdef\r\n0\r\n\r\n",
        // A huge chunk size that fits, then the connection ends mid-chunk.
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffff\r\nabc",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab",
        "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort",
        "HTTP/1.1 2000 OK\r\n\r\n",
        "HTTP/1.1 20 OK\r\n\r\n",
        "HTTP/1.1 200 OK\r\n: no name\r\n\r\n",
    ]

    @Test(arguments: unreadableAnswers)
    func anUnreadableAnswerIsAConnectionErrorWithoutTheKey(answer: String) async throws {
        let server = try HostileServer(answer: Array(answer.utf8), holdOpen: false)
        defer { server.stop() }
        do {
            let result = try await fetch(server.url)
            Issue.record("read \(result.body.count) bytes with status \(result.status) from \(answer.debugDescription)")
        } catch let error as ChatClientError {
            guard case .connection = error else {
                Issue.record("not a connection error: \(error)")
                return
            }
            #expect(!"\(error)".contains("SECRET"))
        }
    }

    @Test func randomBytesAfterAValidHeadNeverTrapTheParser() throws {
        var generator = SeededGenerator(seed: 42)
        let heads = [
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n",
            "HTTP/1.1 200 OK\r\n\r\n",
            "HTTP/1.1 100 Continue\r\n\r\n",
            "HTTP/1.1 200 OK\r\n",
        ]
        // Bytes that mean something to the parser, so random text reaches its corners.
        let tokens: [[UInt8]] = [
            "\r\n", "\n", "\r", ":", ";", ",", " ", "0", "1", "f", "F", "ffffffffffffffff", "HTTP/1.1 ",
            "204", "200", "Content-Length:", "Transfer-Encoding: chunked", "\r\n\r\n", "0\r\n\r\n",
        ].map { Array($0.utf8) }
        var completed = 0
        for round in 0..<3000 {
            var bytes = Array(heads[round % heads.count].utf8)
            for _ in 0..<Int.random(in: 0...60, using: &generator) {
                if Bool.random(using: &generator) {
                    bytes.append(UInt8.random(in: 0...255, using: &generator))
                } else {
                    bytes += tokens[Int.random(in: 0..<tokens.count, using: &generator)]
                }
            }
            var parser = ResponseParser()
            var index = 0
            do {
                while index < bytes.count {
                    let end = min(bytes.count, index + Int.random(in: 1...9, using: &generator))
                    try bytes[index..<end].withUnsafeBytes { try parser.feed($0) { _ in } }
                    index = end
                }
                try parser.finish { _ in }
                completed += 1
            } catch is ResponseParser.Malformed {
            } catch is ResponseParser.CutShort {
            }
        }
        // Some rounds must be read to their end, or the bytes never got past the head.
        #expect(completed > 0)
    }

    // MARK: - Framing that must be read

    @Test func aHeadTrickledOneByteAtATimeIsRead() async throws {
        let answer = Array(
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n6\r\n world\r\n0\r\nX-Done: 1\r\n\r\n"
                .utf8)
        let server = try HostileServer(holdOpen: false) { connection in
            var on: Int32 = 1
            setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
            for byte in answer {
                HostileServer.write([byte], to: connection)
                usleep(300)
            }
        }
        defer { server.stop() }
        let result = try await fetch(server.url)
        #expect(result.status == 200)
        #expect(String(decoding: result.body, as: UTF8.self) == "hello world")
    }

    @Test func randomBytesAfterAContentLengthBodyAreNotPartOfIt() async throws {
        var generator = SeededGenerator(seed: 9)
        var answer = Array("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello".utf8)
        for _ in 0..<100_000 { answer.append(UInt8.random(in: 0...255, using: &generator)) }
        let server = try HostileServer(answer: answer, holdOpen: true)
        defer { server.stop() }
        let result = try await fetch(server.url)
        #expect(String(decoding: result.body, as: UTF8.self) == "hello")
        // The body ended at its length, and the connection was closed though the server held it.
        #expect(await eventually { server.closedByClient.withLock { $0 } == 1 })
    }

    @Test func aBodyReadAfterTheServerClosedIsWhole() async throws {
        let payload = [UInt8](repeating: UInt8(ascii: "z"), count: 200_000)
        let server = try HostileServer(
            answer: Array("HTTP/1.1 200 OK\r\nContent-Length: \(payload.count)\r\n\r\n".utf8) + payload,
            holdOpen: false)
        defer { server.stop() }
        let response = try await transport.send(spec(server.url))
        #expect(await eventually { server.scriptsDone.withLock { $0 } == 1 })
        #expect(try await collect(response.body) == payload)
    }

    @Test func aServerThatClosesMidChunkIsAReset() async throws {
        let answer = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nonly a part"
        let server = try HostileServer(answer: Array(answer.utf8), holdOpen: false)
        defer { server.stop() }
        let response = try await transport.send(spec(server.url))
        var received: [UInt8] = []
        await #expect(throws: ChatClientError.connection(.reset, host: "127.0.0.1:\(server.port)")) {
            for try await buffer in response.body { received += buffer.readableBytesView }
        }
        #expect(String(decoding: received, as: UTF8.self) == "only a part")
    }

    // MARK: - Connections let go of

    @Test func aResponseLetGoOfWithoutReadingItsBodyClosesTheConnection() async throws {
        // A redirect (the client reports it and never reads the body) from a server that holds
        // the connection open: the connection must not stay open, with its thread, for good.
        let server = try HostileServer(
            answer: Array("HTTP/1.1 307 Temporary Redirect\r\nLocation: http://elsewhere/\r\n\r\n".utf8),
            holdOpen: true)
        defer { server.stop() }
        do {
            let response = try await transport.send(spec(server.url))
            #expect(response.head.status == 307)
        }
        #expect(await eventually { server.closedByClient.withLock { $0 } == 1 })
    }

    @Test func manyRequestsCancelledAtOnceAllStopAndCloseTheirConnections() async throws {
        let count = 300
        let server = try HostileServer(answer: [], holdOpen: true)
        defer { server.stop() }
        let transport = self.transport
        let spec = self.spec(server.url)
        let tasks = (0..<count).map { _ in Task { try await transport.send(spec) } }
        // Half are cancelled as soon as they start (perhaps while connecting), half once the server has them.
        for task in tasks[..<(count / 2)] { task.cancel() }
        #expect(await eventually(within: 60) { server.requests.withLock { $0 } >= count / 2 })
        for task in tasks[(count / 2)...] { task.cancel() }
        for task in tasks {
            await #expect(throws: CancellationError.self) { _ = try await task.value }
        }
        // Every connection the server got is closed by the client.
        #expect(
            await eventually(within: 60) {
                let (requests, closed) = (server.requests.withLock { $0 }, server.closedByClient.withLock { $0 })
                return requests == closed
            })
    }

    @Test func aCancellationWhileReadingIsPausedByBackpressureEndsTheBodyAndTheConnection() async throws {
        let payload = [UInt8](repeating: UInt8(ascii: "p"), count: 8 << 20)
        let server = try HostileServer(
            answer: Array("HTTP/1.1 200 OK\r\nContent-Length: \(payload.count * 2)\r\n\r\n".utf8) + payload,
            holdOpen: true)
        defer { server.stop() }
        let target = try #require(PlainTarget(url: server.url))
        let exchange = try SocketExchange(
            target: target, request: PlainHTTPTransport.requestBytes(spec(server.url), target: target),
            connectTimeout: 5, highWatermark: 64 << 10)
        try exchange.start()
        let head = try await exchange.waitForHead()
        #expect(head.status == 200)
        var iterator = ExchangeBody(exchange: exchange).makeAsyncIterator()
        var received = try await iterator.next()?.readableBytes ?? 0
        // The reader now takes nothing: the thread pauses past 64 KB, and what the server sends
        // waits in the socket buffers.
        try await Task.sleep(for: .milliseconds(200))
        exchange.cancel()
        await #expect(throws: CancellationError.self) {
            while let buffer = try await iterator.next() { received += buffer.readableBytes }
        }
        // What was handed over before the pause, not all that the server sent.
        #expect(received < payload.count)
        #expect(await eventually { server.closedByClient.withLock { $0 } == 1 })
    }

    @Test func aSlowReaderGetsEveryByteThroughBackpressure() async throws {
        var generator = SeededGenerator(seed: 3)
        var payload: [UInt8] = []
        for _ in 0..<(3 << 20) { payload.append(UInt8.random(in: 0...255, using: &generator)) }
        let server = try HostileServer(
            answer: Array("HTTP/1.1 200 OK\r\nContent-Length: \(payload.count)\r\n\r\n".utf8) + payload,
            holdOpen: true)
        defer { server.stop() }
        let target = try #require(PlainTarget(url: server.url))
        let exchange = try SocketExchange(
            target: target, request: PlainHTTPTransport.requestBytes(spec(server.url), target: target),
            connectTimeout: 5, highWatermark: 16 << 10)
        try exchange.start()
        _ = try await exchange.waitForHead()
        var received: [UInt8] = []
        for try await buffer in ExchangeBody(exchange: exchange) {
            received += buffer.readableBytesView
            await Task.yield()
        }
        #expect(received == payload)
    }

    /// A server that answers 413 as soon as it has the head of a 32 MB request and then reads
    /// no more: the answer is read once the send cannot go on, not waited on for ever.
    @Test func anEarlyAnswerToALargeRequestIsHeardWhileTheServerStopsReading() async throws {
        let release = Locked(false)
        let answer =
            "HTTP/1.1 413 Payload Too Large\r\nContent-Type: application/json\r\nContent-Length: 27\r\n\r\n"
            + #"{"error":{"message":"big"}}"#
        let server = try HostileServer(holdOpen: false) { connection in
            HostileServer.write(Array(answer.utf8), to: connection)
            // Holds the connection, unread, until the test has its answer.
            while !release.withLock({ $0 }) { usleep(10_000) }
        }
        defer { server.stop() }
        let request = HTTPRequestSpec(
            method: .post, url: server.url, headers: [("Content-Type", "application/json")],
            body: [UInt8](repeating: UInt8(ascii: "x"), count: 32 << 20))
        let response = try await transport.send(request)
        release.withLock { $0 = true }
        #expect(response.head.status == 413)
        #expect(String(decoding: try await collect(response.body), as: UTF8.self).contains("big"))
    }
}
