import ChatClient

/// Every tool this run knows (the config's and the built-in ones) and which are on. Function
/// names are the tools' own names, checked valid and unique, so a call maps back to one tool.
public struct ToolCatalog: Sendable, Equatable {
    public private(set) var tools: [ToolDefinition]
    public private(set) var enabled: Set<String> = []
    /// The config's MCP servers; their tools join `tools` once a server has started.
    public private(set) var servers: [MCPServerConfig] = []
    /// Servers turned on (all their tools), started or not.
    public private(set) var enabledServers: Set<String> = []
    /// Servers whose tools are in `tools` (or that failed: then with none).
    public private(set) var startedServers: Set<String> = []

    public init(config: ToolConfig = ToolConfig()) {
        tools = config.tools + ToolDefinition.builtIns
        servers = config.servers
    }

    public func isServer(_ name: String) -> Bool { servers.contains { $0.name == name } }

    /// Adds a started server's tools, each under a function name the API accepts
    /// (`server_tool`, cleaned and made unique); on when the server is.
    public mutating func addTools(_ serverTools: [MCPConnection.ServerTool], of server: String) {
        startedServers.insert(server)
        for tool in serverTools {
            let name = uniqueName(Self.functionName(server: server, tool: tool.name))
            var schema = tool.inputSchema
            if case .object(var members) = schema, members["type"] == nil {
                members["type"] = .string("object")
                schema = .object(members)
            }
            tools.append(
                ToolDefinition(
                    name: name, description: tool.description, parameters: schema,
                    kind: .mcp(server: server, tool: tool.name)))
            if enabledServers.contains(server) { enabled.insert(name) }
        }
    }

    /// A server that could not start: off, with no tools.
    public mutating func markFailed(_ server: String) {
        startedServers.insert(server)
        enabledServers.remove(server)
    }

    /// `server_tool` with every character the API refuses turned into `_`, cut to 64.
    static func functionName(server: String, tool: String) -> String {
        let raw = "\(server)_\(tool)"
        let cleaned = String(
            raw.unicodeScalars.map { ToolName.isValid(String($0)) ? Character($0) : "_" })
        return String(cleaned.prefix(64))
    }

    private func uniqueName(_ base: String) -> String {
        guard tool(named: base) != nil else { return base }
        var number = 2
        while true {
            let suffix = "_\(number)"
            let candidate = String(base.prefix(64 - suffix.count)) + suffix
            if tool(named: candidate) == nil { return candidate }
            number += 1
        }
    }

    public init(tools: [ToolDefinition]) {
        self.tools = tools
    }

    public func tool(named name: String) -> ToolDefinition? {
        tools.first { $0.name == name }
    }

    /// Names that no tool has, in the order given.
    public func unknown(_ names: [String]) -> [String] {
        names.filter { tool(named: $0) == nil && !isServer($0) }
    }

    /// Turns these tools on (`-T`, `enabled_tools`, a role's `tools:`); returns the names that
    /// are no tool's, which are left alone.
    @discardableResult
    public mutating func enable(_ names: [String]) -> [String] {
        for name in names where tool(named: name) != nil { enabled.insert(name) }
        for name in names where isServer(name) {
            enabledServers.insert(name)
            for tool in tools where tool.allowNames.contains(name) { enabled.insert(tool.name) }
        }
        return unknown(names)
    }

    /// Turns tools off; returns the unknown names.
    @discardableResult
    public mutating func disable(_ names: [String]) -> [String] {
        for name in names {
            enabled.remove(name)
            if isServer(name) {
                enabledServers.remove(name)
                for tool in tools where tool.allowNames.contains(name) { enabled.remove(tool.name) }
            }
        }
        return unknown(names)
    }

    public func isEnabled(_ name: String) -> Bool { enabled.contains(name) }

    /// The enabled tools, in catalog order.
    public var enabledTools: [ToolDefinition] { tools.filter { enabled.contains($0.name) } }

    /// The request's `tools`: the enabled ones (empty when none is on, so nothing is sent).
    public var wire: [JSONValue] { enabledTools.map(\.wire) }

    /// A line naming every tool, for messages about an unknown one.
    public var namesList: String { (tools.map(\.name) + servers.map(\.name)).joined(separator: ", ") }

    /// Enabled servers that have not been started yet.
    public var serversToStart: [MCPServerConfig] {
        servers.filter { enabledServers.contains($0.name) && !startedServers.contains($0.name) }
    }
}
