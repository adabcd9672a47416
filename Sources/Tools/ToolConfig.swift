import ChatClient

/// The tool settings of a config file: command tools, which tools are on, which run without
/// asking, and the chain limit. A bad tool is a problem (a message naming the tool and the key)
/// and is left out; the rest of the config, and the chat, carry on without it.
public struct ToolConfig: Sendable, Equatable {
    public var tools: [ToolDefinition] = []
    /// `mcp_servers`: started when one of them is enabled, at the first request that needs it.
    public var servers: [MCPServerConfig] = []
    /// `enabled_tools`: on at the start of every run.
    public var enabled: [String] = []
    /// `auto_approve`: run without asking, on a terminal or not.
    public var autoApprove: [String] = []
    /// `tool_chain_limit`: requests with tool results per user message (default 10).
    public var chainLimit: Int?
    /// One message per thing that was wrong.
    public var problems: [String] = []

    /// The top-level keys this reads.
    public static let keys = ["tools", "enabled_tools", "auto_approve", "tool_chain_limit", "mcp_servers"]
    /// What a tool's definition may hold.
    public static let toolKeys = ["description", "parameters", "command", "timeout", "max_output_bytes", "cwd", "env"]

    public init() {}

    /// Reads the tool keys of a config's top level.
    public init(members: [String: JSONValue]) {
        if let tools = members["tools"], tools != .null {
            if case .object(let named) = tools {
                for name in named.keys.sorted() {
                    guard let value = named[name] else { continue }
                    do throws(ToolProblem) {
                        self.tools.append(try Self.tool(name, value))
                    } catch {
                        problems.append(error.message)
                    }
                }
            } else {
                problems.append("key 'tools': expected an object of named tools, got \(tools.kindName)")
            }
        }
        if let servers = members["mcp_servers"], servers != .null {
            if case .object(let named) = servers {
                for name in named.keys.sorted() {
                    guard let value = named[name] else { continue }
                    if ToolDefinition.builtIns.contains(where: { $0.name == name }) || named[name] == nil
                        || tools.contains(where: { $0.name == name })
                    {
                        problems.append(
                            "MCP server '\(name)' is left out: key 'mcp_servers.\(name)': a tool has that name")
                        continue
                    }
                    switch MCPServerConfig.read(name, value) {
                    case .success(let server): self.servers.append(server)
                    case .failure(let problem): problems.append(problem.message)
                    }
                }
            } else {
                problems.append("key 'mcp_servers': expected an object of named servers, got \(servers.kindName)")
            }
        }
        enabled = names(members, "enabled_tools")
        autoApprove = names(members, "auto_approve")
        if let limit = members["tool_chain_limit"], limit != .null {
            if let number = limit.numberValue, number == number.rounded(), (1...1000).contains(number) {
                chainLimit = Int(number)
            } else {
                problems.append(
                    "key 'tool_chain_limit': expected a whole number from 1 to 1000, got "
                        + (limit.numberValue.map { "\($0)" } ?? limit.kindName) + " (the default, 10, applies)")
            }
        }
    }

    private mutating func names(_ members: [String: JSONValue], _ key: String) -> [String] {
        guard let value = members[key], value != .null else { return [] }
        guard case .array(let items) = value, items.allSatisfy({ $0.stringValue != nil }) else {
            problems.append("key '\(key)': expected an array of tool names, got \(value.kindName) (ignored)")
            return []
        }
        return items.compactMap(\.stringValue)
    }

    /// A thing wrong with one server's definition.
    struct Problem: Error {
        var message: String
    }

    /// A thing wrong with one tool's definition.
    struct ToolProblem: Error {
        var message: String
        init(_ tool: String, _ key: String?, _ text: String) {
            let place = key.map { "tools.\(tool).\($0)" } ?? "tools.\(tool)"
            message = "tool '\(tool)' is left out: key '\(place)': \(text)"
        }
    }

    static func tool(_ name: String, _ value: JSONValue) throws(ToolProblem) -> ToolDefinition {
        guard ToolName.isValid(name) else {
            throw ToolProblem(name, nil, "the name must be \(ToolName.rule)")
        }
        if ToolDefinition.builtIns.contains(where: { $0.name == name }) {
            throw ToolProblem(name, nil, "the name is taken by a built-in tool; choose another")
        }
        guard case .object(let members) = value else {
            throw ToolProblem(
                name, nil, "expected an object with description, parameters and command, got \(value.kindName)")
        }
        for key in members.keys.sorted() where !toolKeys.contains(key) {
            throw ToolProblem(name, key, "unknown key (known keys: \(toolKeys.joined(separator: ", ")))")
        }
        guard case .array(let items)? = members["command"], !items.isEmpty,
            let argv = Optional(items.compactMap(\.stringValue)), argv.count == items.count, !argv[0].isEmpty
        else {
            throw ToolProblem(
                name, "command",
                members["command"] == nil
                    ? "missing: give the program and its arguments, e.g. [\"./weather.sh\", \"--json\"]"
                    : "expected a non-empty array of strings (the program and its arguments)")
        }
        var description = ""
        if let text = members["description"], text != .null {
            guard let string = text.stringValue else { throw ToolProblem(name, "description", "expected a string") }
            description = string
        }
        let parameters = members["parameters"] ?? .object(["type": .string("object"), "properties": .object([:])])
        guard case .object(let schema) = parameters else {
            throw ToolProblem(name, "parameters", "expected a JSON Schema object, got \(parameters.kindName)")
        }
        if let type = schema["type"], type != .string("object") {
            throw ToolProblem(
                name, "parameters", "the schema's \"type\" must be \"object\" (the arguments are one JSON object)")
        }
        var tool = CommandTool(argv: argv)
        if let timeout = members["timeout"], timeout != .null {
            guard let seconds = timeout.numberValue, seconds > 0, seconds <= 86_400 else {
                throw ToolProblem(name, "timeout", "expected a number of seconds from 0 to 86400")
            }
            tool.timeout = seconds
        }
        if let limit = members["max_output_bytes"], limit != .null {
            guard let bytes = limit.numberValue, bytes == bytes.rounded(), bytes >= 1, bytes <= 67_108_864 else {
                throw ToolProblem(name, "max_output_bytes", "expected a whole number of bytes from 1 to 67108864")
            }
            tool.maxOutputBytes = Int(bytes)
        }
        if let cwd = members["cwd"], cwd != .null {
            guard let path = cwd.stringValue, !path.isEmpty else {
                throw ToolProblem(name, "cwd", "expected a directory path")
            }
            tool.cwd = path
        }
        if let env = members["env"], env != .null {
            guard case .object(let variables) = env else {
                throw ToolProblem(name, "env", "expected an object of variable names and values")
            }
            for (variable, value) in variables {
                switch value {
                case .string(let text): tool.env[variable] = .some(text)
                case .bool(true): tool.env[variable] = .some(nil)
                default:
                    throw ToolProblem(
                        name, "env.\(variable)",
                        "expected a string (the value) or true (pass Parley's own value on), got \(value.kindName)")
                }
            }
        }
        return ToolDefinition(name: name, description: description, parameters: parameters, kind: .command(tool))
    }
}
