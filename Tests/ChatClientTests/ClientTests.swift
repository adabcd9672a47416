import ChatClient
import Foundation
import HTTPTransportAHC
import Synchronization
import TestSupport
import Testing

func chunk(_ content: String) -> String {
    #"data: {"choices":[{"index":0,"delta":{"content":"\#(content)"},"finish_reason":null}]}"# + "\n\n"
}
let finishChunk = #"data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"# + "\n\ndata: [DONE]\n\n"

func makeClient(
    _ server: TestServer, timeouts: Timeouts = Timeouts(), retries: Int = 2, waiter: RecordingWaiter = RecordingWaiter()
) -> ChatClient {
    ChatClient(
        settings: ServerSettings(
            baseURL: .test(server.baseURL), apiKey: "sk-test", timeouts: timeouts,
            retry: RetryPolicy(maxRetries: retries)),
        transport: AsyncHTTPTransport(connectTimeout: 5), waiter: waiter, random: { 0 })
}

let question = ChatRequest(model: "m", messages: [ChatMessage(role: .user, content: "q")], stream: true)

@Suite("The client against an in-process server", .serialized)
struct ClientTests {
    @Test func streamsAndSendsAuthAndPath() async throws {
        let server = try await TestServer(always: .sse([chunk("Hel"), chunk("lo"), finishChunk]))
        let client = makeClient(server)
        let pieces = Mutex<[String]>([])
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

    @Test func twentyThousandChunks() async throws {
        let body = chunk("x").utf8.count
        let pieces = [String](repeating: chunk("x"), count: 20_000) + [finishChunk]
        // Sent in batches, as a fast server's writes arrive.
        let batches = stride(from: 0, to: pieces.count, by: 500).map {
            pieces[$0..<min(pieces.count, $0 + 500)].joined()
        }
        let server = try await TestServer(always: .sse(batches))
        let client = makeClient(server)
        let reply = try await client.send(question) { _ in }
        await client.shutdown()
        await server.shutdown()
        #expect(reply.content.count == 20_000)
        #expect(body > 0)
    }

    @Test func eachPieceIsDeliveredBeforeTheNextIsSent() async throws {
        // The server sends "b" only once the client has shown "a", and "c" once it has shown
        // "b": the reply can only complete if every piece is delivered as it arrives.
        let shown = Mutex<[String]>([])
        var response = CannedResponse.sse([chunk("a"), chunk("b"), chunk("c"), finishChunk])
        response.gates = [
            1: { shown.withLock { $0 == ["a"] } },
            2: { shown.withLock { $0 == ["a", "b"] } },
        ]
        let server = try await TestServer(always: response)
        let client = makeClient(server)
        let start = ContinuousClock.now
        let reply = try await client.send(question) { delta in shown.withLock { $0.append(delta.content) } }
        await client.shutdown()
        await server.shutdown()
        #expect(reply.content == "abc")
        #expect(shown.withLock { $0 } == ["a", "b", "c"])
        #expect(start.duration(to: .now) < .seconds(4))  // no gate had to give up
    }

    @Test func cutOffStreamIsReportedWithThePartialKept() async throws {
        let server = try await TestServer(always: .sse([chunk("part")], cutOff: true))
        let client = makeClient(server)
        let shown = Mutex("")
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
        let shown = Mutex("")
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
        // Eight pieces 0.25 s apart: 2 s in all, twice the idle limit, never idle for long.
        let server = try await TestServer(always: .sse((0..<8).map { chunk("\($0)") } + [finishChunk], delay: 0.25))
        let client = makeClient(server, timeouts: Timeouts(connect: 5, firstByte: 1, idle: 1))
        let reply = try await client.send(question) { _ in }
        await client.shutdown()
        await server.shutdown()
        #expect(reply.content == "01234567")
    }

    @Test func cancellingClosesTheConnectionAtOnce() async throws {
        let server = try await TestServer(always: .sse((0..<50).map { chunk("\($0) ") }, delay: 0.1))
        let client = makeClient(server)
        let task = Task { try await client.send(question) { _ in } }
        try await Task.sleep(for: .milliseconds(350))
        let start = ContinuousClock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { _ = try await task.value }
        #expect(start.duration(to: .now) < .seconds(1))
        for _ in 0..<20 where server.closedCount == 0 { try await Task.sleep(for: .milliseconds(50)) }
        #expect(server.closedCount == 1)
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
        let notices = Mutex<[ClientNotice]>([])
        _ = try await client.send(question, onNotice: { n in notices.withLock { $0.append(n) } }, onDelta: { _ in })
        _ = try await client.send(question) { _ in }
        await client.shutdown()
        await server.shutdown()
        #expect(server.requests.count == 3)
        #expect(notices.withLock { $0 } == [.streamOptionsDropped])
    }

    @Test func connectionRefusedIsWordedNotDumped() async throws {
        let server = try await TestServer(always: .sse([finishChunk]))
        let url = server.baseURL
        await server.shutdown()
        let client = ChatClient(
            settings: ServerSettings(baseURL: .test(url), retry: RetryPolicy(maxRetries: 0)),
            transport: AsyncHTTPTransport(connectTimeout: 2))
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
