import ChatClient
import TestSupport
import Testing

@Suite("Answers that cannot be a reply are named for what they are")
struct AnswerShapeTests {
    static let cases: [(String, CannedResponse, Bool, String)] = [
        (
            "an HTML page",
            CannedResponse(
                headers: [("Content-Type", "text/html")], chunks: [(Array("<html><title>Login</title></html>".utf8), 0)]
            ),
            true, "a web page"
        ),
        ("a 204", CannedResponse(status: 204, chunks: []), true, "204 (No Content)"),
        (
            "a gzip body",
            CannedResponse(
                headers: [("Content-Type", "text/event-stream"), ("Content-Encoding", "gzip")],
                chunks: [([0x1f, 0x8b, 0x08, 0x00], 0)]), true, "gzip-compressed"
        ),
        ("plain text instead of events", .text("Service ready", status: 200), true, "not an event stream"),
        (
            "a whole reply that is not UTF-8",
            CannedResponse(
                headers: [("Content-Type", "application/json")],
                chunks: [
                    (Array(#"{"choices":[{"message":{"content":""#.utf8) + [0xff, 0xfe] + Array(#""}}]}"#.utf8), 0)
                ]),
            false, "not valid UTF-8"
        ),
    ]

    @Test(arguments: 0..<cases.count, TransportKind.allCases)
    func isReportedForWhatItIs(index: Int, transport: TransportKind) async throws {
        let (name, response, stream, words) = Self.cases[index]
        let server = try await TestServer(always: response)
        let client = ChatClient(
            settings: ServerSettings(baseURL: .test(server.baseURL), retry: RetryPolicy(maxRetries: 0)),
            transport: transport.make())
        let request = ChatRequest(model: "m", messages: [ChatMessage(role: .user, content: "q")], stream: stream)
        await #expect("\(name)") {
            _ = try await client.send(request) { _ in }
        } throws: { error in
            guard case .invalidResponse(let message) = error as? ChatClientError else { return false }
            return message.contains(words)
        }
        await client.shutdown()
        await server.shutdown()
    }
}
