import ChatClient
import TestSupport
import Testing

@Suite("Every byte received before a cut is shown and kept")
struct CutStreamTests {
    /// A server that sends three events and closes the connection: whatever the timing, the
    /// three are shown, in order, and the error says the reply was cut.
    @Test(arguments: [false, true], TransportKind.allCases)
    func theLastEventBeforeACloseIsNeverLost(separateWrites: Bool, transport: TransportKind) async throws {
        let events = ["a", "b", "c"].map {
            #"data: {"choices":[{"index":0,"delta":{"content":"\#($0)"},"finish_reason":null}]}"# + "\n\n"
        }
        let pieces = separateWrites ? events : [events.joined()]
        let server = try await TestServer(always: .sse(pieces, cutOff: true))
        let client = ChatClient(
            settings: ServerSettings(baseURL: .test(server.baseURL), retry: RetryPolicy(maxRetries: 0)),
            transport: transport.make())
        let request = ChatRequest(model: "m", messages: [ChatMessage(role: .user, content: "q")], stream: true)
        for run in 0..<60 {
            let shown = Locked("")
            do {
                _ = try await client.send(request) { delta in shown.withLock { $0 += delta.content } }
                Issue.record("run \(run): a cut stream must not count as a whole reply")
            } catch {
                #expect(error is ChatClientError, "run \(run): \(error)")
            }
            #expect(shown.withLock { $0 } == "abc", "run \(run)")
        }
        await client.shutdown()
        await server.shutdown()
    }
}
