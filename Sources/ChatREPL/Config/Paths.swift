import ChatClient

/// Where Parley keeps its files (XDG base directories).
public struct Paths: Sendable, Equatable {
    public var config: String
    public var sessions: String
    public var history: String
    /// Names the session used last, for `-c`.
    public var lastSession: String
    /// The servers' model lists, for Tab completion.
    public var modelCache: String
    /// The search index of the session files (SQLite FTS5), rebuildable from them.
    public var index: String
    /// The session files of the last search or listing, in order, so `parley show 2` finds the second.
    public var lastListing: String
    /// The tools approved "always" (issue 12).
    public var approvals: String
    /// The MCP servers' stderr, one `NAME.log` each.
    public var mcpLogs: String

    public init(environment: [String: String]) {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        func base(_ variable: String, _ fallback: String) -> String {
            if let value = environment[variable], value.hasPrefix("/") { return value }
            return home + "/" + fallback
        }
        config = base("XDG_CONFIG_HOME", ".config") + "/parley/config.json"
        sessions = base("XDG_DATA_HOME", ".local/share") + "/parley/sessions"
        history = base("XDG_STATE_HOME", ".local/state") + "/parley/history"
        lastSession = base("XDG_STATE_HOME", ".local/state") + "/parley/last-session"
        modelCache = base("XDG_STATE_HOME", ".local/state") + "/parley/models.json"
        index = base("XDG_STATE_HOME", ".local/state") + "/parley/index.db"
        lastListing = base("XDG_STATE_HOME", ".local/state") + "/parley/last-listing"
        approvals = base("XDG_CONFIG_HOME", ".config") + "/parley/approvals.json"
        mcpLogs = base("XDG_STATE_HOME", ".local/state") + "/parley/mcp"
    }
}
