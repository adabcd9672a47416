import Tools

extension ToolSession {
    /// Turns on the tools and MCP servers a role names (`all`: every one), saying once which
    /// names are no tool's. Returns the names it turned on that were off, so that dropping the
    /// role can turn just those off again.
    @discardableResult
    public func enable(roleTools names: [String], role: String, console: Console) -> [String] {
        guard !names.isEmpty else { return [] }
        let wanted = names.contains("all") ? catalog.tools.map(\.name) + catalog.servers.map(\.name) : names
        let wereOff = wanted.filter { !catalog.isEnabled($0) }
        let unknown = enable(wanted)
        if !unknown.isEmpty {
            console.notice(
                "role '\(role)' names \(unknown.count == 1 ? "a tool" : "tools") Parley does not have: "
                    + unknown.joined(separator: ", ") + " (the tools: \(catalog.namesList))")
        }
        return wereOff.filter { !unknown.contains($0) }
    }

    /// Turns off what `enable(roleTools:)` turned on for a role that is dropped.
    public func disable(roleTools names: [String]) {
        catalog.disable(names)
    }
}
