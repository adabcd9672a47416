import ChatClient

/// An MCP server from the config (`mcp_servers.NAME`): the program Parley starts and talks to
/// over its stdin and stdout.
public struct MCPServerConfig: Sendable, Equatable {
    public var name: String
    public var command: String
    public var args: [String]
    /// As a command tool's `env`: a value, or nil to pass Parley's own value on.
    public var env: [String: String?]
    public var cwd: String?
    /// Seconds allowed for starting (initialize and the tool list) and for each request.
    public var timeout: Double

    public static let keys = ["command", "args", "env", "cwd", "timeout"]
    public static let defaultTimeout = 60.0

    public init(
        name: String, command: String, args: [String] = [], env: [String: String?] = [:], cwd: String? = nil,
        timeout: Double = defaultTimeout
    ) {
        self.name = name
        self.command = command
        self.args = args
        self.env = env
        self.cwd = cwd
        self.timeout = timeout
    }

    /// Reads one server's definition; the message names the server and the key.
    static func read(_ name: String, _ value: JSONValue) -> Result<MCPServerConfig, ToolConfig.Problem> {
        func problem(_ key: String?, _ text: String) -> Result<MCPServerConfig, ToolConfig.Problem> {
            let place = key.map { "mcp_servers.\(name).\($0)" } ?? "mcp_servers.\(name)"
            return .failure(ToolConfig.Problem(message: "MCP server '\(name)' is left out: key '\(place)': \(text)"))
        }
        guard ToolName.isValid(name) else { return problem(nil, "the name must be \(ToolName.rule)") }
        guard case .object(let members) = value else {
            return problem(nil, "expected an object with command, args, env and cwd, got \(value.kindName)")
        }
        for key in members.keys.sorted() where !keys.contains(key) {
            return problem(key, "unknown key (known keys: \(keys.joined(separator: ", ")))")
        }
        guard let command = members["command"]?.stringValue, !command.isEmpty else {
            return problem("command", "missing or not a string: give the program to start, e.g. \"npx\"")
        }
        var server = MCPServerConfig(name: name, command: command)
        if let args = members["args"], args != .null {
            guard case .array(let items) = args, items.allSatisfy({ $0.stringValue != nil }) else {
                return problem("args", "expected an array of strings")
            }
            server.args = items.compactMap(\.stringValue)
        }
        if let env = members["env"], env != .null {
            guard case .object(let variables) = env else { return problem("env", "expected an object") }
            for (variable, value) in variables {
                switch value {
                case .string(let text): server.env[variable] = .some(text)
                case .bool(true): server.env[variable] = .some(nil)
                default:
                    return problem("env.\(variable)", "expected a string or true, got \(value.kindName)")
                }
            }
        }
        if let cwd = members["cwd"], cwd != .null {
            guard let path = cwd.stringValue, !path.isEmpty else { return problem("cwd", "expected a directory path") }
            server.cwd = path
        }
        if let timeout = members["timeout"], timeout != .null {
            guard let seconds = timeout.numberValue, seconds > 0, seconds <= 86_400 else {
                return problem("timeout", "expected a number of seconds from 0 to 86400")
            }
            server.timeout = seconds
        }
        return .success(server)
    }
}
