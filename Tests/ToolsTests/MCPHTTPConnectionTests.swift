import ChatClient
import HTTPTransportAHC
import TestSupport
import Testing
import Tools

/// An MCP server over Streamable HTTP: `TestServer` with a scripted MCP responder, reached
/// through Parley's own transport.
@Suite struct MCPHTTPConnectionTests {
    /// The time limit is only there to fail instead of hanging: long, so a loaded machine passes.
    static func withConnection(
        _ responder: @escaping @Sendable (RecordedRequest, Int) -> CannedResponse, timeout: Double = 120,
        headers: [String: String] = ["Authorization": "Bearer mcp-header-secret"],
        _ body: (MCPHTTPConnection, TestServer) async throws -> Void
    ) async throws {
        let server = try await TestServer(responder: responder)
        let transport = LiveTransport.make(connectTimeout: 30)
        let connection = MCPHTTPConnection(
            config: MCPServerConfig(
                name: "web", url: "http://127.0.0.1:\(server.port)/mcp", headers: headers, timeout: timeout),
            transport: transport)
        do {
            try await body(connection, server)
        } catch {
            await connection.stop()
            await transport.shutdown()
            await server.shutdown()
            throw error
        }
        await transport.shutdown()
        await server.shutdown()
    }

    @Test(arguments: [false, true]) func listsAndCallsKeepingTheSession(sse: Bool) async throws {
        try await Self.withConnection(FakeMCPServer(sse: sse).responder) { connection, server in
            let tools = try await connection.start().get()
            #expect(tools.map(\.name) == ["echo", "second"])
            #expect(tools.first?.description == "Says it back")
            #expect(tools.first?.inputSchema["properties"]?["text"] != nil)
            let result = await connection.call("echo", arguments: ["text": .string("hello")])
            #expect(result.status == .ok)
            #expect(result.content == "hello")
            await connection.stop()
            let requests = server.requests
            #expect(
                requests.map { $0.method == "DELETE" ? "DELETE" : FakeMCPServer.parse($0).method } == [
                    "initialize", "notifications/initialized", "tools/list", "tools/list", "tools/call", "DELETE",
                ])
            let first = try #require(requests.first)
            #expect(first.method == "POST")
            #expect(first.uri == "/mcp")
            #expect(first.header("Mcp-Session-Id") == nil)
            #expect(first.header("Content-Type") == "application/json")
            #expect(first.header("Accept") == "application/json, text/event-stream")
            #expect(first.header("Authorization") == "Bearer mcp-header-secret")
            let params = FakeMCPServer.parse(first).params
            #expect(params?["protocolVersion"]?.stringValue == "2025-06-18")
            #expect(params?["clientInfo"]?["name"]?.stringValue == "parley")
            #expect(params?["capabilities"] == .object([:]))
            for later in requests.dropFirst() {
                #expect(later.header("Mcp-Session-Id") == "sess-42")
                #expect(later.header("MCP-Protocol-Version") == "2025-06-18")
            }
            #expect(FakeMCPServer.parse(requests[3]).params?["cursor"]?.stringValue == "page2")
        }
    }

    @Test func anHTTPErrorAtStartIsWordedAndTheServerStaysOff() async throws {
        let failing: @Sendable (RecordedRequest, Int) -> CannedResponse = { _, _ in .text("database down", status: 500)
        }
        try await Self.withConnection(failing) { connection, _ in
            guard case .failure(let failure) = await connection.start() else {
                Issue.record("started against a failing server")
                return
            }
            #expect(failure.message.hasPrefix("MCP server web did not start: answered HTTP 500: database down"))
            let call = await connection.call("echo", arguments: [:])
            #expect(call.status == .failed)
            #expect(call.content.contains("did not start"))
        }
    }

    @Test func errorsOfACallAreItsResult() async throws {
        let script = FakeMCPServer { id in
            id % 2 == 0
                ? .json(#"{"jsonrpc":"2.0","id":\#(id),"error":{"code":-32602,"message":"bad arguments: text"}}"#)
                : .json(#"{"jsonrpc":"2.0","error":{"code":-32603,"message":"exploded"}}"#, status: 500)
        }
        try await Self.withConnection(script.responder) { connection, _ in
            _ = try await connection.start().get()
            // Requests so far: initialize 1, tools/list 2 and 3; the next call is 4, then 5.
            let rpc = await connection.call("echo", arguments: [:])
            #expect(rpc.status == .failed)
            #expect(
                rpc.content == "error: MCP server web answered tools/call with an error -32602: bad arguments: text")
            let http = await connection.call("echo", arguments: [:])
            #expect(http.status == .failed)
            #expect(http.content == "error: MCP server web answered HTTP 500: exploded")
            await connection.stop()
        }
    }

    @Test func answersThatAreNoResponseAreWorded() async throws {
        let script = FakeMCPServer { id in
            switch id {
            case 4:
                CannedResponse(
                    status: 200, headers: [("Content-Type", "text/html")], chunks: [(Array("<html>".utf8), 0)])
            case 5: CannedResponse(status: 202, chunks: [])
            default: .sse(["data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}\n\n"])
            }
        }
        try await Self.withConnection(script.responder) { connection, _ in
            _ = try await connection.start().get()
            let html = await connection.call("echo", arguments: [:])
            #expect(
                html.content
                    == "error: MCP server web answered with no JSON-RPC response to the request (Content-Type text/html: <html>)"
            )
            let accepted = await connection.call("echo", arguments: [:])
            #expect(accepted.content == "error: MCP server web answered HTTP 202 with no response to the request")
            let ended = await connection.call("echo", arguments: [:])
            #expect(ended.content == "error: MCP server web ended its event stream without the response")
            await connection.stop()
        }
    }

    @Test func aServerThatDoesNotAnswerHitsTheTimeLimit() async throws {
        let script = FakeMCPServer { _ in .sse([": waiting\n\n", "data: {}\n\n"], delay: 60) }
        try await Self.withConnection(script.responder) { connection, _ in
            _ = try await connection.start().get()
            await connection.setTimeout(1)
            let result = await connection.call("echo", arguments: [:])
            #expect(result.status == .timedOut)
            #expect(result.content.contains("did not answer in time"))
            await connection.stop()
        }
    }

    @Test func cancellingACallTellsTheServer() async throws {
        let script = FakeMCPServer { _ in .sse([": waiting\n\n", "data: {}\n\n"], delay: 60) }
        try await Self.withConnection(script.responder) { connection, server in
            _ = try await connection.start().get()
            let call = Task { await connection.call("echo", arguments: [:]) }
            #expect(await eventually { server.requests.contains { FakeMCPServer.parse($0).method == "tools/call" } })
            call.cancel()
            let result = await call.value
            #expect(result.status == ToolResult.cancelledByUser.status)
            #expect(
                await eventually {
                    server.requests.contains { FakeMCPServer.parse($0).method == "notifications/cancelled" }
                })
            let cancelled = server.requests.first { FakeMCPServer.parse($0).method == "notifications/cancelled" }
            #expect(cancelled.flatMap { FakeMCPServer.parse($0).params?["requestId"]?.numberValue } == 4)
            #expect(cancelled?.header("Mcp-Session-Id") == "sess-42")
            await connection.stop()
        }
    }

    @Test func anUnreachableServerIsWorded() async throws {
        let transport = LiveTransport.make(connectTimeout: 30)
        let server = try await TestServer(always: .text("", status: 200))
        let port = server.port
        await server.shutdown()
        let connection = MCPHTTPConnection(
            config: MCPServerConfig(name: "gone", url: "http://127.0.0.1:\(port)/mcp"), transport: transport)
        let started = await connection.start()
        await transport.shutdown()
        guard case .failure(let failure) = started else {
            Issue.record("started against a closed port")
            return
        }
        #expect(failure.message.hasPrefix("MCP server gone did not start: could not be reached: "))
    }
}
