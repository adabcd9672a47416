import ChatClient

/// One tool the model may call: the name sent to the API, what it is for, its parameters as a
/// JSON Schema object, and what runs it.
public struct ToolDefinition: Sendable, Equatable {
    public var name: String
    public var description: String
    public var parameters: JSONValue
    public var kind: Kind

    /// What runs a tool.
    public enum Kind: Sendable, Equatable {
        /// A command from the config: the arguments on its stdin, its stdout the result.
        case command(CommandTool)
        /// Built in: a command line run with `sh -c` in the current directory.
        case shell
        /// Built in: a text file under the current directory.
        case readFile
        /// A tool of an MCP server, by the server's name and the tool's own name.
        case mcp(server: String, tool: String)
    }

    public init(name: String, description: String, parameters: JSONValue, kind: Kind) {
        self.name = name
        self.description = description
        self.parameters = parameters
        self.kind = kind
    }

    /// Where the tool comes from, as `/tools` and the approval question say it.
    public var source: String {
        switch kind {
        case .command(let tool): "command: " + tool.argv.joined(separator: " ")
        case .shell: "built in: sh -c"
        case .readFile: "built in: reads a file"
        case .mcp(let server, let tool): "MCP server \(server): \(tool)"
        }
    }

    /// The names `--allow-tool` and `auto_approve` may give for this tool: its own, and for an
    /// MCP tool its server's (all its tools).
    public var allowNames: [String] {
        if case .mcp(let server, _) = kind { return [name, server] }
        return [name]
    }

    /// The `tools` item of a request.
    public var wire: JSONValue {
        var function: [String: JSONValue] = ["name": .string(name), "parameters": parameters]
        if !description.isEmpty { function["description"] = .string(description) }
        return .object(["type": .string("function"), "function": .object(function)])
    }

    /// The two built-in tools, off unless enabled.
    public static let builtIns: [ToolDefinition] = [
        ToolDefinition(
            name: "shell",
            description:
                "Run a shell command line (sh -c) in the user's current directory and return its output. "
                + "The user sees the exact command and approves it first.",
            parameters: .object([
                "type": .string("object"),
                "properties": .object([
                    "command": .object([
                        "type": .string("string"), "description": .string("the command line to run"),
                    ])
                ]),
                "required": .array([.string("command")]),
            ]),
            kind: .shell),
        ToolDefinition(
            name: "read_file",
            description: "Read a text file under the user's current directory (a relative path).",
            parameters: .object([
                "type": .string("object"),
                "properties": .object([
                    "path": .object([
                        "type": .string("string"),
                        "description": .string("the file's path, relative to the current directory"),
                    ])
                ]),
                "required": .array([.string("path")]),
            ]),
            kind: .readFile),
    ]
}

/// A command tool's settings from the config.
public struct CommandTool: Sendable, Equatable {
    public var argv: [String]
    public var timeout: Double
    public var maxOutputBytes: Int
    public var cwd: String?
    /// Variables set for the tool: a value, or nil for "pass Parley's own value on" (the only
    /// way an API key variable reaches a tool).
    public var env: [String: String?]

    public static let defaultTimeout = 60.0
    public static let defaultMaxOutputBytes = 65_536

    public init(
        argv: [String], timeout: Double = defaultTimeout, maxOutputBytes: Int = defaultMaxOutputBytes,
        cwd: String? = nil, env: [String: String?] = [:]
    ) {
        self.argv = argv
        self.timeout = timeout
        self.maxOutputBytes = maxOutputBytes
        self.cwd = cwd
        self.env = env
    }
}
