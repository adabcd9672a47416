import ChatClient
import Testing
import Tools

@Suite struct ToolConfigTests {
    static func config(_ tools: JSONValue, extra: [String: JSONValue] = [:]) -> ToolConfig {
        ToolConfig(members: ["tools": tools].merging(extra) { $1 })
    }

    static let schema: JSONValue = .object(["type": .string("object"), "properties": .object([:])])

    @Test func goodTool() {
        let config = Self.config(
            .object([
                "weather": .object([
                    "description": .string("the weather"), "parameters": Self.schema,
                    "command": .array([.string("./weather.sh"), .string("--json")]), "timeout": .number(5),
                    "max_output_bytes": .number(100), "cwd": .string("/tmp"),
                    "env": .object(["UNIT": .string("metric"), "OPENAI_API_KEY": .bool(true)]),
                ])
            ]))
        #expect(config.problems.isEmpty)
        guard case .command(let tool)? = config.tools.first?.kind else {
            Issue.record("no command tool")
            return
        }
        #expect(
            tool
                == CommandTool(
                    argv: ["./weather.sh", "--json"], timeout: 5, maxOutputBytes: 100, cwd: "/tmp",
                    env: ["UNIT": "metric", "OPENAI_API_KEY": String?.none]))
    }

    @Test(arguments: [
        (
            "bad name", JSONValue.object(["command": .array([.string("x")])]),
            "tool 'bad name' is left out: key 'tools.bad name': the name must be"
        ),
        ("t", .object(["description": .string("no command")]), "key 'tools.t.command': missing"),
        ("t", .object(["command": .array([])]), "key 'tools.t.command': expected a non-empty array"),
        (
            "t", .object(["command": .array([.string("x")]), "parameters": .array([])]),
            "key 'tools.t.parameters': expected a JSON Schema object, got an array"
        ),
        (
            "t", .object(["command": .array([.string("x")]), "parameters": .object(["type": .string("string")])]),
            "key 'tools.t.parameters': the schema's \"type\" must be \"object\""
        ),
        ("t", .object(["command": .array([.string("x")]), "timeout": .number(-1)]), "key 'tools.t.timeout'"),
        (
            "t", .object(["command": .array([.string("x")]), "colour": .string("red")]),
            "key 'tools.t.colour': unknown key"
        ),
        ("shell", .object(["command": .array([.string("x")])]), "taken by a built-in tool"),
        ("t", .string("x"), "key 'tools.t': expected an object"),
    ])
    func badToolIsLeftOutWithAMessage(name: String, definition: JSONValue, message: String) {
        let config = Self.config(.object([name: definition, "good": .object(["command": .array([.string("true")])])]))
        #expect(config.tools.map(\.name) == ["good"])
        #expect(config.problems.count == 1)
        #expect(config.problems.first?.contains(message) == true, "\(config.problems)")
    }

    @Test func selectionKeys() {
        let config = ToolConfig(members: [
            "enabled_tools": .array([.string("shell")]), "auto_approve": .array([.string("read_file")]),
            "tool_chain_limit": .number(3),
        ])
        #expect(config.enabled == ["shell"])
        #expect(config.autoApprove == ["read_file"])
        #expect(config.chainLimit == 3)
        let bad = ToolConfig(members: ["enabled_tools": .string("shell"), "tool_chain_limit": .number(0)])
        #expect(bad.problems.count == 2)
    }

    @Test func catalogEnablesByName() {
        var catalog = ToolCatalog(config: Self.config(.object(["t": .object(["command": .array([.string("x")])])])))
        #expect(catalog.wire.isEmpty)
        #expect(catalog.enable(["t", "nope"]) == ["nope"])
        #expect(catalog.enabledTools.map(\.name) == ["t"])
        #expect(catalog.wire.first?["function"]?["name"] == .string("t"))
        catalog.disable(["t"])
        #expect(catalog.wire.isEmpty)
    }

    @Test func anMCPServerOverHTTP() {
        let config = ToolConfig(members: [
            "mcp_servers": .object([
                "web": .object([
                    "url": .string("https://mcp.example.com/mcp"),
                    "headers": .object(["Authorization": .string("Bearer config-header-secret")]),
                    "timeout": .number(5),
                ])
            ])
        ])
        #expect(config.problems == [])
        #expect(
            config.servers == [
                MCPServerConfig(
                    name: "web", url: "https://mcp.example.com/mcp",
                    headers: ["Authorization": "Bearer config-header-secret"], timeout: 5)
            ])
        #expect(Secrets.redact("sent Bearer config-header-secret") == "sent [redacted]")
    }

    @Test(arguments: [
        (
            JSONValue.object(["url": .string("https://a.example/mcp"), "command": .string("x")]),
            "MCP server 'bad' is left out: key 'mcp_servers.bad': give exactly one of command (a program over stdio) or url (Streamable HTTP), not both"
        ),
        (.object([:]), "key 'mcp_servers.bad': give command (the program to start, e.g. \"npx\") or url"),
        (.object(["url": .string("ftp://a.example/")]), "key 'mcp_servers.bad.url': expected an http or https address"),
        (.object(["url": .string("https://")]), "key 'mcp_servers.bad.url': expected an http or https address"),
        (
            .object(["url": .string("http://a.example"), "args": .array([])]),
            "key 'mcp_servers.bad.args': goes with command only"
        ),
        (
            .object(["command": .string("x"), "headers": .object([:])]),
            "key 'mcp_servers.bad.headers': goes with url only"
        ),
        (
            .object(["url": .string("http://a.example"), "headers": .object(["X-Token": .number(1)])]),
            "key 'mcp_servers.bad.headers.X-Token': expected a string, got a number"
        ),
        (
            .object(["url": .string("http://a.example"), "headers": .object(["X-Token": .string("a\r\nb")])]),
            "key 'mcp_servers.bad.headers.X-Token': expected a value on one line"
        ),
        (
            .object(["url": .string("http://a.example"), "headers": .object(["Bad Name": .string("v")])]),
            "key 'mcp_servers.bad.headers': 'Bad Name' is not a header name"
        ),
        (
            .object(["url": .string("http://a.example"), "headers": .string("Authorization: x")]),
            "key 'mcp_servers.bad.headers': expected an object of header names and string values"
        ),
    ])
    func aBadHTTPServerIsLeftOut(server: JSONValue, message: String) {
        let config = ToolConfig(members: ["mcp_servers": .object(["bad": server])])
        #expect(config.servers.isEmpty)
        #expect(config.problems.count == 1)
        #expect(config.problems.first?.contains(message) == true, "\(config.problems)")
    }
}
