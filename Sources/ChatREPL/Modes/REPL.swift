import ChatClient
import Render

/// The interactive loop: reads lines, runs slash-commands, sends messages with the whole
/// conversation, shows replies, and saves the session after every turn.
public final class REPL {
    public internal(set) var conversation: Conversation
    let runner: TurnRunner
    let reader: any LineReader
    let console: Console
    let autosave: Autosave
    let hooks: REPLHooks
    /// Lays a loaded session's settings under this run's flags (/load).
    let opener: SessionOpener?
    /// The session files of the last /search, for /open N.
    var listing: [String]?
    /// Where each setting came from, and the parameters of every level (/settings, /model).
    public var origins = SettingOrigins()
    public var parameterLayers = ParameterLayers()
    /// The role in force, filled in (`-r`, `/role`), so /role off knows what it set.
    var activeRole: ActiveRole?
    /// Where each setting came from before the first /role of this run, for /role off.
    var originsBeforeRole: SettingOrigins?
    /// The tools the role in force turned on (and /role off turns off).
    var roleTools: [String] = []
    /// What /attach (or -a) gathered for the next message.
    public var pendingAttachments: [Attachment] = []

    public init(
        conversation: Conversation, runner: TurnRunner, reader: any LineReader, console: Console, autosave: Autosave,
        opener: SessionOpener? = nil, hooks: REPLHooks = REPLHooks()
    ) {
        self.conversation = conversation
        self.runner = runner
        self.reader = reader
        self.console = console
        self.autosave = autosave
        self.opener = opener
        self.hooks = hooks
        activeRole = hooks.roles?.active
    }

    /// Runs until /exit or Ctrl-D; the session is saved before it returns. Returns false when
    /// the conversation could not be saved.
    @discardableResult
    public func run() async -> Bool {
        loop: while true {
            switch reader.readLine(prompt: prompt()) {
            case .end:
                break loop
            case .interrupted:
                continue
            case .line(let line):
                if !line.allSatisfy(\.isWhitespace) { reader.addToHistory(line) }
                if line == "\"\"\"" {
                    guard let block = readBlock() else { continue }
                    reader.addToHistory(block)  // so a failed turn's block is not lost either
                    await send(block)
                    continue
                }
                switch InputLine(line) {
                case .empty:
                    continue
                case .message(let text):
                    await send(text)
                case .unknownCommand(let word):
                    console.error(
                        .init(
                            message: "unknown command \(word)",
                            advice: "/help lists the commands; to send a message starting with /, write //"))
                case .command(.exit, _):
                    break loop
                case .command(let command, let argument):
                    await execute(command, argument: argument)
                }
            }
        }
        if !pendingAttachments.isEmpty {
            let count = pendingAttachments.count
            console.notice(
                "note: \(count == 1 ? "1 attachment was" : "\(count) attachments were") not sent: no message followed")
        }
        autosave.save(conversation)
        autosave.release()
        if autosave.isFailing {
            console.error(
                .init(
                    message: "the conversation is not saved: the session file could not be written",
                    advice: "the error above says why; the turns since the last save are lost when Parley ends"))
            return false
        }
        return true
    }

    /// A multi-line message between two `"""` lines; nil when abandoned (Ctrl-C or Ctrl-D).
    private func readBlock() -> String? {
        var lines: [String] = []
        while true {
            switch reader.readLine(prompt: "… ") {
            case .line("\"\"\""):
                return lines.joined(separator: "\n")
            case .line(let line):
                lines.append(line)
            case .interrupted, .end:
                console.notice("[multi-line message discarded]")
                return nil
            }
        }
    }

    /// Sends a typed message, placed in the role's text when the role has a place for it, with
    /// the pending attachments; they stay pending when the message could not go (so a retry has them).
    func send(_ text: String) async {
        let typed = conversation.settings.userText(for: text)
        let attached = pendingAttachments
        guard !attached.isEmpty else {
            await send(ChatMessage(role: .user, content: typed))
            return
        }
        if await send(ChatMessage.user(text: typed, parts: attached.map(\.part))) { pendingAttachments = [] }
    }

    /// Sends a user message; true when it stayed in the conversation (a reply, or part of one).
    @discardableResult
    func send(_ message: ChatMessage) async -> Bool {
        let before = conversation.messages.count
        conversation.appendUser(message)
        // With tools, each call's result is saved as it comes.
        let autosave = self.autosave
        _ = await runner.run(&conversation) { autosave.save($0) }
        checkStructuredReply()
        autosave.save(conversation)
        return conversation.messages.count > before
    }

    /// The prompt: on a terminal, the model and, once the server has reported usage, how full
    /// the context window is (`gpt-4o 12% > `). The line editor marks the escapes as taking no room.
    private func prompt() -> String {
        let style = console.style
        guard style.outIsTerminal else { return "> " }
        let model = conversation.settings.model
        var label = SafeText.neutralized(model)
        if let usage = conversation.info.last(where: { $0?.usage != nil }).flatMap({ $0?.usage }), !usage.estimated {
            let window = max(runner.models.contextLength(model), 1)
            label += " \(min(100, Bounded.sum(usage.promptTokens, usage.completionTokens) * 100 / window))%"
        }
        guard style.colorOut else { return "\(label) > " }
        return "\u{1B}[2m\(label)\u{1B}[0m \u{1B}[1;36m>\u{1B}[0m "
    }

    // MARK: - Slash-commands

    /// Runs one command; every command has its handler here, checked by the compiler.
    private func execute(_ command: SlashCommand, argument: String) async {
        let settingsBefore = conversation.settings
        switch command {
        case .help: console.say(SlashCommand.helpText)
        case .system: setSystemPrompt(argument)
        case .temperature: setTemperature(argument)
        case .maxTokens: setMaxTokens(argument)
        case .model: setModel(argument)
        case .models: await listModels()
        case .history: showHistory()
        case .edit: await edit(argument)
        case .undo: undo()
        case .retry: await retry()
        case .clear: clear()
        case .save: save(to: argument)
        case .load: load(argument)
        case .sessions: listSessions()
        case .search: search(argument)
        case .open: open(argument)
        case .title: setTitle(argument)
        case .forget: forget()
        case .usage: showUsage()
        case .doctor: await runDoctor()
        case .markdown: setMarkdown(argument)
        case .copy: copy(argument)
        case .set: setOption(argument)
        case .unset: unsetOption(argument)
        case .settings: showSettings()
        case .reasoning: setReasoning(argument)
        case .role: role(argument)
        case .attach: await attach(argument)
        case .attachments: listAttachments()
        case .detach: detach(argument)
        case .tools: listTools()
        case .tool: switchTool(argument)
        case .toolOutput: showToolOutput(argument)
        case .exit: break  // handled by the loop
        }
        if conversation.settings != settingsBefore { autosave.save(conversation) }
    }

    func rejectValue(_ accepted: String, got value: String) {
        console.error(.init(message: "\(accepted); got \"\(value)\" (nothing changed)"))
    }
}
