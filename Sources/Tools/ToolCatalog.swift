import ChatClient

/// Every tool this run knows (the config's and the built-in ones) and which are on. Function
/// names are the tools' own names, checked valid and unique, so a call maps back to one tool.
public struct ToolCatalog: Sendable, Equatable {
    public private(set) var tools: [ToolDefinition]
    public private(set) var enabled: Set<String> = []

    public init(config: ToolConfig = ToolConfig()) {
        tools = config.tools + ToolDefinition.builtIns
    }

    public init(tools: [ToolDefinition]) {
        self.tools = tools
    }

    public func tool(named name: String) -> ToolDefinition? {
        tools.first { $0.name == name }
    }

    /// Names that no tool has, in the order given.
    public func unknown(_ names: [String]) -> [String] {
        names.filter { tool(named: $0) == nil }
    }

    /// Turns these tools on (`-T`, `enabled_tools`, a role's `tools:`); returns the names that
    /// are no tool's, which are left alone.
    @discardableResult
    public mutating func enable(_ names: [String]) -> [String] {
        for name in names where tool(named: name) != nil { enabled.insert(name) }
        return unknown(names)
    }

    /// Turns tools off; returns the unknown names.
    @discardableResult
    public mutating func disable(_ names: [String]) -> [String] {
        for name in names { enabled.remove(name) }
        return unknown(names)
    }

    public func isEnabled(_ name: String) -> Bool { enabled.contains(name) }

    /// The enabled tools, in catalog order.
    public var enabledTools: [ToolDefinition] { tools.filter { enabled.contains($0.name) } }

    /// The request's `tools`: the enabled ones (empty when none is on, so nothing is sent).
    public var wire: [JSONValue] { enabledTools.map(\.wire) }

    /// A line naming every tool, for messages about an unknown one.
    public var namesList: String { tools.map(\.name).joined(separator: ", ") }
}
