import ChatClient
import Foundation

/// A scripted MCP server over Streamable HTTP, for `TestServer`: it answers initialize (with a
/// session id), takes notifications with 202, lists two tools over two pages, and answers
/// tools/call `echo` with its `text` argument, in JSON bodies or SSE streams.
public struct FakeMCPServer: Sendable {
    /// Answer with event streams (a notification event first, the response split over writes).
    public var sse: Bool
    public var sessionID = "sess-42"
    /// Replaces the answer to tools/call, given the request's id.
    public var callAnswer: (@Sendable (Int) -> CannedResponse)?

    public init(sse: Bool = false, callAnswer: (@Sendable (Int) -> CannedResponse)? = nil) {
        self.sse = sse
        self.callAnswer = callAnswer
    }

    /// The method, id and params of a request's JSON-RPC message.
    public static func parse(_ request: RecordedRequest) -> (method: String, id: Int?, params: JSONValue?) {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(request.body)) else {
            return ("", nil, nil)
        }
        return (value["method"]?.stringValue ?? "", value["id"]?.numberValue.map { Int($0) }, value["params"])
    }

    /// The responder to give `TestServer`.
    public var responder: @Sendable (RecordedRequest, Int) -> CannedResponse {
        let script = self
        return { request, _ in script.answer(request) }
    }

    func answer(_ request: RecordedRequest) -> CannedResponse {
        if request.method == "DELETE" { return CannedResponse(status: 200, chunks: []) }
        let (method, id, params) = Self.parse(request)
        guard let id else { return CannedResponse(status: 202, chunks: []) }
        switch method {
        case "initialize":
            return reply(
                id,
                #"{"protocolVersion":"2025-06-18","capabilities":{"tools":{}},"serverInfo":{"name":"fake","version":"1"}}"#,
                headers: [("Mcp-Session-Id", sessionID)])
        case "tools/list":
            if params?["cursor"]?.stringValue == "page2" {
                return reply(id, #"{"tools":[{"name":"second","inputSchema":{"type":"object"}}]}"#)
            }
            return reply(
                id,
                #"{"tools":[{"name":"echo","description":"Says it back","inputSchema":{"type":"object","properties":{"text":{"type":"string"}}}}],"nextCursor":"page2"}"#
            )
        case "tools/call":
            if let callAnswer { return callAnswer(id) }
            let text = params?["arguments"]?["text"]?.stringValue ?? ""
            let encoded = (try? String(decoding: JSONEncoder().encode(text), as: UTF8.self)) ?? "\"\""
            return reply(id, #"{"content":[{"type":"text","text":\#(encoded)}]}"#)
        default:
            return .json(#"{"jsonrpc":"2.0","id":\#(id),"error":{"code":-32601,"message":"no such method"}}"#)
        }
    }

    func reply(_ id: Int, _ result: String, headers: [(String, String)] = []) -> CannedResponse {
        let message = #"{"jsonrpc":"2.0","id":\#(id),"result":\#(result)}"#
        guard sse else { return .json(message, headers: headers) }
        let cut = message.index(message.startIndex, offsetBy: message.count / 2)
        var response = CannedResponse.sse([
            "event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{}}\n\n",
            ": keep-alive\n\ndata: " + message[..<cut], String(message[cut...]) + "\n", "\n",
        ])
        response.headers += headers
        return response
    }
}
