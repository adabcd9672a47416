import ChatClient
import Render
import Tools

/// The tools of one run: which are on, who approves a call, what runs it, and the results so
/// far (`/tool-output`). Used by the turn in progress only, one turn at a time.
public final class ToolSession: @unchecked Sendable {
    public var catalog: ToolCatalog
    public let approver: ToolApprover
    public let executor: ToolExecutor
    /// Requests with tool results per user message.
    public var chainLimit: Int
    /// The results of this run, numbered as the call lines show them.
    public private(set) var log: [LoggedResult] = []
    /// The HTTP transport of the MCP servers over HTTP (shut down with them).
    public var httpTransport: (any HTTPTransport)?

    /// One call and its result, for `/tool-output`.
    public struct LoggedResult: Sendable, Equatable {
        public var number: Int
        public var tool: String
        public var content: String
    }

    public static let defaultChainLimit = 10

    public init(catalog: ToolCatalog, approver: ToolApprover, executor: ToolExecutor, chainLimit: Int? = nil) {
        self.catalog = catalog
        self.approver = approver
        self.executor = executor
        self.chainLimit = chainLimit ?? Self.defaultChainLimit
    }

    /// Turns on the tools a role names (its `tools:` list); returns the names no tool has.
    @discardableResult
    public func enable(_ names: [String]) -> [String] {
        catalog.enable(names)
    }

    /// Runs the calls of the conversation's last message: asks about each in turn, runs the
    /// approved ones at once, and appends one result per call in the calls' order, each as soon
    /// as it and those before it are in (`progress` saves the session). Returns false when the
    /// user stopped them (Ctrl-C).
    func handle(
        _ calls: [ToolCall], conversation: inout Conversation, console: Console, interrupts: InterruptController,
        progress: (Conversation) -> Void
    ) async -> Bool {
        var ready: [Int: ToolResult] = [:]
        var runs: [(index: Int, tool: ToolDefinition, arguments: String, number: Int)] = []
        var numbers: [Int] = []
        for (index, call) in calls.enumerated() {
            let number = log.count + index + 1
            numbers.append(number)
            console.notice("⚙ #\(number) \(SafeText.neutralized(call.name)) \(Self.shortArguments(call.arguments))")
            guard let tool = catalog.tool(named: call.name), catalog.isEnabled(call.name) else {
                let enabled = catalog.enabledTools.map(\.name).joined(separator: ", ")
                ready[index] = ToolResult(
                    status: .failed,
                    content: "error: no tool named \(call.name) is available"
                        + (enabled.isEmpty ? "" : " (the tools available: \(enabled))"),
                    summary: "no such tool")
                continue
            }
            switch approver.decide(call, tool: tool, onDenied: { console.notice($0) }) {
            case .run(let arguments): runs.append((index, tool, arguments, number))
            case .deny(let result): ready[index] = result
            }
        }
        let executor = self.executor
        let jobs = runs
        let (stream, continuation) = AsyncStream.makeStream(of: (Int, ToolResult).self)
        for (index, result) in ready { continuation.yield((index, result)) }
        async let finished: Void = {
            _ = await interrupts.run {
                await withTaskGroup(of: (Int, ToolResult).self) { group in
                    for job in jobs {
                        group.addTask { (job.index, await executor.run(job.tool, arguments: job.arguments)) }
                    }
                    for await result in group { continuation.yield(result) }
                }
            }
            continuation.finish()
        }()
        var pending: [Int: ToolResult] = [:]
        var next = 0
        var stopped = false
        for await (index, result) in stream {
            pending[index] = result
            while let result = pending.removeValue(forKey: next) {
                let call = calls[next]
                conversation.appendToolResult(id: call.id, content: result.content)
                log.append(LoggedResult(number: numbers[next], tool: call.name, content: result.content))
                if result.status == .cancelled { stopped = true }
                console.notice("  \(Self.mark(result.status)) #\(numbers[next]) \(Self.outcome(result))")
                progress(conversation)
                next += 1
            }
        }
        await finished
        return !stopped
    }

    /// The arguments on one line, cut to fit, safe for a terminal.
    static func shortArguments(_ text: String) -> String {
        let oneLine = text.split(whereSeparator: \.isNewline).map { $0.strippedOfWhitespace }
            .joined(separator: " ")
        let cut = oneLine.count > 120 ? String(oneLine.prefix(119)) + "…" : oneLine
        return SafeText.neutralized(cut)
    }

    static func mark(_ status: ToolResult.Status) -> String {
        switch status {
        case .ok: "✓"
        case .failed, .timedOut: "✗"
        case .denied, .cancelled: "–"
        }
    }

    /// The outcome line's text: the summary and the result's first line.
    static func outcome(_ result: ToolResult) -> String {
        guard result.status == .ok || result.status == .failed else { return SafeText.neutralized(result.summary) }
        let first = result.content.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let line = first.count > 100 ? String(first.prefix(99)) + "…" : first
        return SafeText.neutralized(result.summary + (line.isEmpty ? "" : ": \(line)"))
    }

    /// A result, whole: the last one, or call number `number`.
    public func output(_ number: Int?) -> LoggedResult? {
        guard let number else { return log.last }
        return log.first { $0.number == number }
    }
}

extension ToolSession {
    /// No tools: what a turn uses when tools were not set up, so a call the model makes anyway
    /// still gets a result and the conversation stays valid.
    static var none: ToolSession {
        ToolSession(
            catalog: ToolCatalog(tools: []), approver: ToolApprover(allowlist: [], store: nil, asker: nil),
            executor: ToolExecutor(
                runner: PosixProcessRunner(), environment: ToolEnvironment(parent: [:]), workingDirectory: "/"))
    }
}
