import ChatClient
import HTTPTransportAHC
import TestSupport
import Testing

@Suite("Requests on a kept-alive connection")
struct KeptAliveTests {
    /// On a reused connection the answer can come before the sending task waits for it; it must
    /// still be taken (this once hung, one run in five, after the first retry).
    @Test func fastAnswersOnAReusedConnectionAreNeverMissed() async throws {
        let server = try await TestServer { _, _ in .json(#"{"error":{"message":"nope"}}"#, status: 500) }
        var settings = ServerSettings(baseURL: .test(server.baseURL), retry: RetryPolicy(maxRetries: 3))
        settings.timeouts = Timeouts(connect: 5, firstByte: 10, idle: 10)  // a missed answer fails, not hangs
        let client = ChatClient(
            settings: settings,
            transport: AsyncHTTPTransport(connectTimeout: 5), waiter: RecordingWaiter(), random: { 0 })
        let request = ChatRequest(model: "m", messages: [ChatMessage(role: .user, content: "q")], stream: true)
        for run in 0..<25 {
            await #expect("run \(run)") {
                _ = try await client.send(request) { _ in }
            } throws: { error in
                if case .http(500, _, _) = error as? ChatClientError { return true }
                Issue.record("run \(run): \(error)")
                return false
            }
        }
        #expect(server.requests.count == 100)
        await client.shutdown()
        await server.shutdown()
    }
}
