import ChatClient
import HTTPTransportAHC
import HTTPTransportSocket
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
        transport: LiveTransport.make(connectTimeout: 5), waiter: waiter, random: { 0 })
}

/// The two transports that reach plain-http servers: the socket one Parley uses for them, and
/// AsyncHTTPClient (https, proxies), for the cases both must get right.
enum TransportKind: String, CaseIterable, CustomTestStringConvertible {
    case socket, asyncHTTPClient

    func make() -> any HTTPTransport {
        switch self {
        case .socket: PlainHTTPTransport(connectTimeout: 5) { AsyncHTTPTransport(connectTimeout: 5) }
        case .asyncHTTPClient: AsyncHTTPTransport(connectTimeout: 5)
        }
    }

    var testDescription: String { rawValue }
}

let question = ChatRequest(model: "m", messages: [ChatMessage(role: .user, content: "q")], stream: true)

func sseResponse(_ text: String) -> HTTPResponse {
    HTTPResponse(
        head: HTTPResponseHead(status: 200, headers: [("content-type", "text/event-stream")]),
        body: ResponseBody(bytes: Array((chunk(text) + finishChunk).utf8)))
}

func errorResponse(_ status: Int, fixture name: String, headers: [(String, String)] = []) throws -> HTTPResponse {
    HTTPResponse(
        head: HTTPResponseHead(status: status, headers: headers),
        body: ResponseBody(bytes: try fixture(name, in: fixturesDirectory())))
}
