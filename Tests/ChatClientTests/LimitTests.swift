import ChatClient
import TestSupport
import Testing

@Suite("Servers that never stop, or only pretend to talk")
struct LimitTests {
    let request = ChatRequest(model: "m", messages: [ChatMessage(role: .user, content: "q")], stream: true)

    @Test(arguments: TransportKind.allCases)
    func onlyKeepAliveCommentsMeetTheTimeout(transport: TransportKind) async throws {
        let server = try await TestServer(always: .sse(Array(repeating: ": keep-alive\n\n", count: 100), delay: 0.05))
        var settings = ServerSettings(baseURL: .test(server.baseURL), retry: RetryPolicy(maxRetries: 0))
        settings.timeouts = Timeouts(connect: 5, firstByte: 0.5, idle: 0.5)
        let client = ChatClient(settings: settings, transport: transport.make())
        await #expect {
            _ = try await client.send(request) { _ in }
        } throws: { error in
            if case .timeout = error as? ChatClientError { return true }
            return false
        }
        await client.shutdown()
        await server.shutdown()
    }

    @Test(arguments: TransportKind.allCases)
    func aReplyPastTheLimitIsStoppedAndThePartKept(transport: TransportKind) async throws {
        let event =
            #"data: {"choices":[{"index":0,"delta":{"content":"\#(String(repeating: "x", count: 1000))"},"finish_reason":null}]}"#
            + "\n\n"
        let server = try await TestServer(always: .sse(Array(repeating: event, count: 3000)))
        var settings = ServerSettings(baseURL: .test(server.baseURL), retry: RetryPolicy(maxRetries: 0))
        settings.maxReplyBytes = 1 << 20
        let client = ChatClient(settings: settings, transport: transport.make())
        let shown = Locked(0)
        await #expect(throws: ChatClientError.replyTooLarge(limitBytes: 1 << 20)) {
            _ = try await client.send(request) { delta in shown.withLock { $0 += delta.content.utf8.count } }
        }
        #expect(shown.withLock { $0 } > 500_000)
        #expect(shown.withLock { $0 } <= 1 << 20)
        await client.shutdown()
        await server.shutdown()
    }
}
