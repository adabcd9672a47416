import ChatClient
import NIOCore
import TestSupport
import Testing

@testable import HTTPTransportSocket

#if canImport(Glibc)
    import Glibc
#endif

/// Feeds a response to a parser in pieces of `size` bytes; the head, the body and whether it ended.
private func parse(_ text: String, piece size: Int, noBody: Bool = false, closeAtEnd: Bool = false) throws -> (
    head: HTTPResponseHead?, body: String, ended: Bool
) {
    var parser = ResponseParser(requestHasNoResponseBody: noBody)
    var head: HTTPResponseHead?
    var body: [UInt8] = []
    var ended = false
    let bytes = Array(text.utf8)
    func emit(_ event: ResponseParser.Event) {
        switch event {
        case .head(let value): head = value
        case .body(let part): body += part
        case .end: ended = true
        }
    }
    var index = 0
    while index < bytes.count {
        let end = min(bytes.count, index + size)
        try bytes[index..<end].withUnsafeBytes { try parser.feed($0, emit: emit) }
        index = end
    }
    if closeAtEnd { try parser.finish(emit: emit) }
    return (head, String(decoding: body, as: UTF8.self), ended)
}

@Suite("HTTP/1.1 answers read by the socket transport's parser")
struct ResponseParserTests {
    static let pieces = [1, 2, 3, 7, 64, 100_000]

    @Test(arguments: pieces)
    func aContentLengthBodyEndsAtItsLength(piece: Int) throws {
        let (head, body, ended) = try parse(
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: 11\r\n\r\nhello worldEXTRA",
            piece: piece)
        #expect(head?.status == 200)
        #expect(head?.header("content-type") == "text/event-stream")
        #expect(body == "hello world")
        #expect(ended)
    }

    @Test(arguments: pieces)
    func aChunkedBodyIsJoinedWithExtensionsAndTrailersSkipped(piece: Int) throws {
        let text =
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5\r\nhello\r\n1;name=value\r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: yes\r\n\r\n"
        let (head, body, ended) = try parse(text, piece: piece)
        #expect(head?.status == 200)
        #expect(body == "hello 0123456789")
        #expect(ended)
    }

    @Test(arguments: pieces)
    func aBodyWithoutLengthEndsWithTheConnection(piece: Int) throws {
        let text = "HTTP/1.0 200 OK\nContent-Type: application/json\n\n{\"a\":1}"
        let open = try parse(text, piece: piece)
        #expect(open.body == "{\"a\":1}")
        #expect(!open.ended)
        let closed = try parse(text, piece: piece, closeAtEnd: true)
        #expect(closed.ended)
    }

    @Test(arguments: pieces)
    func interimAnswersAreSkipped(piece: Int) throws {
        let text =
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: x\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\nno"
        let (head, body, ended) = try parse(text, piece: piece)
        #expect(head?.status == 404)
        #expect(head?.header("link") == nil)
        #expect(body == "no")
        #expect(ended)
    }

    @Test func answersWithoutABodyEndAtTheirHead() throws {
        #expect(try parse("HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n", piece: 5).ended)
        #expect(try parse("HTTP/1.1 304 Not Modified\r\n\r\n", piece: 5).ended)
        #expect(try parse("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", piece: 5).ended)
        #expect(try parse("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n", piece: 5, noBody: true).ended)
    }

    @Test(arguments: [
        ("SSH-2.0-OpenSSH_9.6\r\n", "not HTTP"),
        ("\u{16}\u{03}\u{01}\u{00}", "not HTTP"),
        ("HTTP/1.1 2000 OK\r\n\r\n", "not HTTP"),
        ("HTTP/2 200\r\n\r\n", "not HTTP"),
        ("HTTP/1.1 200 OK\r\nNo colon here\r\n\r\n", "a header line has no name"),
        ("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "is not a number of bytes"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\n", "is not a number of bytes"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\n", "is not a number of bytes"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "not a hexadecimal number"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffff\r\n", "not a hexadecimal number"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n", "longer than its size says"),
    ])
    func malformedAnswersAreNamed(text: String, reason: String) {
        for piece in [1, 1000] {
            #expect(throws: ResponseParser.Malformed.self) { try parse(text, piece: piece) }
            do {
                _ = try parse(text, piece: piece)
            } catch let error as ResponseParser.Malformed {
                #expect(error.reason.contains(reason), "\(piece): \(error.reason)")
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test func anEndlessHeadIsRefused() {
        let text = "HTTP/1.1 200 OK\r\n" + String(repeating: "X-Padding: 0123456789\r\n", count: 4000)
        #expect(throws: ResponseParser.Malformed(reason: "its head is longer than 64 KB")) {
            try parse(text, piece: 4096)
        }
    }

    @Test(arguments: [
        ("", ResponseParser.CutShort.beforeHead), ("HTTP/1.1 200 OK\r\nContent-", .inHead),
        ("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", .inBody),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", .inBody),
    ])
    func anAnswerCutShortSaysWhere(text: String, cut: ResponseParser.CutShort) {
        #expect(throws: cut) { try parse(text, piece: 3, closeAtEnd: true) }
    }
}

@Suite("Where a plain-http request goes")
struct PlainTargetTests {
    @Test func theURLIsTakenApart() throws {
        let target = try #require(
            PlainTarget(url: "http://alice:p%40ss@LocalHost:11434/v1/chat/completions?api-version=1#x"))
        #expect(target.host == "LocalHost")
        #expect(target.port == 11434)
        #expect(target.requestTarget == "/v1/chat/completions?api-version=1")
        #expect(target.hostHeader == "LocalHost:11434")
        let v6 = try #require(PlainTarget(url: "HTTP://[::1]/v1"))
        #expect(v6.host == "::1")
        #expect(v6.port == 80)
        #expect(v6.hostHeader == "[::1]")
        #expect(PlainTarget(url: "http://host")?.requestTarget == "/")
    }

    @Test(arguments: [
        "https://api.openai.com/v1", "http://", "http://:80/v1", "http://host:0/", "http://host:65536/",
        "http://host:8o/", "http://[::1/v1", "http://ho st/", "ftp://host/",
    ])
    func otherURLsAreNotItsOwn(url: String) {
        #expect(PlainTarget(url: url) == nil)
    }

    @Test func aHeaderThatWouldBreakTheRequestIsRefusedWithoutItsValue() throws {
        let target = try #require(PlainTarget(url: "http://127.0.0.1:9/v1"))
        let spec = HTTPRequestSpec(
            method: .post, url: "http://127.0.0.1:9/v1", headers: [("Authorization", "Bearer sk-secret\r\nX: y")],
            body: [])
        #expect(
            throws: ChatClientError.invalidRequest(
                "the request header Authorization holds a line break or another control character")
        ) {
            try PlainHTTPTransport.requestBytes(spec, target: target)
        }
        let good = HTTPRequestSpec(
            method: .post, url: "http://127.0.0.1:9/v1", headers: [("Content-Type", "application/json")],
            body: Array("{}".utf8))
        let text = String(decoding: try PlainHTTPTransport.requestBytes(good, target: target), as: UTF8.self)
        #expect(
            text
                == "POST /v1 HTTP/1.1\r\nHost: 127.0.0.1:9\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                + "Connection: close\r\n\r\n{}")
    }
}

/// A TCP server on 127.0.0.1 that answers every connection with the same bytes, then holds the
/// connection open until the client closes it (or closes it itself). Runs on a thread of its own.
private final class RawServer: Sendable {
    let port: Int
    private let listener: Int32
    /// Connections the client closed, and request bytes received.
    let closedByClient = Locked(0)
    let received = Locked([UInt8]())

    init(answer: [UInt8], thenClose: Bool) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) }
        }
        listen(listener, 8)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        let closedByClient = self.closedByClient
        let received = self.received
        _ = startDetachedThread {
            while true {
                let connection = accept(listener, nil, nil)
                guard connection >= 0 else { return }
                var buffer = [UInt8](repeating: 0, count: 65536)
                // The request's head is enough: the tests send no body worth waiting for.
                var request: [UInt8] = []
                while !request.containsHeadEnd {
                    let count = recv(connection, &buffer, buffer.count, 0)
                    if count <= 0 { break }
                    request += buffer[..<count]
                    if request.count > 60000 { break }
                }
                received.withLock { $0 += request }
                var sent = 0
                while sent < answer.count {
                    let count = answer[sent...].withUnsafeBytes {
                        send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
                    }
                    if count <= 0 { break }
                    sent += count
                }
                if !thenClose {
                    while recv(connection, &buffer, buffer.count, 0) > 0 {}
                    closedByClient.withLock { $0 += 1 }
                }
                close(connection)
            }
        }
    }

    var url: String { "http://127.0.0.1:\(port)/v1/chat/completions" }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }
}

extension Array where Element == UInt8 {
    /// Whether a request's head has all arrived (its blank line).
    fileprivate var containsHeadEnd: Bool {
        count >= 4 && (0...(count - 4)).contains { self[$0..<$0 + 4].elementsEqual("\r\n\r\n".utf8) }
    }
}

@Suite("The socket transport on a live connection")
struct SocketTransportTests {
    let transport = PlainHTTPTransport(connectTimeout: 5) { fatalError("no https here") }

    func spec(_ url: String) -> HTTPRequestSpec {
        HTTPRequestSpec(
            method: .post, url: url, headers: [("Content-Type", "application/json")], body: Array("{}".utf8))
    }

    @Test func aServerThatNeverAnswersIsLeftWhenTheTaskIsCancelled() async throws {
        let server = try RawServer(answer: [], thenClose: false)
        defer { server.stop() }
        let transport = self.transport
        let task = Task { try await transport.send(spec(server.url)) }
        #expect(await eventually { server.received.withLock { !$0.isEmpty } })
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        // The connection is closed, not left open.
        #expect(await eventually { server.closedByClient.withLock { $0 } == 1 })
    }

    @Test func aBodyLetGoBeforeItsEndClosesTheConnection() async throws {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: 100000000\r\n\r\n"
        let server = try RawServer(
            answer: Array(head.utf8) + Array(repeating: UInt8(ascii: "x"), count: 70000), thenClose: false)
        defer { server.stop() }
        do {
            let response = try await transport.send(spec(server.url))
            #expect(response.head.status == 200)
            var iterator = response.body.makeAsyncIterator()
            let first = try await iterator.next()
            #expect((first?.readableBytes ?? 0) > 0)
        }
        #expect(await eventually { server.closedByClient.withLock { $0 } == 1 })
    }

    @Test func everyByteArrivesInOrderAndTheRequestIsWhole() async throws {
        var body: [UInt8] = []
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<300_000 { body.append(UInt8.random(in: 0...255, using: &generator)) }
        var chunked: [UInt8] = Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
        var index = 0
        while index < body.count {
            let size = min(body.count - index, Int.random(in: 1...5000, using: &generator))
            chunked += Array((String(size, radix: 16) + "\r\n").utf8) + body[index..<index + size] + Array("\r\n".utf8)
            index += size
        }
        chunked += Array("0\r\n\r\n".utf8)
        let server = try RawServer(answer: chunked, thenClose: true)
        defer { server.stop() }
        let response = try await transport.send(spec(server.url))
        var received: [UInt8] = []
        for try await buffer in response.body { received += buffer.readableBytesView }
        #expect(received == body)
        let request = String(decoding: server.received.withLock { $0 }, as: UTF8.self)
        #expect(request.hasPrefix("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\n"))
    }

    @Test func aRefusedConnectionAndAnUnknownHostAreNamed() async throws {
        let server = try RawServer(answer: [], thenClose: true)
        let url = server.url
        server.stop()
        await #expect(throws: ChatClientError.connection(.refused, host: "127.0.0.1:\(server.port)")) {
            try await transport.send(spec(url))
        }
        await #expect(throws: ChatClientError.connection(.hostNotFound, host: "no-such-host.invalid")) {
            try await transport.send(spec("http://no-such-host.invalid/v1"))
        }
    }

    @Test func anAnswerThatIsNotHTTPIsNamed() async throws {
        let server = try RawServer(answer: Array("SSH-2.0-OpenSSH_9.6\r\n".utf8), thenClose: true)
        defer { server.stop() }
        await #expect {
            try await transport.send(spec(server.url))
        } throws: { error in
            guard case .connection(.other(let words), _) = error as? ChatClientError else { return false }
            return words.contains("not HTTP")
        }
    }

    @Test func aConnectionClosedWithoutAnAnswerIsAReset() async throws {
        let server = try RawServer(answer: [], thenClose: true)
        defer { server.stop() }
        await #expect(throws: ChatClientError.connection(.reset, host: "127.0.0.1:\(server.port)")) {
            try await transport.send(spec(server.url))
        }
    }

    /// Body bytes that came in the same read as a broken chunk size are handed over before
    /// the error: nothing received is lost.
    @Test func bytesBeforeAMalformedPartOfTheSameReadAreKept() async throws {
        let answer = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz\r\n"
        let server = try RawServer(answer: Array(answer.utf8), thenClose: true)
        defer { server.stop() }
        let response = try await transport.send(spec(server.url))
        var received: [UInt8] = []
        await #expect {
            for try await buffer in response.body { received += buffer.readableBytesView }
        } throws: { error in
            guard case .connection(.other(let words), _) = error as? ChatClientError else { return false }
            return words.contains("not a hexadecimal number")
        }
        #expect(String(decoding: received, as: UTF8.self) == "hello")
    }
}
