import ChatClient
import Foundation
import Testing
import Tools

#if canImport(Glibc)
    import Glibc
#endif

/// An MCP server over stdio: a small Python script speaking JSON-RPC, started by Parley.
@Suite struct MCPConnectionTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/mcp_server.py").path

    /// The time limit is only there to fail instead of hanging: long, so a loaded machine passes.
    static func connection(args: [String] = [], timeout: Double = 120, log: String) -> MCPConnection {
        // A write to a server that died must fail, not end the test process.
        signal(SIGPIPE, SIG_IGN)
        return MCPConnection(
            config: MCPServerConfig(
                name: "test", command: "python3", args: [script] + args, env: ["SHOWN": "yes"], timeout: timeout),
            environment: ToolEnvironment(
                parent: ["PATH": "/usr/bin:/bin", "OPENAI_API_KEY": "sk-mcp-secret"], key: "sk-mcp-secret"),
            logPath: log)
    }

    static func withLog(_ body: (String) async throws -> Void) async throws {
        let directory = NSTemporaryDirectory() + "parley-mcp-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await body(directory + "/mcp/test.log")
    }

    @Test func listsAndCalls() async throws {
        try await Self.withLog { log in
            let connection = Self.connection(log: log)
            let tools = try await connection.start().get()
            #expect(tools.map(\.name) == ["add", "env", "crash", "hang", "fails"])
            #expect(tools.first?.inputSchema["required"] == .array([.string("a"), .string("b")]))
            let sum = await connection.call("add", arguments: ["a": .number(2), "b": .number(3)])
            #expect(sum.status == .ok)
            #expect(sum.content == "5")
            #expect(await connection.call("env", arguments: ["name": .string("OPENAI_API_KEY")]).content == "(unset)")
            #expect(await connection.call("env", arguments: ["name": .string("SHOWN")]).content == "yes")
            let failed = await connection.call("fails", arguments: [:])
            #expect(failed.status == .failed)
            #expect(failed.content == "error: it went wrong")
            await connection.stop()
            #expect(try String(contentsOfFile: log, encoding: .utf8).contains("test server started"))
        }
    }

    @Test func aCrashMidCallRestartsTheServerOnceThenReportsIt() async throws {
        try await Self.withLog { log in
            let connection = Self.connection(log: log)
            _ = try await connection.start().get()
            let first = await connection.call("crash", arguments: [:])
            // Started again once: the call is tried on the new process, which crashes too.
            #expect(first.status == .failed)
            #expect(first.content.contains("stopped working"))
            let after = await connection.call("add", arguments: ["a": .number(1), "b": .number(1)])
            #expect(after.status == .failed)
            await connection.stop()
        }
    }

    @Test func aHangingCallTimesOutAndTheServerIsStopped() async throws {
        try await Self.withLog { log in
            let connection = Self.connection(log: log)
            _ = try await connection.start().get()
            await connection.setTimeout(1)
            let result = await connection.call("hang", arguments: [:])
            #expect(result.status == .timedOut)
            #expect(await connection.failure?.contains("took longer than 1 s") == true)
            await connection.stop()
        }
    }

    @Test func aServerThatNeverInitializesIsReported() async throws {
        try await Self.withLog { log in
            let connection = Self.connection(args: ["--hang-initialize"], timeout: 1, log: log)
            let result = await connection.start()
            guard case .failure(let failure) = result else {
                Issue.record("it started")
                return
            }
            #expect(failure.message.contains("MCP server test did not start: took longer than 1 s starting"))
            #expect(failure.message.contains(log))
        }
    }

    @Test func aMissingProgramIsReported() async throws {
        try await Self.withLog { log in
            let connection = MCPConnection(
                config: MCPServerConfig(name: "gone", command: "no-such-mcp-server"),
                environment: ToolEnvironment(parent: ["PATH": "/usr/bin:/bin"]), logPath: log)
            guard case .failure(let failure) = await connection.start() else {
                Issue.record("it started")
                return
            }
            #expect(failure.message.contains("no-such-mcp-server could not be started"))
        }
    }

    @Test func cancellingACallReturnsAtOnce() async throws {
        try await Self.withLog { log in
            let connection = Self.connection(log: log)
            _ = try await connection.start().get()
            let task = Task { await connection.call("hang", arguments: [:]) }
            try await Task.sleep(nanoseconds: 200_000_000)
            task.cancel()
            let result = await task.value
            #expect(result.status == .cancelled)
            // The server is still there for the next call.
            #expect(await connection.call("add", arguments: ["a": .number(1), "b": .number(2)]).content == "3")
            await connection.stop()
        }
    }

    @Test func serverToolsGetValidUniqueNames() {
        var catalog = ToolCatalog(
            config: ToolConfig(members: [
                "mcp_servers": .object(["srv": .object(["command": .string("x")])])
            ]))
        catalog.enable(["srv"])
        catalog.addTools(
            [
                .init(name: "read.file", description: "", inputSchema: .object([:])),
                .init(name: "read_file", description: "", inputSchema: .object([:])),
            ], of: "srv")
        #expect(catalog.enabledTools.map(\.name) == ["srv_read_file", "srv_read_file_2"])
        #expect(catalog.tool(named: "srv_read_file_2")?.kind == .mcp(server: "srv", tool: "read_file"))
        #expect(catalog.tool(named: "srv_read_file")?.parameters["type"] == .string("object"))
        catalog.disable(["srv"])
        #expect(catalog.enabledTools.isEmpty)
    }
}
