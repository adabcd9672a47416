import ChatClient
import Render

/// One prompt, one reply, an exit status (SPEC section 1): `parley "q"`, `echo q | parley`.
public struct OneShot {
    let context: RunContext
    let interrupts: InterruptController
    /// The run's tools (issue 12); nil offers none.
    public var tools: ToolSession?

    public init(context: RunContext, interrupts: InterruptController) {
        self.context = context
        self.interrupts = interrupts
    }

    /// Sends the prompt and prints the reply. `signal` tells which signal stopped it, if any.
    public func run(prompt: String, signal: @Sendable () -> Int32) async -> ExitStatus {
        let settings = context.settings
        let console = context.console
        let flags = context.flags
        // Attachments are read and checked before anything else: a refused one sends nothing.
        var attachments: [Attachment] = []
        if !flags.attachments.isEmpty {
            switch await context.loadCommandLineAttachments(interrupts: interrupts) {
            case .success(let loaded): attachments = loaded
            case .failure(let error):
                console.error(ErrorWording.words(for: error, context: nil))
                return error.exitStatus
            }
        }
        // A session only when asked for: scripts' one-off calls leave no files behind.
        let store = flags.sessionPath != nil || flags.continueLast ? settings.sessionStore : nil
        var opened: OpenedSession
        do {
            opened =
                try store.map { store throws(ParleyError) in try context.sessionOpener(store: store).open() }
                ?? OpenedSession(conversation: Conversation(settings: settings.conversation))
        } catch {
            console.error(ErrorWording.words(for: error, context: nil))
            return error.exitStatus
        }
        defer { opened.lock?.release() }
        let client = context.makeClient()
        // With -x the reply is not streamed to stdout: only its code block is printed at the end.
        // With --json / --schema it is printed once checked, so no half document reaches a pipe.
        let replyConsole =
            flags.extract == nil && settings.structured == nil
            ? console : Console(out: DiscardingSink(), err: console.err, style: .plain)
        var runner = TurnRunner(
            client: client, console: replyConsole, interrupts: interrupts, stream: settings.stream,
            spinner: console.style.colorErr, errorContext: settings.errorContext, models: settings.models,
            maxCostPerSession: settings.maxCostPerSession, statusLine: settings.statusLine)
        runner.structured = settings.structured
        settings.roles?.active?.takeUp(on: console)
        let typed = opened.conversation.settings.userText(for: prompt)
        if attachments.isEmpty {
            opened.conversation.appendUser(typed)
        } else {
            opened.conversation.appendUser(ChatMessage.user(text: typed, parts: attachments.map(\.part)))
        }
        runner.tools = tools
        runner.keepsReplyText = store != nil || flags.extract != nil || settings.structured != nil
        // With a session, each tool call and result is saved as it happens (a kill mid-chain
        // leaves a file that resumes into a valid request).
        let sessionPath = opened.path
        let outcome = await runner.run(&opened.conversation) { conversation in
            if let store, let sessionPath { _ = try? store.save(conversation, to: sessionPath) }
        }
        let conversation = opened.conversation
        if flags.showUsage, outcome == .replied, let info = conversation.info.last ?? nil, let usage = info.usage {
            let cost = settings.models.cost(of: usage, model: info.model ?? conversation.settings.model)
            console.err.write("usage: " + UsageLine.describe(usage, cost: cost) + "\n")
        }
        var saved = true
        if let store, let path = opened.path {
            do {
                let updated = try store.save(conversation, to: path)
                store.markUsed(path)
                if settings.saveSessions {
                    IndexKeeper(catalog: SessionCatalog(paths: settings.paths), console: console)
                        .saved(conversation, to: path, updated: updated)
                }
            } catch {
                saved = false
                let words = ErrorWording.words(for: error, context: nil)
                console.error(.init(message: "the turn could not be saved: \(words.message)", advice: words.advice))
            }
        }
        await client.shutdown()
        await tools?.shutdown()
        if let structured = settings.structured, outcome == .replied,
            let status = StructuredPrinter(console: console).print(structured, conversation: conversation)
        {
            return status
        }
        if let choice = flags.extract, outcome == .replied, let status = printCodeBlock(choice, of: conversation) {
            return status
        }
        if let failure = console.out.failure {
            console.error(.init(message: "the reply could not be written to stdout: \(failure)"))
            return .failure
        }
        switch outcome {
        case .replied: return saved ? .ok : .failure
        case .interrupted:
            let signal = signal()
            return signal == 2 || signal == 0 ? .interrupted : ExitStatus(rawValue: 128 + signal) ?? .interrupted
        case .failed(let error): return ErrorWording.exitStatus(for: error)
        case .refused: return .failure
        }
    }

    /// `-x` / `--extract-last`: the chosen code block's content on stdout. With no code block
    /// the reply goes to stderr, so nothing received is lost, and the status says it failed.
    private func printCodeBlock(_ choice: CodeBlockChoice, of conversation: Conversation) -> ExitStatus? {
        let console = context.console
        let reply = conversation.messages.last(where: { $0.role == .assistant })?.content ?? ""
        let blocks = CodeBlocks.extract(from: reply)
        guard let block = choice == .first ? blocks.first : blocks.last else {
            console.error(
                .init(
                    message: "the reply has no fenced code block to extract",
                    advice: "the whole reply follows on stderr"))
            console.err.write(reply.hasSuffix("\n") ? reply : reply + "\n")
            return .failure
        }
        console.out.write(block.content + "\n")
        return nil
    }
}
