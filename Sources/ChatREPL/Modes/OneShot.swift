import ChatClient

/// One prompt, one reply, an exit status (SPEC section 1): `parley "q"`, `echo q | parley`.
public struct OneShot {
    let context: RunContext
    let interrupts: InterruptController

    public init(context: RunContext, interrupts: InterruptController) {
        self.context = context
        self.interrupts = interrupts
    }

    /// Sends the prompt and prints the reply. `signal` tells which signal stopped it, if any.
    public func run(prompt: String, signal: @Sendable () -> Int32) async -> ExitStatus {
        let settings = context.settings
        let console = context.console
        let flags = context.flags
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
        let runner = TurnRunner(
            client: client, console: console, interrupts: interrupts, stream: settings.stream,
            spinner: console.style.colorErr, errorContext: settings.errorContext, models: settings.models,
            maxCostPerSession: settings.maxCostPerSession)
        opened.conversation.appendUser(prompt)
        let outcome = await runner.run(&opened.conversation)
        let conversation = opened.conversation
        if flags.showUsage, outcome == .replied, let info = conversation.info.last ?? nil, let usage = info.usage {
            let cost = settings.models.cost(of: usage, model: info.model ?? conversation.settings.model)
            console.err.write("usage: " + UsageLine.describe(usage, cost: cost) + "\n")
        }
        var saved = true
        if let store, let path = opened.path {
            do {
                try store.save(conversation, to: path)
                store.markUsed(path)
            } catch {
                saved = false
                let words = ErrorWording.words(for: error, context: nil)
                console.error(.init(message: "the turn could not be saved: \(words.message)", advice: words.advice))
            }
        }
        await client.shutdown()
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
}
