import ChatClient
import Foundation
import HTTPTransportAHC
import TestSupport
import Testing

@Suite("The client against an in-process server", .serialized)
struct ClientTests {
    @Test func streamsAndSendsAuthAndPath() async throws {
        let server = try await TestServer(always: .sse([chunk("Hel"), chunk("lo"), finishChunk]))
        let client = makeClient(server)
        let pieces = Locked<[String]>([])
        let reply = try await client.send(question) { delta in pieces.withLock { $0.append(delta.content) } }
        await client.shutdown()
        await server.shutdown()
        #expect(reply.content == "Hello")
        #expect(pieces.withLock { $0.joined() } == "Hello")
        let request = try #require(server.requests.first)
        #expect(request.uri == "/v1/chat/completions")
        #expect(request.header("authorization") == "Bearer sk-test")
        #expect(request.bodyText.contains(#""include_usage":true"#))
    }

    /// `user:password@` in the base URL goes as Basic authorization (percent-escapes decoded),
    /// unless a key takes the Authorization header; the header's value is never shown.
    @Test(arguments: [nil, "sk-test"], TransportKind.allCases)
    func credentialsInTheBaseURLAreSent(key: String?, transport: TransportKind) async throws {
        let server = try await TestServer(always: .sse([chunk("ok"), finishChunk]))
        let base = server.baseURL.replacingOccurrences(of: "http://", with: "http://alice:p%40ss@")
        let client = ChatClient(
            settings: ServerSettings(baseURL: .test(base), apiKey: key, retry: RetryPolicy(maxRetries: 0)),
            transport: transport.make())
        _ = try await client.send(question) { _ in }
        await client.shutdown()
        await server.shutdown()
        let request = try #require(server.requests.first)
        let basic = "Basic " + Data("alice:p@ss".utf8).base64EncodedString()
        #expect(request.header("authorization") == (key == nil ? basic : "Bearer sk-test"))
        if key == nil { #expect(!Secrets.redact("header \(basic)").contains(basic.dropFirst(6))) }
    }

    @Test func twentyThousandChunks() async throws {
        let pieces = [String](repeating: chunk("x"), count: 20_000) + [finishChunk]
        // Sent in batches, as a fast server's writes arrive.
        let batches = stride(from: 0, to: pieces.count, by: 500).map {
            pieces[$0..<min(pieces.count, $0 + 500)].joined()
        }
        let server = try await TestServer(always: .sse(batches))
        let client = makeClient(server)
        let deltas = Locked(0)
        let reply = try await client.send(question) { _ in deltas.withLock { $0 += 1 } }
        await client.shutdown()
        await server.shutdown()
        // Every byte the server wrote was read, and every event in it became part of the reply.
        #expect(server.bytesSent == pieces.joined().utf8.count)
        #expect(reply.content == String(repeating: "x", count: 20_000))
        #expect(reply.finishReason == .stop)
        #expect(deltas.withLock { $0 } >= 1)
        // The request went out whole: the server received exactly the bytes the request encodes to.
        #expect(server.requests.count == 1)
        #expect(server.requests.first?.body == Array(try question.body()))
    }

    @Test func eachPieceIsDeliveredBeforeTheNextIsSent() async throws {
        // The server sends "b" only once the client has shown "a", and "c" once it has shown
        // "b": the reply can only complete if every piece is delivered as it arrives.
        let shown = Locked<[String]>([])
        var response = CannedResponse.sse([chunk("a"), chunk("b"), chunk("c"), finishChunk])
        response.gates = [
            1: { shown.withLock { $0 == ["a"] } },
            2: { shown.withLock { $0 == ["a", "b"] } },
        ]
        let server = try await TestServer(always: response)
        let client = makeClient(server)
        let reply = try await client.send(question) { delta in shown.withLock { $0.append(delta.content) } }
        await client.shutdown()
        await server.shutdown()
        #expect(reply.content == "abc")
        #expect(shown.withLock { $0 } == ["a", "b", "c"])
        #expect(server.gatesGivenUp == 0)  // each gate opened because the piece before it was shown
    }

    @Test func cutOffStreamIsReportedWithThePartialKept() async throws {
        let server = try await TestServer(always: .sse([chunk("part")], cutOff: true))
        let client = makeClient(server)
        let shown = Locked("")
        await #expect(throws: ChatClientError.self) {
            _ = try await client.send(question) { delta in shown.withLock { $0 += delta.content } }
        }
        await client.shutdown()
        await server.shutdown()
        #expect(shown.withLock { $0 } == "part")
        #expect(server.requests.count == 1)  // never retried after the first byte
    }

    @Test func midStreamErrorIsAnErrorWithThePartialShown() async throws {
        let server = try await TestServer(
            always: .sse([chunk("Once"), #"data: {"error":{"message":"boom","type":"server_error"}}"# + "\n\n"]))
        let client = makeClient(server)
        let shown = Locked("")
        do {
            _ = try await client.send(question) { delta in shown.withLock { $0 += delta.content } }
            Issue.record("expected an error")
        } catch let error as ChatClientError {
            #expect(error == .streamError(ServerErrorDetail(message: "boom", type: "server_error")))
        }
        await client.shutdown()
        await server.shutdown()
        #expect(shown.withLock { $0 } == "Once")
    }

    @Test func aRateLimitErrorAfterTheFirstByteIsNotRetried() async throws {
        let server = try await TestServer(
            always: .sse([
                chunk("Once"),
                #"data: {"error":{"message":"Rate limit reached","type":"tokens","code":"rate_limit_exceeded"}}"#
                    + "\n\n",
            ]))
        let waiter = RecordingWaiter()
        let client = makeClient(server, waiter: waiter)
        await #expect(throws: ChatClientError.self) { _ = try await client.send(question) { _ in } }
        await client.shutdown()
        await server.shutdown()
        #expect(server.requests.count == 1)
        #expect(waiter.waits.withLock { $0 }.isEmpty)
    }

    @Test func idleTimeoutNamesItself() async throws {
        let server = try await TestServer(always: .sse([chunk("a"), chunk("b")], delay: 1.0))
        let client = makeClient(server, timeouts: Timeouts(connect: 5, firstByte: 5, idle: 0.3))
        await #expect(throws: ChatClientError.timeout(.idle, seconds: 0.3)) {
            _ = try await client.send(question) { _ in }
        }
        await client.shutdown()
        await server.shutdown()
    }

    @Test func firstByteTimeout() async throws {
        let server = try await TestServer(always: .sse([chunk("late"), finishChunk], delay: 1.0))
        let client = makeClient(server, timeouts: Timeouts(connect: 5, firstByte: 0.3, idle: 5), retries: 0)
        await #expect(throws: ChatClientError.timeout(.firstByte, seconds: 0.3)) {
            _ = try await client.send(question) { _ in }
        }
        await client.shutdown()
        await server.shutdown()
    }

    @Test func slowButSteadyStreamIsNeverCutByATotalLimit() async throws {
        // Twelve pieces 0.25 s apart: 3 s in all, more than the idle limit, and never idle for
        // anywhere near it (eight times the gap), however loaded the machine.
        let server = try await TestServer(always: .sse((0..<12).map { chunk("\($0),") } + [finishChunk], delay: 0.25))
        let client = makeClient(server, timeouts: Timeouts(connect: 5, firstByte: 2, idle: 2))
        let reply = try await client.send(question) { _ in }
        await client.shutdown()
        await server.shutdown()
        #expect(reply.content == "0,1,2,3,4,5,6,7,8,9,10,11,")
    }

    /// The server sends three pieces and holds the other 47 back until the connection closes.
    /// Cancelling the request then ends it with CancellationError, and the server sees the
    /// connection close with the rest still unsent: it was closed at once, not drained.
    @Test func cancellingClosesTheConnectionAtOnce() async throws {
        var response = CannedResponse.sse((0..<50).map { chunk("\($0) ") })
        response.gates = [3: { false }]
        let server = try await TestServer(always: response)
        let client = makeClient(server)
        let shown = Locked("")
        let task = Task { try await client.send(question) { delta in shown.withLock { $0 += delta.content } } }
        #expect(await eventually { shown.withLock { $0 } == "0 1 2 " })
        task.cancel()
        await #expect(throws: CancellationError.self) { _ = try await task.value }
        #expect(await eventually { server.closedCount == 1 }, "requests: \(server.requests.count)")
        #expect(server.chunksSent == 3)
        #expect(server.gatesGivenUp == 0)
        #expect(shown.withLock { $0 } == "0 1 2 ")
        await client.shutdown()
        await server.shutdown()
    }

    @Test func retriesServerErrorsThenSucceeds() async throws {
        let server = try await TestServer { _, index in
            switch index {
            case 0: .json(#"{"error":{"message":"oops"}}"#, status: 500)
            case 1: .text("overloaded", status: 503)
            default: .sse([chunk("ok"), finishChunk])
            }
        }
        let waiter = RecordingWaiter()
        let client = makeClient(server, waiter: waiter)
        let reply = try await client.send(question) { _ in }
        await client.shutdown()
        await server.shutdown()
        #expect(reply.content == "ok")
        #expect(server.requests.count == 3)
        #expect(waiter.waits.withLock { $0 } == [0.5, 1.0])
    }

    @Test func rateLimitHonoursRetryAfter() async throws {
        let server = try await TestServer { _, index in
            index == 0
                ? .json(
                    #"{"error":{"message":"slow down","code":"rate_limit_exceeded"}}"#, status: 429,
                    headers: [("retry-after", "1")])
                : .sse([chunk("ok"), finishChunk])
        }
        let waiter = RecordingWaiter()
        let client = makeClient(server, waiter: waiter)
        _ = try await client.send(question) { _ in }
        await client.shutdown()
        await server.shutdown()
        #expect(waiter.waits.withLock { $0 } == [1])
    }

    @Test func quotaAndAuthErrorsAreNotRetried() async throws {
        for (status, file) in [(429, "error-429-insufficient-quota.json"), (401, "error-401-invalid-api-key.json")] {
            let body = String(decoding: try fixture(file, in: fixturesDirectory()), as: UTF8.self)
            let server = try await TestServer(always: .json(body, status: status, headers: [("x-request-id", "req_1")]))
            let client = makeClient(server)
            do {
                _ = try await client.send(question) { _ in }
                Issue.record("expected an error")
            } catch let ChatClientError.http(got, _, requestID) {
                #expect(got == status)
                #expect(requestID == "req_1")
            }
            await client.shutdown()
            await server.shutdown()
            #expect(server.requests.count == 1)
        }
    }

    @Test func streamOptionsRefusedIsAskedAgainWithoutAndRemembered() async throws {
        let refusal = String(
            decoding: try fixture("error-400-stream-options-without-stream.json", in: fixturesDirectory()),
            as: UTF8.self)
        let server = try await TestServer { request, _ in
            request.bodyText.contains("stream_options")
                ? .json(refusal, status: 400) : .sse([chunk("ok"), finishChunk])
        }
        let client = makeClient(server)
        let notices = Locked<[ClientNotice]>([])
        _ = try await client.send(question, onNotice: { n in notices.withLock { $0.append(n) } }, onDelta: { _ in })
        _ = try await client.send(question) { _ in }
        await client.shutdown()
        await server.shutdown()
        #expect(server.requests.count == 3)
        #expect(notices.withLock { $0 } == [.streamOptionsDropped])
    }

    @Test(arguments: TransportKind.allCases)
    func connectionRefusedIsWordedNotDumped(transport: TransportKind) async throws {
        let server = try await TestServer(always: .sse([finishChunk]))
        let url = server.baseURL
        await server.shutdown()
        let client = ChatClient(
            settings: ServerSettings(baseURL: .test(url), retry: RetryPolicy(maxRetries: 0)),
            transport: transport.make())
        await #expect(throws: ChatClientError.connection(.refused, host: "127.0.0.1:\(server.port)")) {
            _ = try await client.send(question) { _ in }
        }
        await client.shutdown()
    }

    @Test func modelsAreListedSorted() async throws {
        let server = try await TestServer(always: .json(#"{"data":[{"id":"b"},{"id":"a"}]}"#))
        let client = makeClient(server)
        #expect(try await client.listModels() == ["a", "b"])
        await client.shutdown()
        await server.shutdown()
        #expect(server.requests.first?.uri == "/v1/models")
    }
}
