import ChatClient

/// Whole responses for `TestHTTPTransport`: built in memory, delivered at once, no timing.
extension HTTPResponse {
    /// A streamed reply: one SSE event per piece, then a finish reason, usage and `[DONE]`.
    public static func streamed(_ pieces: [String], promptTokens: Int = 3, completionTokens: Int = 2) -> HTTPResponse {
        var body = ""
        for piece in pieces {
            let escaped = piece.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
                .replacing("\n", with: "\\n")
            body += #"data: {"choices":[{"index":0,"delta":{"content":"\#(escaped)"},"finish_reason":null}]}"# + "\n\n"
        }
        body +=
            #"data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":"#
            + #"\#(promptTokens),"completion_tokens":\#(completionTokens),"total_tokens":"#
            + #"\#(promptTokens + completionTokens)}}"# + "\n\ndata: [DONE]\n\n"
        return HTTPResponse(
            head: HTTPResponseHead(status: 200, headers: [("content-type", "text/event-stream")]),
            body: ResponseBody(bytes: Array(body.utf8)))
    }

    /// An error response with a JSON body.
    public static func failure(
        _ status: Int, json: String, headers: [(String, String)] = [("content-type", "application/json")]
    ) -> HTTPResponse {
        HTTPResponse(
            head: HTTPResponseHead(status: status, headers: headers.map { (name: $0.0, value: $0.1) }),
            body: ResponseBody(bytes: Array(json.utf8)))
    }
}
