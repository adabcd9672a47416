import ChatClient

/// A connection to one MCP server for the whole run, whichever way it is reached (a program
/// over stdio, or a URL over Streamable HTTP): the tool session starts it, calls its tools and
/// stops it through this.
public protocol MCPServerConnection: Actor {
    /// Sets the time limit of the requests that follow.
    func setTimeout(_ seconds: Double)
    /// Connects and lists the server's tools.
    func start() async -> Result<[MCPConnection.ServerTool], MCPFailure>
    /// Calls a tool; Ctrl-C (cancelling the task) returns at once.
    func call(_ tool: String, arguments: [String: JSONValue]) async -> ToolResult
    /// Ends the connection (at exit, or after a time limit passed).
    func stop() async
}

extension MCPConnection: MCPServerConnection {}
