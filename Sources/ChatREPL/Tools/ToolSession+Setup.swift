import ChatClient
import Tools

extension ToolSession {
    /// The run's tools: the config's and the built-in ones, those named by `enabled_tools` and
    /// `-T` on, `auto_approve` and `--allow-tool` run without asking. Problems in the config's
    /// tools are told here, once; the chat goes on without the tools they concern.
    public static func make(
        settings: RunSettings, flags: CommandLineSettings, environment: [String: String], workingDirectory: String,
        asker: (any ApprovalAsker)?, console: Console, runner: any ProcessRunner = PosixProcessRunner()
    ) -> ToolSession {
        let config = settings.tools
        for problem in config.problems { console.notice("warning: config: \(problem)") }
        var catalog = ToolCatalog(config: config)
        let unknown = catalog.enable(config.enabled + flags.tools)
        for name in unknown {
            console.notice(
                "warning: config: enabled_tools names '\(name)', which is no tool (tools: \(catalog.namesList))")
        }
        return ToolSession(
            catalog: catalog,
            approver: ToolApprover(
                allowlist: Set(config.autoApprove + flags.allowTools),
                store: ApprovalStore(path: settings.paths.approvals), asker: asker),
            executor: ToolExecutor(
                runner: runner, environment: ToolEnvironment(parent: environment, key: settings.server.apiKey),
                workingDirectory: workingDirectory),
            chainLimit: config.chainLimit)
    }
}
