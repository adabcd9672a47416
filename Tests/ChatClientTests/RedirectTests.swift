import ChatClient
import TestSupport
import Testing

@Suite("Redirects are reported, never followed")
struct RedirectTests {
    @Test(arguments: [301, 302, 307, 308], TransportKind.allCases)
    func aRedirectedPostIsAnErrorNamingTheLocation(status: Int, transport: TransportKind) async throws {
        let server = try await TestServer { request, _ in
            CannedResponse(
                status: status, headers: [("Location", "https://elsewhere.example/v1/chat/completions")],
                chunks: [(Array("moved".utf8), 0)])
        }
        let client = ChatClient(
            settings: ServerSettings(baseURL: .test(server.baseURL), retry: RetryPolicy(maxRetries: 0)),
            transport: transport.make())
        let request = ChatRequest(model: "m", messages: [ChatMessage(role: .user, content: "q")], stream: true)
        await #expect {
            _ = try await client.send(request) { _ in }
        } throws: { error in
            guard case .http(let got, let detail, _) = error as? ChatClientError else { return false }
            return got == status && detail.message.contains("https://elsewhere.example/v1/chat/completions")
        }
        await client.shutdown()
        #expect(server.requests.count == 1)
        #expect(server.requests.first?.method == "POST")
        await server.shutdown()
    }
}
