import ChatClient
import Tools

extension ToolSession {
    /// The run's tools: the config's and the built-in ones, those named by `enabled_tools` and
    /// `-T` on, `auto_approve` and `--allow-tool` run without asking. Problems in the config's
    /// tools are told here, once; the chat goes on without the tools they concern.
    public static func make(
        settings: RunSettings, flags: CommandLineSettings, environment: [String: String], workingDirectory: String,
        asker: (any ApprovalAsker)?, console: Console, runner: any ProcessRunner = PosixProcessRunner(),
        httpTransport: (any HTTPTransport)? = nil
    ) -> ToolSession {
        let config = settings.tools
        for problem in config.problems { console.notice("warning: config: \(problem)") }
        var catalog = ToolCatalog(config: config)
        let unknown = catalog.enable(config.enabled + flags.tools)
        for name in unknown {
            console.notice(
                "warning: config: enabled_tools names '\(name)', which is no tool (tools: \(catalog.namesList))")
        }
        let toolEnvironment = ToolEnvironment(parent: environment, key: settings.server.apiKey)
        var executor = ToolExecutor(runner: runner, environment: toolEnvironment, workingDirectory: workingDirectory)
        for server in config.servers {
            if server.url != nil {
                guard let httpTransport else { continue }
                executor.servers[server.name] = MCPHTTPConnection(config: server, transport: httpTransport)
            } else {
                executor.servers[server.name] = MCPConnection(
                    config: server, environment: toolEnvironment,
                    logPath: "\(settings.paths.mcpLogs)/\(server.name).log")
            }
        }
        let session = ToolSession(
            catalog: catalog,
            approver: ToolApprover(
                allowlist: Set(config.autoApprove + flags.allowTools),
                store: ApprovalStore(path: settings.paths.approvals), asker: asker),
            executor: executor,
            chainLimit: config.chainLimit)
        session.httpTransport = httpTransport
        return session
    }

    /// Starts the enabled MCP servers not started yet (their first use) and adds their tools.
    /// A server that fails is told once, with the reason and its log, and stays off.
    public func prepare(console: Console) async {
        for server in catalog.serversToStart {
            guard let connection = executor.servers[server.name] else { continue }
            switch await connection.start() {
            case .success(let tools):
                catalog.addTools(tools, of: server.name)
                console.notice("MCP server \(server.name): \(tools.count) tools")
            case .failure(let failure):
                catalog.markFailed(server.name)
                console.error(.init(message: failure.message, advice: "the chat goes on without its tools"))
            }
        }
    }

    /// Stops the MCP servers this run started.
    public func shutdown() async {
        for connection in executor.servers.values { await connection.stop() }
        await httpTransport?.shutdown()
        httpTransport = nil
    }
}
