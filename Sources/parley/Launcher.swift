import ChatClient
import ChatREPL
import Foundation
import LineEditor
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Reads the environment, decides the mode once, wires the pieces, and maps every failure to
/// an exit status. The only place that touches the process's environment and terminals.
struct Launcher {
    let flags: CommandLineSettings
    let promptWords: [String]
    let environment = ProcessInfo.processInfo.environment

    func run() async -> ExitStatus {
        let stdinIsTTY = isatty(STDIN_FILENO) == 1
        let outIsTTY = isatty(STDOUT_FILENO) == 1
        let errIsTTY = isatty(STDERR_FILENO) == 1
        let interactive = promptWords.isEmpty && stdinIsTTY
        // Until the config is read, only --color can say how errors look.
        let console = { (mode: ColorMode) in
            Console(
                out: FileDescriptorSink(fd: STDOUT_FILENO), err: FileDescriptorSink(fd: STDERR_FILENO),
                style: Style.decide(mode: mode, outIsTTY: outIsTTY, errIsTTY: errIsTTY, environment: environment))
        }
        let errConsole = console(flags.color ?? .auto)
        do {
            let settings = try RunSettings.resolve(
                flags: flags, environment: environment, runCommand: KeyCommand.run)
            let console = console(settings.color)
            if promptWords == ["models"] { return await listModels(settings, console: console) }
            if promptWords == ["doctor"] { return await runDoctor(settings, console: console) }
            if interactive {
                return try await runInteractive(settings, console: console)
            }
            let prompt = try readPrompt(stdinIsTTY: stdinIsTTY)
            return try await runOneShot(prompt, settings: settings, console: console)
        } catch {
            errConsole.error(ErrorWording.words(for: error, context: nil))
            return error.exitStatus
        }
    }

    // MARK: - Modes

    private func runInteractive(_ settings: RunSettings, console: Console) async throws(ParleyError) -> ExitStatus {
        let store = settings.saveSessions ? settings.sessionStore : nil
        let (conversation, path, lock) = try resume(settings, store: store)
        let interrupts = InterruptController()
        Signals.installInteractive(interrupts)
        let client = makeClient(settings, console: console)
        let runner = TurnRunner(
            client: client, console: console, interrupts: interrupts, stream: settings.stream, spinner: true,
            errorContext: settings.errorContext, models: settings.models, maxCostPerSession: settings.maxCostPerSession)
        let editor = LineEditor(
            historyPath: settings.saveSessions ? settings.paths.history : nil, historySize: settings.historySize,
            completions: SlashCommands.completionWords)
        if let path, !conversation.isEmpty {
            console.notice("resumed \(path): \(conversation.turnCount) replies")
        }
        let cache = ModelCache(path: settings.paths.modelCache)
        editor.setArgumentWords(cache.models(for: settings.server.baseURL), for: "/model")
        let repl = REPL(
            conversation: conversation, runner: runner, reader: ReadlineReader(editor: editor), console: console,
            autosave: Autosave(store: store, path: path, lock: lock, console: console),
            editor: ExternalEditor(environment: environment))
        let baseURL = settings.server.baseURL
        repl.onModelsListed = { models in
            cache.store(models, for: baseURL)
            editor.setArgumentWords(models, for: "/model")
        }
        repl.doctor = Doctor(settings: settings, console: console) { makeTransport(settings) }
        await repl.run()
        await client.shutdown()
        // SIGTERM / SIGHUP: saved above; the status says how the session ended.
        let signal = Signals.terminatedBy
        return signal == 0 ? .ok : ExitStatus(rawValue: 128 + signal) ?? .ok
    }

    private func runOneShot(
        _ prompt: String, settings: RunSettings, console: Console
    ) async throws(ParleyError) -> ExitStatus {
        // A session only when asked for: scripts' one-off calls leave no files behind.
        let store = flags.sessionPath != nil || flags.continueLast ? settings.sessionStore : nil
        var (conversation, path, lock) = try resume(settings, store: store)
        defer { lock?.release() }
        let interrupts = InterruptController()
        let signalled = Atomic<Int32>(0)
        Signals.installOneShot(interrupts) { signalled.store($0, ordering: .relaxed) }
        let client = makeClient(settings, console: console)
        let runner = TurnRunner(
            client: client, console: console, interrupts: interrupts, stream: settings.stream,
            spinner: console.style.colorErr, errorContext: settings.errorContext, models: settings.models,
            maxCostPerSession: settings.maxCostPerSession)
        conversation.appendUser(prompt)
        let outcome = await runner.run(&conversation)
        if flags.showUsage, outcome == .replied, let info = conversation.info.last ?? nil, let usage = info.usage {
            let cost = settings.models.cost(of: usage, model: info.model ?? conversation.settings.model)
            console.err.write("usage: " + UsageLine.describe(usage, cost: cost) + "\n")
        }
        if let store, let path {
            do {
                try store.save(conversation, to: path)
                store.markUsed(path)
            } catch {
                console.error(ErrorWording.words(for: error, context: nil))
            }
        }
        await client.shutdown()
        switch outcome {
        case .replied: return .ok
        case .interrupted:
            let signal = signalled.load(ordering: .relaxed)
            return signal == SIGINT || signal == 0 ? .interrupted : ExitStatus(rawValue: 128 + signal) ?? .interrupted
        case .failed(let error): return ErrorWording.exitStatus(for: error)
        case .refused: return .failure
        }
    }

    // MARK: - Pieces

    /// The conversation to start with: a resumed session (--session, -c) or a new one.
    private func resume(
        _ settings: RunSettings, store: SessionStore?
    ) throws(ParleyError) -> (Conversation, String?, SessionLock?) {
        var fresh = Conversation(settings: settings.conversation)
        guard let store else { return (fresh, nil, nil) }
        var path = flags.sessionPath
        if flags.continueLast {
            guard let latest = store.latest() else {
                throw .data("no saved session to continue in \(store.directory)")
            }
            path = latest
        }
        guard let path else { return (fresh, nil, nil) }
        try FileSystem.makeParent(of: path)
        let lock = try SessionLock(sessionPath: path)
        guard FileSystem.exists(path) else { return (fresh, path, lock) }
        let loaded = try store.load(path)
        // The session's own settings, with explicit flags on top; the server is this run's.
        var conversationSettings = loaded.settings
        conversationSettings.baseURL = settings.conversation.baseURL
        if let model = flags.model { conversationSettings.model = model }
        if let system = flags.systemPrompt { conversationSettings.systemPrompt = system }
        if let temperature = flags.temperature { conversationSettings.temperature = temperature }
        if let maxTokens = flags.maxTokens { conversationSettings.maxTokens = maxTokens }
        fresh = Conversation(
            settings: conversationSettings, messages: loaded.messages, info: loaded.info, created: loaded.created)
        return (fresh, path, lock)
    }

    private func makeClient(_ settings: RunSettings, console: Console) -> ChatClient {
        ChatClient(
            settings: settings.server, transport: makeTransport(settings), waiter: CountdownWaiter(console: console))
    }

    /// `parley models`: the server's models, one a line, also kept for Tab completion.
    private func listModels(_ settings: RunSettings, console: Console) async -> ExitStatus {
        let client = makeClient(settings, console: console)
        do {
            let models = try await client.listModels()
            await client.shutdown()
            ModelCache(path: settings.paths.modelCache).store(models, for: settings.server.baseURL)
            if !models.isEmpty { console.out.write(models.joined(separator: "\n") + "\n") }
            return .ok
        } catch let error as ChatClientError {
            await client.shutdown()
            if case .http(404, _, _) = error {
                console.error(
                    .init(
                        message:
                            "this server has no model list (GET \(settings.server.url(settings.server.modelsPath)) answered 404)",
                        advice: "if chat works anyway, give the model with --model; if not, run parley doctor"))
                return .failure
            }
            console.error(ErrorWording.words(for: error, context: settings.errorContext))
            return ErrorWording.exitStatus(for: error)
        } catch {
            await client.shutdown()
            return .interrupted
        }
    }

    /// `parley doctor`: every step checked; status 0 when none failed.
    private func runDoctor(_ settings: RunSettings, console: Console) async -> ExitStatus {
        let steps = await Doctor(settings: settings, console: console) { makeTransport(settings) }.run(
            profile: flags.profile)
        let failed = steps.contains { if case .failed = $0.verdict { true } else { false } }
        return failed ? .failure : .ok
    }

    /// SPEC section 1: the arguments, or stdin, or the arguments, a blank line and stdin.
    private func readPrompt(stdinIsTTY: Bool) throws(ParleyError) -> String {
        let words = promptWords.joined(separator: " ")
        guard !stdinIsTTY else { return words }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard let input = String(validating: data, as: UTF8.self) else {
            throw .data("stdin is not UTF-8 text; Parley sends text only")
        }
        let prompt = words.isEmpty ? input : input.isEmpty ? words : words + "\n\n" + input
        if prompt.allSatisfy({ $0.isWhitespace || $0.isNewline }) {
            throw .usage("nothing to send: give a prompt as arguments or on stdin (parley --help)")
        }
        return prompt
    }
}

private func makeTransport(_ settings: RunSettings) -> any HTTPTransport {
    AsyncHTTPTransport(connectTimeout: settings.server.timeouts.connect, proxy: settings.proxy)
}

/// The REPL's line reader, backed by readline.
final class ReadlineReader: LineReader {
    let editor: LineEditor

    init(editor: LineEditor) {
        self.editor = editor
    }

    func readLine(prompt: String) -> LineInput {
        switch editor.readLine(prompt: prompt) {
        case .line(let line): .line(line)
        case .interrupted: .interrupted
        case .end: .end
        }
    }

    func addToHistory(_ line: String) {
        editor.addToHistory(line)
    }
}
