import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A streamed reply that calls tools, with no `[DONE]` after the finish reason.
func toolCalls(_ calls: [(id: String, name: String, arguments: String)]) -> CannedResponse {
    var pieces: [String] = []
    for (index, call) in calls.enumerated() {
        let arguments = call.arguments.replacingOccurrences(of: "\"", with: "\\\"")
        pieces.append(
            #"data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":\#(index),"id":"\#(call.id)","type":"function","function":{"name":"\#(call.name)","arguments":"\#(arguments)"}}]},"finish_reason":null}]}"#
                + "\n\n")
    }
    pieces.append(#"data: {"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"# + "\n\n")
    return .sse(pieces)
}

/// The `tool` messages of a request: their call ids and contents.
func toolResults(_ request: RecordedRequest) -> [(id: String, content: String)] {
    guard let body = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any],
        let messages = body["messages"] as? [[String: Any]]
    else { return [] }
    return messages.filter { $0["role"] as? String == "tool" }.map {
        ($0["tool_call_id"] as? String ?? "", $0["content"] as? String ?? "")
    }
}

/// Writes a config with these tools into the home.
func writeConfig(_ home: IsolatedHome, _ json: String) throws {
    let directory = home.path + "/.config/parley"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try json.write(toFile: directory + "/config.json", atomically: true, encoding: .utf8)
}

let toolConfig = #"""
    {"tools": {
      "env": {"description": "prints the environment", "command": ["/usr/bin/env"]},
      "slow": {"description": "sleeps", "command": ["/bin/sh", "-c", "trap '' INT; echo started >&2; sleep 30"]},
      "echo": {"description": "echoes", "parameters": {"type": "object"}, "command": ["/bin/cat"]}
    }}
    """#

@Suite("The binary calling tools", .serialized)
struct ToolTests {
    @Test func withoutATerminalAToolNotAllowedIsDenied() async throws {
        try await withIsolatedHome { home in
            try writeConfig(home, toolConfig)
            let server = try await TestServer { _, index in
                index == 0 ? toolCalls([("c1", "env", "{}")]) : sseReply(["fine"])
            }
            let result = try await runParley(
                ["--base-url", server.baseURL, "-T", "env", "go"], environment: home.environment)
            await server.shutdown()
            #expect(result.status == 0)
            #expect(result.stdout == "fine\n")
            #expect(result.stderr.contains("tool env not run: it needs approval and stdin is not a terminal"))
            let results = toolResults(try #require(server.requests.last))
            #expect(results.map(\.id) == ["c1"])
            #expect(results.first?.content.hasPrefix("denied") == true)
        }
    }

    @Test func anAllowedToolRunsWithoutTheAPIKey() async throws {
        try await withIsolatedHome(["OPENAI_API_KEY": "sk-e2e-secret-value", "KEEP_ME": "visible"]) { home in
            try writeConfig(home, toolConfig)
            let server = try await TestServer { _, index in
                index == 0 ? toolCalls([("c1", "env", "{}")]) : sseReply(["fine"])
            }
            let result = try await runParley(
                [
                    "--base-url", server.baseURL, "--api-key-env", "OPENAI_API_KEY", "--allow-tool", "env", "-T", "env",
                    "go",
                ],
                environment: home.environment)
            await server.shutdown()
            #expect(result.status == 0)
            let content = toolResults(try #require(server.requests.last)).first?.content ?? ""
            #expect(content.contains("KEEP_ME=visible"))
            #expect(!content.contains("sk-e2e-secret-value"))
            #expect(server.requests.first?.header("authorization") == "Bearer sk-e2e-secret-value")
        }
    }

    @Test func aBadToolIsReportedAndTheChatStarts() async throws {
        try await withIsolatedHome { home in
            try writeConfig(home, #"{"tools": {"bad name": {"command": ["x"]}, "nocmd": {"description": "d"}}}"#)
            let server = try await TestServer(always: sseReply(["hi"]))
            let result = try await runParley(["--base-url", server.baseURL, "q"], environment: home.environment)
            await server.shutdown()
            #expect(result.status == 0)
            #expect(result.stdout == "hi\n")
            #expect(result.stderr.contains("tool 'bad name' is left out: key 'tools.bad name': the name must be"))
            #expect(result.stderr.contains("key 'tools.nocmd.command': missing"))
            #expect(!(server.requests.first?.bodyText.contains("\"tools\"") ?? true))
        }
    }

    @Test func anUnknownToolIsAUsageError() async throws {
        try await withIsolatedHome { home in
            let result = try await runParley(
                ["--base-url", "http://127.0.0.1:9/v1", "-T", "nope", "q"], environment: home.environment)
            #expect(result.status == 64)
            #expect(result.stderr.contains("no tool named 'nope' (tools: shell, read_file)"))
        }
    }

    @Test func approvalAnswersAtATerminal() async throws {
        try await withIsolatedHome(["NO_COLOR": "1"]) { home in
            try writeConfig(home, toolConfig)
            let server = try await TestServer { _, index in
                switch index {
                case 0: toolCalls([("c1", "echo", #"{"n":1}"#), ("c2", "echo", #"{"n":2}"#)])
                case 1: sseReply(["first done"])
                case 2: toolCalls([("c3", "echo", #"{"n":3}"#)])
                default: sseReply(["second done"])
                }
            }
            let terminal = try PseudoTerminal(
                path: parleyPath, arguments: ["--base-url", server.baseURL, "-T", "echo"], environment: home.environment
            )
            #expect(await terminal.waitFor("> ") != nil)
            terminal.send("go\r")
            #expect(await terminal.waitFor("run it? [y]es once") != nil)
            terminal.send("n\r")
            #expect(await terminal.waitFor("\"n\" : 2") != nil)
            terminal.send("a\r")
            #expect(await terminal.waitFor("first done") != nil)
            #expect(await terminal.waitFor("> ") != nil)
            // `a` remembered echo: the next call runs without a question.
            terminal.send("again\r")
            #expect(await terminal.waitFor("second done") != nil)
            #expect(await terminal.waitFor("> ") != nil)
            terminal.send("/tool-output\r")
            #expect(await terminal.waitFor("#3 echo:") != nil)
            #expect(await terminal.waitFor("> ") != nil)
            terminal.send("/tools\r")
            #expect(await terminal.waitFor("shell") != nil)
            #expect(await terminal.waitFor("> ") != nil)
            terminal.send("\u{04}")
            #expect(await terminal.wait() == 0)
            await server.shutdown()
            #expect(terminal.transcript.components(separatedBy: "run it?").count == 3)
            // A live line as each call begins, then the call with its arguments.
            #expect(terminal.transcript.contains("⚙ echo …"))
            let first = toolResults(server.requests[1])
            #expect(first.first?.content.hasPrefix("denied by the user") == true)
            #expect(first.last?.content == "{\"n\":2}\n")
            #expect(toolResults(server.requests[3]).last?.content == "{\"n\":3}\n")
            let approvals = try String(contentsOfFile: home.path + "/.config/parley/approvals.json", encoding: .utf8)
            #expect(approvals.contains("\"tool\" : \"echo\""))
        }
    }

    @Test func ctrlCStopsATool() async throws {
        try await withIsolatedHome(["NO_COLOR": "1"]) { home in
            try writeConfig(home, toolConfig)
            let server = try await TestServer { _, index in
                index == 0 ? toolCalls([("c1", "slow", "{}")]) : sseReply(["after"])
            }
            let terminal = try PseudoTerminal(
                path: parleyPath, arguments: ["--base-url", server.baseURL, "-T", "slow", "--allow-tool", "slow"],
                environment: home.environment)
            #expect(await terminal.waitFor("> ") != nil)
            terminal.send("go\r")
            #expect(await terminal.waitFor("⚙ #1 slow") != nil)
            try await Task.sleep(nanoseconds: 300_000_000)
            terminal.send("\u{03}")
            #expect(await terminal.waitFor("cancelled") != nil)
            #expect(await terminal.waitFor("> ") != nil)
            terminal.send("next\r")
            #expect(await terminal.waitFor("after") != nil)
            #expect(await terminal.waitFor("> ") != nil)
            terminal.send("\u{04}")
            #expect(await terminal.wait() == 0)
            await server.shutdown()
            #expect(server.requests.count == 2)
            #expect(toolResults(server.requests[1]).first?.content.hasPrefix("cancelled by the user") == true)
        }
    }

    @Test func killedInAChainTheResumedSessionIsValid() async throws {
        try await withIsolatedHome(["NO_COLOR": "1"]) { home in
            try writeConfig(home, toolConfig)
            let session = home.path + "/chain.json"
            let server = try await TestServer { _, index in
                index == 0 ? toolCalls([("c1", "slow", "{}")]) : sseReply(["resumed"])
            }
            let terminal = try PseudoTerminal(
                path: parleyPath,
                arguments: ["--base-url", server.baseURL, "-T", "slow", "--allow-tool", "slow", "--session", session],
                environment: home.environment)
            #expect(await terminal.waitFor("> ") != nil)
            terminal.send("go\r")
            #expect(await terminal.waitFor("⚙ #1 slow") != nil)
            // The call is saved before it runs.
            #expect(
                await eventually { (try? String(contentsOfFile: session, encoding: .utf8))?.contains("c1") == true })
            terminal.kill(SIGKILL)
            _ = await terminal.wait()
            let result = try await runParley(
                ["--base-url", server.baseURL, "--session", session, "next"], environment: home.environment)
            await server.shutdown()
            #expect(result.status == 0)
            #expect(result.stdout == "resumed\n")
            let results = toolResults(try #require(server.requests.last))
            #expect(results.map(\.id) == ["c1"])
            #expect(results.first?.content.hasPrefix("interrupted") == true)
        }
    }

    @Test func anMCPServerOverStdio() async throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ToolsTests/Fixtures/mcp_server.py").path
        try await withIsolatedHome(["OPENAI_API_KEY": "sk-e2e-mcp-secret"]) { home in
            try writeConfig(home, #"{"mcp_servers": {"test": {"command": "python3", "args": ["\#(script)"]}}}"#)
            let server = try await TestServer { _, index in
                switch index {
                case 0:
                    toolCalls([
                        ("c1", "test_add", #"{"a":2,"b":3}"#), ("c2", "test_env", #"{"name":"OPENAI_API_KEY"}"#),
                    ])
                default: sseReply(["five"])
                }
            }
            let result = try await runParley(
                [
                    "--base-url", server.baseURL, "--api-key-env", "OPENAI_API_KEY", "-T", "test", "--allow-tool",
                    "test", "add",
                ],
                environment: home.environment)
            await server.shutdown()
            #expect(result.status == 0)
            #expect(result.stdout == "five\n")
            #expect(result.stderr.contains("MCP server test: 5 tools"))
            let first = try #require(server.requests.first).bodyText
            #expect(first.contains(#""name":"test_add""#))
            let results = toolResults(try #require(server.requests.last))
            #expect(results.map(\.content) == ["5", "(unset)"])
            let log = try String(contentsOfFile: home.path + "/.local/state/parley/mcp/test.log", encoding: .utf8)
            #expect(log.contains("test server started"))
        }
    }

    @Test func anMCPServerThatFailsIsReportedAndTheChatGoesOn() async throws {
        try await withIsolatedHome { home in
            try writeConfig(home, #"{"mcp_servers": {"broken": {"command": "no-such-mcp-server-here"}}}"#)
            let server = try await TestServer(always: sseReply(["still here"]))
            let result = try await runParley(
                ["--base-url", server.baseURL, "-T", "broken", "q"], environment: home.environment)
            await server.shutdown()
            #expect(result.status == 0)
            #expect(result.stdout == "still here\n")
            #expect(
                result.stderr.contains("MCP server broken did not start: no-such-mcp-server-here could not be started"))
        }
    }

    @Test func anMCPServerOverHTTP() async throws {
        try await withIsolatedHome(["OPENAI_API_KEY": "sk-e2e-mcp-secret"]) { home in
            let mcp = try await TestServer(responder: FakeMCPServer(sse: true).responder)
            try writeConfig(
                home,
                #"{"mcp_servers": {"web": {"url": "http://127.0.0.1:\#(mcp.port)/mcp", "headers": {"Authorization": "Bearer e2e-header-secret"}}}}"#
            )
            let server = try await TestServer { _, index in
                index == 0 ? toolCalls([("c1", "web_echo", #"{"text":"from http"}"#)]) : sseReply(["done"])
            }
            let result = try await runParley(
                ["--base-url", server.baseURL, "-T", "web", "--allow-tool", "web", "say it"],
                environment: home.environment)
            await server.shutdown()
            await mcp.shutdown()
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "done\n")
            #expect(result.stderr.contains("MCP server web: 2 tools"))
            #expect(!result.stderr.contains("e2e-header-secret"))
            let results = toolResults(try #require(server.requests.last))
            #expect(results.map(\.content) == ["from http"])
            let calls = mcp.requests.filter { FakeMCPServer.parse($0).method == "tools/call" }
            #expect(calls.count == 1)
            #expect(calls.first?.header("Authorization") == "Bearer e2e-header-secret")
            #expect(calls.first?.header("Mcp-Session-Id") == "sess-42")
            #expect(mcp.requests.last?.method == "DELETE")
        }
    }
}
