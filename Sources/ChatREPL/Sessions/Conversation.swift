import ChatClient

/// A conversation: its settings, its messages (the system prompt lives in the settings) and
/// what is known of each reply.
public struct Conversation: Sendable, Equatable {
    public var settings: ConversationSettings
    public private(set) var messages: [ChatMessage] = []
    /// One entry per message: the reply's info for assistant messages, `nil` for the others.
    public private(set) var info: [TurnInfo?] = []
    public var created: String
    /// The title `/title` gave it; nil until then, and `displayTitle` is made from the first message.
    public var title: String?
    /// The top-level keys of the session file it was loaded from that Parley does not model,
    /// written back as they were.
    public var fileKeys: [String: JSONValue] = [:]

    public init(settings: ConversationSettings, created: String = Timestamp.now()) {
        self.settings = settings
        self.created = created
    }

    public init(
        settings: ConversationSettings, messages: [ChatMessage], info: [TurnInfo?], created: String,
        title: String? = nil, fileKeys: [String: JSONValue] = [:]
    ) {
        self.fileKeys = fileKeys
        self.settings = settings
        self.messages = messages
        self.info = info.count == messages.count ? info : messages.map { _ in nil }
        self.created = created
        self.title = title
    }

    public var isEmpty: Bool { messages.isEmpty }

    /// Completed exchanges (replies), interrupted ones included.
    public var turnCount: Int { messages.filter { $0.role == .assistant }.count }

    public mutating func appendUser(_ text: String) {
        messages.append(ChatMessage(role: .user, content: text))
        info.append(nil)
    }

    /// A user message as it is: one with attachments (content parts), or one sent again.
    public mutating func appendUser(_ message: ChatMessage) {
        messages.append(message)
        info.append(nil)
    }

    public mutating func appendReply(_ text: String, info turn: TurnInfo) {
        messages.append(ChatMessage(role: .assistant, content: text))
        info.append(turn)
    }

    // MARK: Tool calls (issue 12)

    /// A reply that asks for tool calls (its text may be empty).
    public mutating func appendReply(_ text: String, info turn: TurnInfo, toolCalls: [ToolCall]) {
        messages.append(.assistant(text, toolCalls: toolCalls))
        info.append(turn)
    }

    /// The result of one tool call.
    public mutating func appendToolResult(id: String, content: String) {
        messages.append(.toolResult(id: id, content: content))
        info.append(nil)
    }

    /// Gives every tool call without a result (Parley was killed in the middle of a chain) an
    /// "interrupted" one, right after the calls, so the next request is valid. Returns how many.
    @discardableResult
    public mutating func answerUnansweredToolCalls(with content: String) -> Int {
        var added = 0
        var index = 0
        while index < messages.count {
            let calls = messages[index].toolCalls
            index += 1
            guard !calls.isEmpty else { continue }
            var answered: Set<String> = []
            var end = index
            while end < messages.count, messages[end].role == .tool {
                if let id = messages[end].toolCallID { answered.insert(id) }
                end += 1
            }
            for call in calls where !answered.contains(call.id) {
                messages.insert(.toolResult(id: call.id, content: content), at: end)
                info.insert(nil, at: end)
                end += 1
                added += 1
            }
            index = end
        }
        return added
    }

    /// Removes the last message if it is the user's (a turn that got no reply).
    public mutating func dropUnansweredUser() {
        if messages.last?.role == .user {
            messages.removeLast()
            info.removeLast()
        }
    }

    /// Drops the last user message and everything after it; returns that message's text.
    @discardableResult
    public mutating func undo() -> String? {
        guard let index = messages.lastIndex(where: { $0.role == .user }) else { return nil }
        let text = messages[index].content
        messages.removeSubrange(index...)
        info.removeSubrange(index...)
        return text
    }

    public mutating func clear() {
        messages.removeAll()
        info.removeAll()
        created = Timestamp.now()
        title = nil
        fileKeys = [:]
    }

    /// Removes exchange `turn` (1-based: the turn-th user message and what follows it up to the
    /// next one: its reply, any tool messages); false when there is no such exchange.
    public mutating func removeTurn(_ turn: Int) -> Bool {
        let starts = messages.indices.filter { messages[$0].role == .user }
        guard turn >= 1, turn <= starts.count else { return false }
        let start = starts[turn - 1]
        let end = turn < starts.count ? starts[turn] : messages.endIndex
        messages.removeSubrange(start..<end)
        info.removeSubrange(start..<end)
        return true
    }

    /// The messages a request carries: the system prompt first, then the conversation.
    public var requestMessages: [ChatMessage] {
        var result: [ChatMessage] = []
        result.reserveCapacity(messages.count + 1)
        if let system = settings.systemPrompt, !system.isEmpty {
            result.append(ChatMessage(role: .system, content: system))
        }
        result += messages
        return result
    }

    public func request(stream: Bool, maxTokensField: MaxTokensField = .maxTokens) -> ChatRequest {
        var messages = requestMessages
        // A role's few-shot examples follow the system prompt in requests only (Roles/FewShotPrompt.swift).
        messages.insert(contentsOf: settings.roleExamples, at: (settings.systemPrompt ?? "").isEmpty ? 0 : 1)
        return ChatRequest(
            model: settings.model, messages: messages, parameters: settings.parameters,
            maxTokensField: maxTokensField, stream: stream)
    }

    /// Token totals over all replies that reported usage.
    public var totals: Usage {
        info.compactMap { $0?.usage }.reduce(Usage(promptTokens: 0, completionTokens: 0), +)
    }

    /// The title listings show: the one `/title` set, else the first user message on one line,
    /// cut to about 60 characters at a word.
    public var displayTitle: String {
        if let title, !title.allSatisfy(\.isWhitespace) { return Self.oneLine(title, limit: 200) }
        guard let first = messages.first(where: { $0.role == .user }) else { return "(no messages)" }
        let line = Self.oneLine(first.content, limit: 60)
        return line.isEmpty ? "(no text)" : line
    }

    /// Text on one line, whitespace runs as one space, cut at a word to at most `limit`
    /// characters with an ellipsis when it was longer.
    static func oneLine(_ text: String, limit: Int) -> String {
        let words = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        var line = ""
        for word in words {
            let next = line.isEmpty ? String(word) : line + " " + word
            if next.count > limit {
                if line.isEmpty { line = String(word.prefix(limit - 1)) }
                return line + "…"
            }
            line = next
        }
        return line
    }

    /// The first words of the first user message, for file names and listings.
    public var topic: String {
        let first = messages.first { $0.role == .user }?.content ?? ""
        return first.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).prefix(8).joined(separator: " ")
    }
}
