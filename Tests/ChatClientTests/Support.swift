import ChatClient
import HTTPTransportAHC
import TestSupport

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
