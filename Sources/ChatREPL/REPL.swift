import ChatClient

/// The next line typed at the prompt.
public enum LineInput: Sendable, Equatable {
    case line(String)
    /// Ctrl-C at the prompt: the line was discarded.
    case interrupted
    /// Ctrl-D on an empty line, or the end of input.
    case end
}

/// Opens an editor on a draft message (/edit); returns what was saved, nil when abandoned.
public protocol MessageEditor {
    func edit(_ draft: String) throws(ParleyError) -> String?
}

/// Reads lines at a prompt: readline in the terminal, a script in tests.
public protocol LineReader: AnyObject {
    func readLine(prompt: String) -> LineInput
    /// Keeps a line in the input history (up-arrow brings it back).
    func addToHistory(_ line: String)
}

/// The interactive loop: reads lines, runs slash-commands, sends messages with the whole
/// conversation, shows replies, and saves the session after every turn.
public final class REPL {
    public private(set) var conversation: Conversation
    private var runner: TurnRunner
    private let reader: any LineReader
    private let console: Console
    private let autosave: Autosave
    private let editor: (any MessageEditor)?
    private let prompt: String
    /// Told of every model list the server gives (for the cache and Tab completion).
    public var onModelsListed: (([String]) -> Void)?
    /// Runs /doctor.
    public var doctor: Doctor?

    public init(
        conversation: Conversation, runner: TurnRunner, reader: any LineReader, console: Console, autosave: Autosave,
        editor: (any MessageEditor)? = nil
    ) {
        self.conversation = conversation
        self.runner = runner
        self.reader = reader
        self.console = console
        self.autosave = autosave
        self.editor = editor
        self.prompt = console.style.colorOut ? "\u{1B}[1;36m>\u{1B}[0m " : "> "
    }

    /// Runs until /exit or Ctrl-D; the session is saved before it returns.
    public func run() async {
        loop: while true {
            switch reader.readLine(prompt: prompt) {
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
                case .command(let command, let argument):
                    if command.name == "/exit" { break loop }
                    await execute(command, argument: argument)
                }
            }
        }
        autosave.save(conversation)
        autosave.release()
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

    private func send(_ text: String) async {
        conversation.appendUser(text)
        _ = await runner.run(&conversation)
        autosave.save(conversation)
    }

    // MARK: - Slash-commands

    private func execute(_ command: SlashCommand, argument: String) async {
        let settingsBefore = conversation.settings
        switch command.name {
        case "/help":
            console.say(SlashCommands.helpText)
        case "/system":
            if argument.isEmpty {
                console.say(conversation.settings.systemPrompt.map { "system prompt: \($0)" } ?? "no system prompt")
            } else if argument == "off" {
                conversation.settings.systemPrompt = nil
                console.say("system prompt removed")
            } else {
                conversation.settings.systemPrompt = argument
                console.say("system prompt set")
            }
        case "/temperature":
            setTemperature(argument)
        case "/max_tokens":
            setMaxTokens(argument)
        case "/model":
            if argument.isEmpty {
                console.say("model: \(conversation.settings.model)")
            } else if argument.contains(where: \.isWhitespace) {
                rejectValue("a model name has no spaces", got: argument)
            } else {
                conversation.settings.model = argument
                console.say("model: \(argument)")
            }
        case "/models":
            await listModels()
        case "/history":
            showHistory()
        case "/edit":
            await edit(argument)
        case "/undo":
            if conversation.undo() == nil {
                console.say("nothing to undo")
            } else {
                console.say("last exchange removed")
                autosave.save(conversation)
            }
        case "/retry":
            guard let text = conversation.undo() else {
                console.say("nothing to retry")
                return
            }
            await send(text)
        case "/clear":
            autosave.save(conversation)
            conversation.clear()
            do {
                try autosave.switchTo(path: nil)
            } catch {
                console.error(ErrorWording.words(for: error, context: nil))
            }
            console.say("new conversation")
        case "/save":
            save(to: argument)
        case "/load":
            load(argument)
        case "/sessions":
            listSessions()
        case "/usage":
            showUsage()
        case "/doctor":
            if let doctor {
                await doctor.checking(model: conversation.settings.model).run(profile: nil)
            } else {
                console.error(.init(message: "/doctor is not available here"))
            }
        default:
            console.error(.init(message: "\(command.name) is not available here"))
        }
        if conversation.settings != settingsBefore { autosave.save(conversation) }
    }

    private func rejectValue(_ accepted: String, got value: String) {
        console.error(.init(message: "\(accepted); got \"\(value)\" (nothing changed)"))
    }

    private func setTemperature(_ argument: String) {
        if argument.isEmpty {
            console.say(
                "temperature: "
                    + (conversation.settings.temperature.map(Format.number) ?? "not set (the server's default)"))
        } else if argument == "off" {
            conversation.settings.temperature = nil
            console.say("temperature: not set (the server's default)")
        } else if let value = Double(argument), value.isFinite, (0...2).contains(value) {
            conversation.settings.temperature = value
            console.say("temperature: \(Format.number(value))")
        } else {
            rejectValue("/temperature takes a number from 0 to 2, or off", got: argument)
        }
    }

    private func setMaxTokens(_ argument: String) {
        if argument.isEmpty {
            console.say("max_tokens: " + (conversation.settings.maxTokens.map(String.init) ?? "off (no limit)"))
        } else if argument == "off" || argument == "none" {
            conversation.settings.maxTokens = nil
            console.say("max_tokens: off (no limit)")
        } else if let value = Int(argument), value > 0 {
            conversation.settings.maxTokens = value
            console.say("max_tokens: \(value)")
        } else {
            rejectValue("/max_tokens takes a whole number above 0, or off", got: argument)
        }
    }

    private func listModels() async {
        let client = runner.client
        switch await runner.interrupts.run({ try await client.listModels() }) {
        case .success(let models):
            onModelsListed?(models)
            console.say(models.isEmpty ? "the server lists no models" : models.joined(separator: "\n"))
        case .failure(let error as ChatClientError):
            if case .http(404, _, _) = error {
                console.error(.init(message: "this server has no model list (GET /models answered 404)"))
            } else {
                console.error(ErrorWording.words(for: error, context: runner.errorContext))
            }
        case .failure:
            console.notice("[interrupted]")
        }
    }

    private func edit(_ draft: String) async {
        guard let editor else {
            console.error(.init(message: "/edit needs a terminal and $VISUAL or $EDITOR"))
            return
        }
        do {
            guard let text = try editor.edit(draft), !text.allSatisfy({ $0.isWhitespace || $0.isNewline }) else {
                console.notice("[nothing to send: the file was left empty]")
                return
            }
            var message = text
            while message.hasSuffix("\n") { message.removeLast() }
            reader.addToHistory(message)
            await send(message)
        } catch {
            console.error(ErrorWording.words(for: error, context: nil))
        }
    }

    private func showHistory() {
        let settings = conversation.settings
        var lines: [String] = []
        if let system = settings.systemPrompt { lines.append("system: \(system)") }
        for (message, info) in zip(conversation.messages, conversation.info) {
            let mark = info?.interrupted == true ? " [interrupted]" : ""
            lines.append("\(message.role.rawValue)\(mark): \(message.content)")
        }
        console.say(lines.isEmpty ? "the conversation is empty" : lines.joined(separator: "\n"))
    }

    private func showUsage() {
        console.say(UsageLine.describe(conversation, models: runner.models, cap: runner.maxCostPerSession))
    }

    private func save(to argument: String) {
        if argument.isEmpty {
            guard autosave.store != nil else {
                console.error(.init(message: "sessions are off (--no-save); /save FILE saves to FILE"))
                return
            }
            autosave.save(conversation)
            if let path = autosave.path { console.say("saved to \(path)") }
            return
        }
        let store = autosave.store ?? SessionStore(directory: ".")
        do {
            try store.save(conversation, to: argument)
            if autosave.store != nil { try autosave.switchTo(path: argument) }
            console.say("saved to \(argument)")
        } catch {
            console.error(ErrorWording.words(for: error, context: nil))
        }
    }

    private func load(_ argument: String) {
        guard !argument.isEmpty else {
            console.error(.init(message: "/load needs a session file: /load FILE (/sessions lists recent ones)"))
            return
        }
        let store = autosave.store ?? SessionStore(directory: ".")
        do {
            let loaded = try store.load(argument)
            autosave.save(conversation)
            if autosave.store != nil { try autosave.switchTo(path: argument) }
            var settings = loaded.settings
            settings.baseURL = conversation.settings.baseURL
            conversation = Conversation(
                settings: settings, messages: loaded.messages, info: loaded.info, created: loaded.created)
            console.say("loaded \(argument): \(conversation.turnCount) replies, model \(settings.model)")
        } catch {
            console.error(ErrorWording.words(for: error, context: nil))
        }
    }

    private func listSessions() {
        guard let store = autosave.store else {
            console.say("sessions are off (--no-save)")
            return
        }
        let sessions = store.recent(limit: 20)
        guard !sessions.isEmpty else {
            console.say("no saved sessions in \(store.directory)")
            return
        }
        let lines = sessions.map { entry -> String in
            let time = Clock.timestamp(entry.modified).replacingOccurrences("T", with: " ").dropLast()
            guard let conversation = entry.conversation else { return "\(time)  (unreadable)  \(entry.path)" }
            return "\(time)  \(conversation.settings.model)  \(conversation.turnCount) replies  "
                + "\(conversation.topic.prefix(40))\n    \(entry.path)"
        }
        console.say(lines.joined(separator: "\n"))
    }
}
