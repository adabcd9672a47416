import NIOCore
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The internal client for the Chat Completions API: builds requests, sends them through a
/// transport, reads whole or streamed replies, retries what is worth retrying and watches
/// the timeouts. It knows nothing of terminals.
public final class ChatClient: Sendable {
    public let settings: ServerSettings
    private let transport: any HTTPTransport
    private let waiter: any RetryWaiter
    private let random: @Sendable () -> Double
    private let now: @Sendable () -> Double
    /// Set once a server has refused `stream_options`: it is not sent again in this run.
    private let streamOptionsRefused = Atomic<Bool>(false)
    /// What each model refused, so the fix applies to the rest of the run.
    private let fixes = Locked<[String: ParameterFix]>([:])
    public let limiter: RateLimiter

    /// - Parameters: `random` and `now` (seconds since 1970) are injectable for tests.
    public init(
        settings: ServerSettings, transport: any HTTPTransport, waiter: any RetryWaiter = SleepingWaiter(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.settings = settings
        self.transport = transport
        self.waiter = waiter
        self.random = random
        self.now = now
        limiter = RateLimiter(limits: settings.limits, maxServerWait: settings.maxServerWait)
    }

    /// How a model's requests are changed after it refused a parameter.
    struct ParameterFix: Sendable, Equatable {
        var maxTokensField: MaxTokensField?
        var dropTemperature = false
        /// Parameters the model refused: left out of its requests from now on.
        var dropped: Set<String> = []
    }

    /// Sends a request and returns the reply. While a streamed reply arrives, `onDelta` gets
    /// each network read's worth of text. Throws `ChatClientError`, or `CancellationError`
    /// when the task is cancelled (the connection is then closed).
    ///
    /// With `keepText` false a streamed reply's text is not kept in the returned reply: the
    /// caller keeps it from the deltas, so a long reply is held in memory once.
    public func send(
        _ request: ChatRequest, keepText: Bool = true, onNotice: @escaping @Sendable (ClientNotice) -> Void = { _ in },
        onDelta: @escaping @Sendable (ReplyDelta) -> Void
    ) async throws -> ChatReply {
        var request = request
        if streamOptionsRefused.load(ordering: .relaxed) { request.includeUsage = false }
        apply(fixes.withLock { $0[request.model] }, to: &request)
        let tokens = Self.estimatedTokens(request)
        var retry = 0
        var adjusted: Set<String> = []
        while true {
            let (wait, why) = limiter.delay(tokens: tokens, now: now())
            if wait > 0 { try await waiter.wait(seconds: wait, reason: why) }
            limiter.record(tokens: tokens, now: now())
            let shown = Flag()
            do {
                return try await attempt(request, keepText: keepText, shown: shown, onDelta: onDelta)
            } catch let failure as AttemptFailure {
                let error = failure.error
                if case .http(400, let detail, _) = error {
                    if request.stream, request.includeUsage,
                        detail.param == "stream_options" || detail.message.contains("stream_options")
                    {
                        streamOptionsRefused.store(true, ordering: .relaxed)
                        request.includeUsage = false
                        onNotice(.streamOptionsDropped)
                        continue
                    }
                    if let (fix, notice) = negotiate(detail, request: request), !adjusted.contains(notice) {
                        adjusted.insert(notice)
                        fixes.withLock { $0[request.model] = fix }
                        apply(fix, to: &request)
                        onNotice(.parameterAdjusted(notice))
                        continue
                    }
                }
                guard !shown.isSet, retry < settings.retry.maxRetries,
                    settings.retry.isRetryable(error, head: failure.head), !isRefusedOnThisMachine(error),
                    let delay = settings.retry.delay(
                        beforeRetry: retry, head: failure.head, now: now(), random: random())
                else { throw error }
                retry += 1
                try await waiter.wait(
                    seconds: delay, reason: "\(Self.reason(error)) (retry \(retry) of \(settings.retry.maxRetries))")
            }
        }
    }

    /// A refused connection to this machine means nothing listens there: said at once, not
    /// after retries (a remote refusal may be a restarting load balancer, so it is retried).
    private func isRefusedOnThisMachine(_ error: ChatClientError) -> Bool {
        if case .connection(.refused, _) = error { return settings.baseURL.isLoopback }
        return false
    }

    /// The fix for a 400 that refuses a parameter Parley can change, with the notice to show.
    func negotiate(_ detail: ServerErrorDetail, request: ChatRequest) -> (ParameterFix, String)? {
        var fix = fixes.withLock { $0[request.model] } ?? ParameterFix()
        let mentions = { (name: String) in detail.param == name || detail.message.contains("'\(name)'") }
        if detail.code == "unsupported_parameter", request.maxTokens != nil {
            if request.maxTokensField == .maxTokens, mentions("max_tokens") {
                fix.maxTokensField = .maxCompletionTokens
                return (fix, "\(request.model) takes max_completion_tokens, not max_tokens: using it from now on")
            }
            if request.maxTokensField == .maxCompletionTokens, mentions("max_completion_tokens") {
                fix.maxTokensField = .maxTokens
                return (fix, "\(request.model) takes max_tokens, not max_completion_tokens: using it from now on")
            }
        }
        if detail.code == "unsupported_value" || detail.code == "unsupported_parameter", mentions("temperature"),
            request.temperature != nil
        {
            fix.dropTemperature = true
            return (fix, "\(request.model) accepts only its default temperature: temperature is left out from now on")
        }
        if let name = RefusedParameter.named(in: detail, among: request.parameters.values.keys) {
            fix.dropped.insert(name)
            let wireName = name == ParameterSpec.maxTokens.name ? request.maxTokensField.rawValue : name
            return (fix, "\(request.model) does not take \(wireName): it is left out from now on")
        }
        return nil
    }

    private func apply(_ fix: ParameterFix?, to request: inout ChatRequest) {
        guard let fix else { return }
        if let field = fix.maxTokensField { request.maxTokensField = field }
        if fix.dropTemperature { request.temperature = nil }
        for name in fix.dropped { request.parameters[name] = nil }
    }

    /// The tokens a request may use, for rate limits: its prompt and the reply limit.
    static func estimatedTokens(_ request: ChatRequest) -> Int {
        TokenEstimate.tokens(request.messages) + (request.maxTokens ?? 0)
    }

    /// The model ids the server offers (`GET {base}/models`), sorted.
    public func listModels() async throws -> [String] {
        let spec = HTTPRequestSpec(
            method: .get, url: settings.url(settings.modelsPath), headers: headers(streaming: false))
        let response = try await transport.send(spec)
        let body = try await Self.collect(response.body, limit: 16 << 20, watchdog: nil)
        guard (200..<300).contains(response.head.status) else {
            throw ChatClientError.http(
                status: response.head.status, detail: ServerErrorDetail.parse(body),
                requestID: response.head.header("x-request-id"))
        }
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: Data(body)),
            case .array(let items) = json["data"] ?? json["models"] ?? .null
        else { throw ChatClientError.invalidResponse("the server's model list is not in the OpenAI shape") }
        return items.compactMap { $0["id"]?.stringValue ?? $0["name"]?.stringValue }.sorted()
    }

    public func shutdown() async {
        await transport.shutdown()
    }

    // MARK: - One attempt

    /// A failed attempt, with the response head (for `retry-after`) when there was one.
    private struct AttemptFailure: Error {
        var error: ChatClientError
        var head: HTTPResponseHead?
    }

    private func attempt(
        _ request: ChatRequest, keepText: Bool, shown: Flag, onDelta: @escaping @Sendable (ReplyDelta) -> Void
    ) async throws -> ChatReply {
        let body: [UInt8]
        do {
            body = try request.bodyBytes()
        } catch {
            throw ChatClientError.invalidRequest("the request could not be encoded: \(error)")
        }
        let spec = HTTPRequestSpec(
            method: .post, url: settings.url(settings.chatPath), headers: headers(streaming: request.stream),
            body: body)
        let watchdog = Watchdog(firstByte: settings.timeouts.firstByte, idle: settings.timeouts.idle)
        do {
            return try await withThrowingTaskGroup(of: ChatReply?.self) { group in
                group.addTask {
                    try await self.exchange(
                        spec, stream: request.stream, keepText: keepText, watchdog: watchdog,
                        onDelta: { delta in
                            shown.set()
                            onDelta(delta)
                        })
                }
                group.addTask {
                    try await watchdog.watch()
                    return nil
                }
                defer { group.cancelAll() }
                while let result = try await group.next() {
                    if let reply = result { return reply }
                }
                throw CancellationError()
            }
        } catch let error as ChatClientError {
            throw AttemptFailure(error: error, head: nil)
        }
    }

    private func exchange(
        _ spec: HTTPRequestSpec, stream: Bool, keepText: Bool, watchdog: Watchdog,
        onDelta: @escaping @Sendable (ReplyDelta) -> Void
    ) async throws -> ChatReply {
        let response = try await transport.send(spec)
        let head = response.head
        limiter.observe(head, now: now())
        if (300..<400).contains(head.status) {
            // A redirected POST would silently become a GET, or go elsewhere: say so instead.
            let location = head.header("location").map(BaseURL.redacting) ?? "an address it does not give"
            throw AttemptFailure(
                error: .http(
                    status: head.status,
                    detail: ServerErrorDetail(
                        message: "the server redirects this request to \(location)", code: "redirect"),
                    requestID: head.header("x-request-id")),
                head: head)
        }
        guard (200..<300).contains(head.status) else {
            let body = try await Self.collect(response.body, limit: 1 << 20, watchdog: watchdog)
            throw AttemptFailure(
                error: .http(
                    status: head.status, detail: ServerErrorDetail.parse(body), requestID: head.header("x-request-id")),
                head: head)
        }
        let contentType = head.header("content-type")?.lowercased() ?? ""
        try Self.checkShape(head, contentType: contentType, body: response.body, watchdog: watchdog)
        if stream, !contentType.containsBytes("application/json") {
            return try await readStream(response.body, keepText: keepText, watchdog: watchdog, onDelta: onDelta)
        }
        // A whole reply (also when a server ignored `stream: true` and answered with JSON).
        let body = try await Self.collect(response.body, limit: 256 << 20, watchdog: watchdog)
        let reply = try CompletionDecoder.reply(from: body)
        let delta = ReplyDelta(content: reply.content, reasoning: reply.reasoning)
        if !delta.isEmpty { onDelta(delta) }
        return reply
    }

    /// Answers that cannot be a reply, named for what they are rather than as a cut-off reply.
    private static func checkShape(
        _ head: HTTPResponseHead, contentType: String, body: ResponseBody, watchdog: Watchdog
    ) throws {
        if head.status == 204 {
            throw ChatClientError.invalidResponse("the server answered 204 (No Content): an empty answer, not a reply")
        }
        if let encoding = head.header("content-encoding")?.lowercased(), !encoding.isEmpty, encoding != "identity" {
            throw ChatClientError.invalidResponse(
                "the server sent a \(encoding)-compressed body, which Parley did not ask for "
                    + "(a proxy in between may be compressing it)")
        }
        if contentType.containsBytes("text/html") {
            throw ChatClientError.invalidResponse(
                "the server answered with a web page (\(head.status), text/html), not an API reply")
        }
    }

    private func readStream(
        _ body: ResponseBody, keepText: Bool, watchdog: Watchdog, onDelta: @Sendable (ReplyDelta) -> Void
    ) async throws -> ChatReply {
        var parser = SSEParser()
        var assembler = StreamAssembler()
        assembler.keepsText = keepText
        // The start of the body, kept until the first event, to show what came instead of one.
        var opening: [UInt8] = []
        let limit = settings.maxReplyBytes
        var received = 0
        for try await buffer in body {
            // Only events count as progress: a server sending nothing but keep-alive comments
            // meets the first-byte limit, then the idle one, like a silent server.
            let eventsBefore = assembler.payloadCount
            defer { if assembler.payloadCount != eventsBefore { watchdog.touch() } }
            received += buffer.readableBytes
            if received > limit { throw ChatClientError.replyTooLarge(limitBytes: limit) }
            if assembler.payloadCount == 0, opening.count < 512 {
                opening += buffer.readableBytesView.prefix(512 - opening.count)
            }
            var batch = ReplyDelta()
            do {
                try buffer.withUnsafeReadableBytes { raw in
                    try parser.feed(buffer: raw.bindMemory(to: UInt8.self)) { type, data, _ in
                        guard !assembler.isDone else { return }
                        let delta = try assembler.consume(type: type, data: data)
                        batch.content += delta.content
                        if !delta.reasoning.isEmpty { batch.reasoning += delta.reasoning }
                        if !delta.toolCalls.isEmpty { batch.toolCalls += delta.toolCalls }
                    }
                }
            } catch {
                if !batch.isEmpty { onDelta(batch) }
                throw error
            }
            if !batch.isEmpty { onDelta(batch) }
            if assembler.isDone { break }
        }
        parser.finish()
        if assembler.payloadCount == 0 {
            throw ChatClientError.invalidResponse(
                opening.isEmpty
                    ? "the server's answer was empty: no reply"
                    : "the server's answer is not an event stream: \(ServerErrorDetail.excerpt(of: opening))")
        }
        try assembler.finish()
        return assembler.reply
    }

    private static func collect(_ body: ResponseBody, limit: Int, watchdog: Watchdog?) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await buffer in body {
            watchdog?.touch()
            bytes.append(contentsOf: buffer.readableBytesView)
            if bytes.count > limit {
                throw ChatClientError.invalidResponse("the server's reply is larger than \(limit >> 20) MiB")
            }
        }
        return bytes
    }

    private func headers(streaming: Bool) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = [
            ("Content-Type", "application/json"),
            ("Accept", streaming ? "text/event-stream" : "application/json"),
        ]
        var authorized = false
        if let key = settings.apiKey, !key.isEmpty {
            switch settings.keyHeader {
            case .bearer:
                headers.append(("Authorization", "Bearer \(key)"))
                authorized = true
            case .apiKey: headers.append(("api-key", key))
            }
        }
        // Credentials in the base URL, unless a key already takes the Authorization header.
        if !authorized, let credentials = settings.baseURL.credentials {
            headers.append(("Authorization", BasicAuthorization.value(forURLCredentials: credentials)))
        }
        headers += settings.headers
        return headers
    }

    private static func reason(_ error: ChatClientError) -> String {
        switch error {
        case .http(429, _, _): "rate limited"
        case .http(let status, _, _): "HTTP \(status)"
        case .connection: "connection failed"
        case .timeout(let kind, _): "\(kind.rawValue) timeout"
        default: "error"
        }
    }
}

/// A flag that is set once, from any thread.
final class Flag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .relaxed) }
    func set() { value.store(true, ordering: .relaxed) }
}
