import ChatClient

/// An MCP server from the config (`mcp_servers.NAME`): the program Parley starts and talks to
/// over its stdin and stdout (`command`), or the URL it talks to over Streamable HTTP (`url`).
public struct MCPServerConfig: Sendable, Equatable {
    public var name: String
    /// The program to start; empty for a server over HTTP.
    public var command: String
    /// The endpoint of a server over Streamable HTTP (http or https); nil for a program.
    public var url: String?
    /// Headers sent with every request to `url` (a token, say); their values are secrets.
    public var headers: [String: String] = [:]
    public var args: [String]
    /// As a command tool's `env`: a value, or nil to pass Parley's own value on.
    public var env: [String: String?]
    public var cwd: String?
    /// Seconds allowed for starting (initialize and the tool list) and for each request.
    public var timeout: Double

    public static let keys = ["command", "args", "env", "cwd", "url", "headers", "timeout"]
    /// The keys that go with `command` only.
    static let commandKeys = ["args", "env", "cwd"]
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

    /// A server over Streamable HTTP.
    public init(name: String, url: String, headers: [String: String] = [:], timeout: Double = defaultTimeout) {
        self.init(name: name, command: "", timeout: timeout)
        self.url = url
        self.headers = headers
    }

    /// Reads one server's definition; the message names the server and the key.
    static func read(_ name: String, _ value: JSONValue) -> Result<MCPServerConfig, ToolConfig.Problem> {
        func problem(_ key: String?, _ text: String) -> Result<MCPServerConfig, ToolConfig.Problem> {
            let place = key.map { "mcp_servers.\(name).\($0)" } ?? "mcp_servers.\(name)"
            return .failure(ToolConfig.Problem(message: "MCP server '\(name)' is left out: key '\(place)': \(text)"))
        }
        guard ToolName.isValid(name) else { return problem(nil, "the name must be \(ToolName.rule)") }
        guard case .object(let members) = value else {
            return problem(
                nil, "expected an object with command (and args, env, cwd) or url (and headers), got \(value.kindName)")
        }
        for key in members.keys.sorted() where !keys.contains(key) {
            return problem(key, "unknown key (known keys: \(keys.joined(separator: ", ")))")
        }
        let hasCommand = members["command"].map { $0 != .null } ?? false
        let hasURL = members["url"].map { $0 != .null } ?? false
        if hasCommand, hasURL {
            return problem(nil, "give exactly one of command (a program over stdio) or url (Streamable HTTP), not both")
        }
        if hasURL { return readHTTP(name, members, problem: problem) }
        if let headers = members["headers"], headers != .null {
            return problem("headers", "goes with url only (a server over HTTP), not with command")
        }
        guard let command = members["command"]?.stringValue, !command.isEmpty else {
            return problem(
                hasCommand ? "command" : nil,
                hasCommand
                    ? "expected a string: the program to start, e.g. \"npx\""
                    : "give command (the program to start, e.g. \"npx\") or url (an http or https address)")
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

    /// Reads a server over Streamable HTTP: `url`, `headers`, `timeout`. Header values are
    /// registered as secrets, so no message ever shows them.
    private static func readHTTP(
        _ name: String, _ members: [String: JSONValue],
        problem: (String?, String) -> Result<MCPServerConfig, ToolConfig.Problem>
    ) -> Result<MCPServerConfig, ToolConfig.Problem> {
        if let headers = members["headers"], case .object(let fields) = headers {
            for value in fields.values { if let text = value.stringValue { Secrets.register(text) } }
        }
        for key in commandKeys where members[key].map({ $0 != .null }) ?? false {
            return problem(key, "goes with command only (a program over stdio), not with url")
        }
        guard let url = members["url"]?.stringValue, isHTTPURL(url) else {
            return problem("url", "expected an http or https address, e.g. \"https://example.com/mcp\"")
        }
        var server = MCPServerConfig(name: name, url: url)
        if let headers = members["headers"], headers != .null {
            guard case .object(let fields) = headers else {
                return problem("headers", "expected an object of header names and string values")
            }
            for (field, value) in fields {
                guard isHeaderName(field) else {
                    return problem("headers", "'\(field)' is not a header name (letters, digits and - only)")
                }
                guard let text = value.stringValue else {
                    return problem("headers.\(field)", "expected a string, got \(value.kindName)")
                }
                guard !text.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) else {
                    return problem("headers.\(field)", "expected a value on one line (no line breaks)")
                }
                server.headers[field] = text
            }
        }
        if let timeout = members["timeout"], timeout != .null {
            guard let seconds = timeout.numberValue, seconds > 0, seconds <= 86_400 else {
                return problem("timeout", "expected a number of seconds from 0 to 86400")
            }
            server.timeout = seconds
        }
        return .success(server)
    }

    /// An absolute http or https URL with a host.
    static func isHTTPURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return false }
        guard !text.contains(where: { $0.isWhitespace }) else { return false }
        let rest = text.drop { $0 != ":" }.dropFirst(3)
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return !(authority.split(separator: "@").last ?? "").isEmpty
    }

    /// A header name: a token of letters, digits and the few marks HTTP allows.
    static func isHeaderName(_ text: String) -> Bool {
        let marks = "-_.!#$%&'*+^`|~".unicodeScalars
        return !text.isEmpty
            && text.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || marks.contains($0))
            }
    }
}
