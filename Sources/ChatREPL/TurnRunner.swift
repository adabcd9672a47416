import ChatClient
import Synchronization

/// Lets a signal handler stop the request that is running, and only that.
public final class InterruptController: Sendable {
    private let cancelCurrent = Mutex<(@Sendable () -> Void)?>(nil)

    public init() {}

    /// Runs an operation as a task that `interrupt()` can cancel.
    public func run<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async -> Result<T, any Error> {
        let task = Task { try await operation() }
        cancelCurrent.withLock { $0 = { task.cancel() } }
        let result = await task.result
        cancelCurrent.withLock { $0 = nil }
        return result
    }

    /// Cancels the running request. Returns false when none is running (Ctrl-C at the prompt).
    @discardableResult
    public func interrupt() -> Bool {
        cancelCurrent.withLock { cancel in
            guard let cancel else { return false }
            cancel()
            return true
        }
    }
}

/// How one turn ended.
public enum TurnOutcome: Sendable, Equatable {
    case replied
    /// Ctrl-C: what had arrived is kept, marked as interrupted.
    case interrupted
    case failed(ChatClientError)
}

/// Sends one turn and records its reply in the conversation: shared by the REPL and one-shot mode.
public struct TurnRunner: Sendable {
    public let client: ChatClient
    public let console: Console
    public let interrupts: InterruptController
    public var stream: Bool
    public var spinner: Bool
    public let errorContext: ErrorWording.Context

    public init(
        client: ChatClient, console: Console, interrupts: InterruptController, stream: Bool, spinner: Bool,
        errorContext: ErrorWording.Context
    ) {
        self.client = client
        self.console = console
        self.interrupts = interrupts
        self.stream = stream
        self.spinner = spinner
        self.errorContext = errorContext
    }

    /// Sends the conversation (its last message is the user's) and appends the reply. On an
    /// error before any reply, the user's message is taken out again, so the conversation is
    /// as it was; a partial reply is kept and marked as interrupted.
    public func run(_ conversation: inout Conversation) async -> TurnOutcome {
        let request = conversation.request(stream: stream)
        let renderer = ReplyRenderer(console: console, spinner: spinner)
        let client = self.client
        let console = self.console
        let result = await interrupts.run {
            try await client.send(
                request,
                onNotice: { notice in
                    if notice == .streamOptionsDropped {
                        console.notice("note: the server does not take stream_options; usage is estimated")
                    }
                }, onDelta: renderer.show)
        }
        renderer.finish()
        let time = Clock.timestamp()
        switch result {
        case .success(let reply):
            let usage = reply.usage ?? TokenEstimate.usage(prompt: request.messages, reply: reply.content)
            conversation.appendReply(
                reply.content,
                info: TurnInfo(
                    time: time, model: reply.model, usage: usage, finishReason: reply.finishReason?.rawValue))
            switch reply.finishReason {
            case .length:
                console.notice("[the reply was cut off: it reached the max_tokens limit]")
            case .contentFilter:
                console.notice("[the server's content filter withheld part of the reply]")
            default: break
            }
            return .replied
        case .failure(let error):
            let partial = renderer.text
            if partial.isEmpty {
                conversation.dropUnansweredUser()
            } else {
                let usage = TokenEstimate.usage(prompt: request.messages, reply: partial)
                conversation.appendReply(partial, info: TurnInfo(time: time, usage: usage, interrupted: true))
            }
            if let error = error as? ChatClientError {
                console.error(ErrorWording.words(for: error, context: errorContext))
                return .failed(error)
            }
            console.notice(partial.isEmpty ? "[interrupted]" : "[interrupted: the part shown is kept]")
            return .interrupted
        }
    }
}

/// A rough token count for servers that report no usage: about four characters a token.
public enum TokenEstimate {
    public static func tokens(_ text: String) -> Int {
        (text.utf8.count + 3) / 4
    }

    public static func usage(prompt: [ChatMessage], reply: String) -> Usage {
        let promptTokens = prompt.reduce(0) { $0 + tokens($1.content) + 4 }
        return Usage(promptTokens: promptTokens, completionTokens: tokens(reply), estimated: true)
    }
}
