import ChatClient
import Synchronization
import Tools

/// Sends one turn and records its reply in the conversation: shared by the REPL and one-shot mode.
public struct TurnRunner: Sendable {
    public let client: ChatClient
    public let console: Console
    public let interrupts: InterruptController
    public var stream: Bool
    public var spinner: Bool
    public let errorContext: ErrorWording.Context
    public var models: ModelTable
    public var maxCostPerSession: Double?
    /// After each reply on a terminal, one dimmed line of tokens, speed and cost on stderr.
    public var statusLine = false
    /// `--json` / `--schema`: asked for in every request (the reply is checked by the caller).
    public var structured: StructuredOutput?
    /// The tools on offer and who approves their calls; nil when tools are not set up.
    public var tools: ToolSession?
    /// Whether the reply's text goes into the conversation. Off only when nothing reads it
    /// afterwards (one-shot, no session, no -x, no --json), and then only for a request that
    /// offers no tools: the reply streams to stdout in the same memory however long it is, and
    /// the conversation gets an empty reply.
    public var keepsReplyText = true

    public init(
        client: ChatClient, console: Console, interrupts: InterruptController, stream: Bool, spinner: Bool,
        errorContext: ErrorWording.Context, models: ModelTable = ModelTable(), maxCostPerSession: Double? = nil,
        statusLine: Bool = false
    ) {
        self.statusLine = statusLine
        self.client = client
        self.console = console
        self.interrupts = interrupts
        self.stream = stream
        self.spinner = spinner
        self.errorContext = errorContext
        self.models = models
        self.maxCostPerSession = maxCostPerSession
    }

    /// The request for the conversation, cut to the model's context window (the reply's room
    /// kept free); `budget` overrides the window after a server said it was still too long.
    func request(for conversation: Conversation, budget: Int? = nil) -> (ChatRequest, leftOut: Int) {
        var request = conversation.request(stream: stream, maxTokensField: client.settings.maxTokensField)
        let window = models.contextLength(request.model)
        let room = request.maxTokens ?? min(4096, window / 4)
        let (messages, leftOut) = ContextWindow.fit(request.messages, budget: budget ?? max(window - room, window / 4))
        // Attachments go without Parley's notes of them (a no-op for messages without any).
        request.messages = messages.map(\.wireForm)
        structured?.apply(to: &request)
        if let tools { request.tools = tools.catalog.wire }
        return (request, leftOut)
    }

    /// Why the request may not be sent under the cost cap, or nil.
    func costProblem(_ request: ChatRequest, conversation: Conversation) -> String? {
        guard let cap = maxCostPerSession else { return nil }
        let spent = models.cost(of: conversation) ?? 0
        let prompt = Usage(promptTokens: TokenEstimate.tokens(request.messages), completionTokens: 0)
        guard let next = models.cost(of: prompt, model: request.model) else { return nil }
        guard spent + next > cap else { return nil }
        return "this request would take the session's cost to about \(Format.dollars(spent + next)), over its cap of "
            + "\(Format.dollars(cap)) (max_cost_per_session); /clear starts a new session"
    }

    /// Sends the conversation (its last message is the user's) and appends the reply. On an
    /// error before any reply, the user's message is taken out again, so the conversation is
    /// as it was; a partial reply is kept and marked as interrupted.
    public func run(
        _ conversation: inout Conversation, progress: (Conversation) -> Void = { _ in }
    ) async -> TurnOutcome {
        var rounds = 0
        await tools?.prepare(console: console)
        while true {
            let outcome = await runOnce(&conversation)
            guard outcome == .replied, let calls = conversation.messages.last?.toolCalls, !calls.isEmpty else {
                return outcome
            }
            progress(conversation)
            let session = tools ?? ToolSession.none
            let finished = await session.handle(
                calls, conversation: &conversation, console: console, interrupts: interrupts, progress: progress)
            guard finished else {
                console.notice("[tool calls stopped: the conversation goes on from here]")
                return .interrupted
            }
            rounds += 1
            if rounds >= session.chainLimit {
                console.notice(
                    "[stopped after \(rounds) rounds of tool calls (tool_chain_limit \(session.chainLimit)); "
                        + "the results are kept: send a message to let the model carry on]")
                return .replied
            }
        }
    }

    /// One request and its reply (which may ask for tool calls).
    private func runOnce(_ conversation: inout Conversation) async -> TurnOutcome {
        var (request, leftOut) = self.request(for: conversation)
        if let problem = costProblem(request, conversation: conversation) {
            conversation.dropUnansweredUser()
            console.error(.init(message: problem))
            return .refused
        }
        if leftOut > 0 { noteLeftOut(leftOut, model: request.model) }
        // A reply that may call tools goes back to the server with their results: kept.
        let keepsText = keepsReplyText || !request.tools.isEmpty
        var renderer = ReplyRenderer(console: console, spinner: spinner, keepsText: keepsText)
        var result = await send(request, renderer: renderer)
        // The server says it is still too long: once more, with half as much history.
        if case .failure(let error as ChatClientError) = result, renderer.receivedBytes == 0,
            Self.isContextOverflow(error),
            request.messages.count > 2
        {
            let (shorter, more) = self.request(for: conversation, budget: TokenEstimate.tokens(request.messages) / 2)
            if more > leftOut {
                noteLeftOut(more, model: request.model)
                request = shorter
                renderer = ReplyRenderer(console: console, spinner: spinner, keepsText: keepsText)
                result = await send(request, renderer: renderer)
            }
        }
        let time = Timestamp.now()
        switch result {
        case .success(let reply):
            // The renderer holds the text (the client does not keep a second copy).
            let text = renderer.text
            let usage = reply.usage ?? TokenEstimate.usage(prompt: request.messages, replyBytes: renderer.receivedBytes)
            conversation.appendReply(
                text,
                info: TurnInfo(
                    time: time, model: reply.model, usage: usage, finishReason: reply.finishReason?.rawValue),
                toolCalls: reply.toolCalls)
            switch reply.finishReason {
            case .length:
                console.notice("[the reply was cut off: it reached the max_tokens limit]")
            case .contentFilter:
                console.notice("[the server's content filter withheld part of the reply]")
            default: break
            }
            if statusLine, console.style.errIsTerminal {
                console.notice(
                    StatusLine(
                        usage: usage, timeToFirstToken: renderer.timeToFirstPiece, total: renderer.elapsed,
                        cost: models.cost(of: usage, model: reply.model ?? request.model)
                    ).text)
            }
            return .replied
        case .failure(let error):
            let partial = renderer.text
            let received = renderer.receivedBytes
            if received == 0 {
                conversation.dropUnansweredUser()
            } else {
                let usage = TokenEstimate.usage(prompt: request.messages, replyBytes: received)
                conversation.appendReply(partial, info: TurnInfo(time: time, usage: usage, interrupted: true))
            }
            if let error = error as? ChatClientError {
                console.error(ErrorWording.words(for: error, context: errorContext))
                return .failed(error)
            }
            console.notice(received == 0 ? "[interrupted]" : "[interrupted: the part shown is kept]")
            return .interrupted
        }
    }

    private func send(_ request: ChatRequest, renderer: ReplyRenderer) async -> Result<ChatReply, any Error> {
        let client = self.client
        let console = self.console
        let result = await interrupts.run {
            try await client.send(
                request, keepText: false,
                onNotice: { notice in
                    switch notice {
                    case .streamOptionsDropped:
                        console.notice("note: the server does not take stream_options; usage is estimated")
                    case .parameterAdjusted(let text):
                        console.notice("note: \(text)")
                    }
                }, onDelta: renderer.show)
        }
        renderer.finish()
        return result
    }

    private func noteLeftOut(_ count: Int, model: String) {
        console.notice(
            "note: the \(count) oldest messages are left out of this request to fit \(model)'s context window "
                + "(\(models.contextLength(model)) tokens); the session keeps them")
    }

    static func isContextOverflow(_ error: ChatClientError) -> Bool {
        switch error {
        case .http(400, let detail, _), .http(413, let detail, _), .streamError(let detail):
            detail.isContextLengthExceeded
        default: false
        }
    }
}
