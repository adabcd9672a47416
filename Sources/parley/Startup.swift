import ChatClient
import ChatREPL
import FoundationEssentials
import HTTPTransportAHC
import LineEditor
import Synchronization
import Tools

#if canImport(Glibc)
    import Glibc
#endif

/// Reads the environment and the terminals once, resolves the settings, wires the pieces
/// and maps every failure to an exit status. The only place that touches the process's
/// environment, its terminals and its signals.
struct Startup {
    let flags: CommandLineSettings
    let environment = ProcessEnvironment.read()
    let stdinIsTTY = isatty(STDIN_FILENO) == 1
    let outIsTTY = isatty(STDOUT_FILENO) == 1
    let errIsTTY = isatty(STDERR_FILENO) == 1

    func console(_ mode: ColorMode, markdown: Bool = false) -> Console {
        var terminal: TerminalState?
        if outIsTTY {
            let size = WindowSize.of(STDOUT_FILENO) ?? (80, 24)
            let state = TerminalState(
                width: size.width, height: size.height, markdown: markdown, inTmux: environment["TMUX"] != nil)
            Signals.onResize {
                if let size = WindowSize.of(STDOUT_FILENO) { state.resize(width: size.0, height: size.1) }
            }
            terminal = state
        }
        return Console(
            out: FileDescriptorSink(fd: STDOUT_FILENO), err: FileDescriptorSink(fd: STDERR_FILENO),
            style: Style.decide(
                mode: mode, outIsTTY: outIsTTY, errIsTTY: errIsTTY, environment: environment, terminal: terminal))
    }

    /// Resolves the settings and runs `body`; a setup error is printed and mapped.
    func withContext(_ body: (RunContext) async throws(ParleyError) -> ExitStatus) async -> ExitStatus {
        do throws(ParleyError) {
            let settings = try RunSettings.resolve(
                flags: flags, environment: environment,
                runCommand: { command, limit throws(ParleyError) in
                    try KeyCommand.run(command, limit: limit, environment: environment)
                })
            let proxy = settings.proxy
            let connect = settings.server.timeouts.connect
            var context = RunContext(
                settings: settings, flags: flags, console: console(settings.color, markdown: settings.markdown),
                makeTransport: { LiveTransport.make(connectTimeout: connect, proxy: proxy) }, prober: NetworkProbe())
            if !flags.attachments.isEmpty {
                context.pdfText = PDFToText(environment: environment)
                context.home = environment["HOME"]
            }
            return try await body(context)
        } catch {
            // Until the config is read, only --color can say how errors look.
            console(flags.color ?? .auto).error(ErrorWording.words(for: error, context: nil))
            return error.exitStatus
        }
    }

    /// Runs a command that reads the saved sessions. It talks to no server, so only the config's
    /// colour and Markdown settings are read (no key is looked for); a question is asked only
    /// when stdin is a terminal.
    func withIndexContext(_ body: (IndexContext) -> ExitStatus) -> ExitStatus {
        let paths = Paths(environment: environment)
        let file: ConfigFile
        do throws(ParleyError) {
            file = try ConfigFile.load(path: flags.configPath ?? paths.config, mustExist: flags.configPath != nil)
        } catch {
            console(flags.color ?? .auto).error(ErrorWording.words(for: error, context: nil))
            return error.exitStatus
        }
        let console = console(flags.color ?? file.color ?? .auto, markdown: file.markdown ?? true)
        let err = console.err
        var confirm: (@Sendable (String) -> Bool)?
        if stdinIsTTY { confirm = { @Sendable question in Self.ask(question, on: err) } }
        return body(
            IndexContext(
                catalog: SessionCatalog(paths: paths), console: console, confirm: confirm, now: Double(time(nil))))
    }

    /// Asks a yes/no question on stderr and reads the answer from stdin: only `y` or `yes` is yes.
    private static func ask(_ question: String, on err: any OutputSink) -> Bool {
        err.write(question)
        guard let answer = readLine() else { return false }
        return ["y", "yes"].contains(answer.strippedOfWhitespace.lowercased())
    }

    /// The default command: the REPL at a terminal with no prompt, else one prompt answered.
    func chat(promptWords: [String]) async -> ExitStatus {
        await withContext { context throws(ParleyError) in
            ParameterNotice.announce(context.flags, on: context.console)
            var context = context
            // `-a -`: stdin is the attachment, and the prompt is the arguments alone.
            if context.flags.attachments.contains("-") {
                guard !stdinIsTTY else {
                    throw .usage("-a - attaches what is piped to stdin, and stdin is a terminal here: pipe a file in")
                }
                guard let bytes = try? PromptReader.readStandardInput() else {
                    throw .attachment("cannot attach stdin: it cannot be read", advice: nil)
                }
                context.flags.stdinAttachment = bytes
            }
            if promptWords.isEmpty && stdinIsTTY { return try await interactive(context) }
            let prompt =
                context.flags.stdinAttachment != nil
                ? promptWords.joined(separator: " ")
                : try PromptReader.read(
                    words: promptWords, stdinIsTTY: stdinIsTTY, allowEmpty: !context.flags.attachments.isEmpty)
            let interrupts = InterruptController()
            let signalled = Atomic<Int32>(0)
            Signals.installOneShot(interrupts) { signalled.store($0, ordering: .relaxed) }
            var oneShot = OneShot(context: context, interrupts: interrupts)
            // At a terminal the user is asked about each call; through pipes only allowlisted tools run.
            oneShot.tools = toolSession(
                context,
                asker: stdinIsTTY
                    ? LineApprovalAsker(
                        reader: StdinLineReader(), console: context.console,
                        editor: ExternalEditor(environment: environment)) : nil)
            if let role = context.settings.roles?.active {
                oneShot.tools?.enable(roleTools: role.tools, role: role.name, console: context.console)
            }
            return await oneShot.run(prompt: prompt) {
                signalled.load(ordering: .relaxed)
            }
        }
    }

    private func interactive(_ context: RunContext) async throws(ParleyError) -> ExitStatus {
        let settings = context.settings
        let store = settings.saveSessions ? settings.sessionStore : nil
        let opener = store.map(context.sessionOpener)
        let opened = try opener?.open() ?? OpenedSession(conversation: Conversation(settings: settings.conversation))
        let interrupts = InterruptController()
        Signals.installInteractive(interrupts)
        let client = context.makeClient()
        let console = context.console
        var runner = TurnRunner(
            client: client, console: console, interrupts: interrupts, stream: settings.stream, spinner: true,
            errorContext: settings.errorContext, models: settings.models, maxCostPerSession: settings.maxCostPerSession,
            statusLine: settings.statusLine)
        runner.structured = settings.structured
        let editor = LineEditor(
            historyPath: settings.saveSessions ? settings.paths.history : nil, historySize: settings.historySize,
            completions: SlashCommand.completionWords)
        if let path = opened.path, !opened.conversation.isEmpty {
            console.notice("resumed \(path): \(opened.conversation.turnCount) replies")
        }
        settings.roles?.active?.takeUp(on: console)
        if let roles = settings.roles {
            editor.setArgumentWords(roles.catalog.allNames() + ["off", "save"], for: "/role")
        }
        let cache = context.modelCache
        let baseURL = settings.server.baseURL.description
        editor.setArgumentWords(cache.models(for: baseURL), for: "/model")
        for command in ["/set", "/unset"] { editor.setArgumentWords(ParameterSpec.known.map(\.name), for: command) }
        editor.setArgumentWords(["low", "medium", "high", "off", "minimal", "none"], for: "/reasoning")
        var attachmentContext = context
        attachmentContext.pdfText = PDFToText(environment: environment)
        attachmentContext.home = environment["HOME"]
        let hooks = REPLHooks(
            editor: ExternalEditor(environment: environment), doctor: context.doctor,
            onModelsListed: { models in
                cache.store(models, for: baseURL)
                editor.setArgumentWords(models, for: "/model")
            }, roles: settings.roles, attachments: attachmentContext.attachmentLoader)
        runner.tools = toolSession(
            context,
            asker: LineApprovalAsker(
                reader: ReadlineReader(editor: editor), console: console,
                editor: ExternalEditor(environment: environment)))
        if let tools = runner.tools {  // Tab after /tool: the tools' and servers' names
            editor.setArgumentWords(tools.catalog.tools.map(\.name) + tools.catalog.servers.map(\.name), for: "/tool")
        }
        let repl = REPL(
            conversation: opened.conversation, runner: runner, reader: ReadlineReader(editor: editor), console: console,
            autosave: Autosave(
                store: store, path: opened.path, lock: opened.lock, console: console,
                index: IndexKeeper(catalog: SessionCatalog(paths: settings.paths), console: console)),
            opener: opener,
            hooks: hooks)
        repl.parameterLayers = settings.parameterLayers
        // -r: the role's `tools:` are on while it is in force.
        repl.switchRoleTools(to: settings.roles?.active)
        repl.origins =
            opened.path != nil && !opened.conversation.isEmpty
            ? SettingOrigins.resumed(opened.conversation.settings, flags: flags) : settings.origins
        if opened.path != nil, !opened.conversation.isEmpty { repl.showLastExchange() }
        if !context.flags.attachments.isEmpty {
            switch await context.loadCommandLineAttachments(interrupts: interrupts) {
            case .success(let attachments):
                repl.pendingAttachments = attachments
                for attachment in attachments {
                    console.notice(
                        "attached \(attachment.displayName) (\(attachment.summary)): it goes with your first message")
                }
            case .failure(let error):
                opened.lock?.release()
                await client.shutdown()
                throw error
            }
        }
        let saved = await repl.run()
        await client.shutdown()
        await runner.tools?.shutdown()
        // SIGTERM / SIGHUP: saved above; the status says how the session ended.
        let signal = Signals.terminatedBy
        if signal != 0 { return ExitStatus(rawValue: 128 + signal) ?? .failure }
        return saved ? .ok : .failure
    }

    /// The run's tools (issue 12), their processes started in this directory with this
    /// environment, less the API key variables.
    private func toolSession(_ context: RunContext, asker: (any ApprovalAsker)?) -> ToolSession {
        // Writing to an MCP server that died must be an error, not the end of Parley.
        if !context.settings.tools.servers.isEmpty { signal(SIGPIPE, SIG_IGN) }
        return ToolSession.make(
            settings: context.settings, flags: context.flags, environment: environment,
            workingDirectory: FileManager.default.currentDirectoryPath, asker: asker, console: context.console,
            // MCP servers over HTTP get a transport of their own, shut down after them (their DELETE).
            httpTransport: context.settings.tools.servers.contains { $0.url != nil } ? context.makeTransport() : nil)
    }

    func exit(_ status: ExitStatus) -> Never {
        Glibc.exit(status.rawValue)
    }
}
