#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Builds a reply out of the events of a streamed completion: content and reasoning deltas,
/// the finish reason, the usage chunk, `[DONE]`, and errors sent in the middle of a stream.
public struct StreamAssembler: Sendable {
    public private(set) var reply = ChatReply()
    /// `data: [DONE]` was seen; everything after it is ignored.
    public private(set) var isDone = false
    /// How many JSON payloads were read before `[DONE]`.
    public private(set) var payloadCount = 0
    /// Whether the reply's text is kept in `reply`; off when the caller keeps it from the
    /// deltas, so a long reply is held once, not twice.
    public var keepsText = true
    private let decoder = JSONDecoder()
    /// Tool calls, built up by index as their pieces arrive.
    private var calls = ToolCallAssembler()
    /// How many calls were announced in a delta (once each has its name).
    private var announced = 0
    /// The last chunk read, to read the next one (which usually differs only in its text) quickly.
    private var template = ChunkTemplate()
    /// Off in tests, to compare a stream read with the template to the same stream read without.
    var usesTemplate = true

    public init() {}

    /// Takes one event and returns the text it adds. Throws `.streamError` for an error event;
    /// what was assembled before it stays in `reply`.
    public mutating func consume(_ event: SSEEvent) throws(ChatClientError) -> ReplyDelta {
        var text = event.data
        let type = event.type == "message" ? nil : event.type
        let result: Result<ReplyDelta, ChatClientError> = text.withUTF8 { bytes in
            Result { () throws(ChatClientError) in try consume(type: type, data: bytes) }
        }
        return try result.get()
    }

    /// The same, from an event's raw data bytes (the streaming path, which makes no string
    /// of an event unless the scanner leaves it to the full decoder).
    public mutating func consume(type: String?, data: UnsafeBufferPointer<UInt8>) throws(ChatClientError) -> ReplyDelta
    {
        guard !isDone else { return ReplyDelta() }
        if data.count == 6, let base = data.baseAddress, memcmp(base, Self.done.utf8Start, 6) == 0 {
            isDone = true
            return ReplyDelta()
        }
        // A chunk like the last one but for its text: everything else in it (model, usage,
        // finish reason; never tool calls) is the last chunk's, taken in already, so only the
        // text is new. The template is this assembler's own: the chunk it holds was consumed.
        if type == nil, usesTemplate, let (field, text) = template.text(of: data, wantsModel: reply.model == nil) {
            payloadCount += 1
            var delta = ReplyDelta()
            switch field {
            case .content, .refusal: delta.content = text
            case .reasoning: delta.reasoning = text
            }
            if keepsText {
                reply.content += delta.content
                reply.reasoning += delta.reasoning
            }
            return delta
        }
        // A typed event is read in full below and may change what the template's chunk said
        // (its usage, its finish reason): the next chunk must be read in full too.
        if type != nil { template.forget() }
        let chunk: ChunkScanner.Chunk
        if type == nil,
            let fast = usesTemplate
                ? ChunkScanner.scanRemembering(data, wantsModel: reply.model == nil, template: &template)
                : ChunkScanner.scan(data, wantsModel: reply.model == nil)
        {
            chunk = fast
        } else {
            chunk = try decodeFully(SSEEvent(type: type ?? "message", data: String(decoding: data, as: UTF8.self)))
        }
        payloadCount += 1
        if let model = chunk.model, !model.isEmpty, reply.model == nil { reply.model = model }
        if let usage = chunk.usage { reply.usage = usage }
        var delta = ReplyDelta()
        if let content = chunk.content, !content.isEmpty {
            delta.content = content
        } else if let refusal = chunk.refusal, !refusal.isEmpty {
            delta.content = refusal
        }
        if let reasoning = chunk.reasoning { delta.reasoning = reasoning }
        if keepsText {
            reply.content += delta.content
            reply.reasoning += delta.reasoning
        }
        if let pieces = chunk.toolCalls, !pieces.isEmpty {
            calls.add(pieces)
            // Whole as far as they got: a reply cut short still says what was asked.
            reply.toolCalls = calls.result
            while announced < reply.toolCalls.count, !reply.toolCalls[announced].name.isEmpty {
                delta.toolCalls.append(reply.toolCalls[announced].name)
                announced += 1
            }
        }
        if let finish = chunk.finishReason { reply.finishReason = FinishReason(finish) }
        return delta
    }

    /// The general path, for chunks the scanner leaves alone: errors, odd shapes, bad JSON.
    private func decodeFully(_ event: SSEEvent) throws(ChatClientError) -> ChunkScanner.Chunk {
        let body: CompletionBody
        do {
            body = try decoder.decode(CompletionBody.self, from: Data(event.data.utf8))
        } catch {
            if event.type == "error" { throw .streamError(ServerErrorDetail(message: event.data)) }
            throw .invalidResponse(
                "the server sent a stream event that is not JSON: \(ServerErrorDetail.excerpt(of: Array(event.data.utf8)))"
            )
        }
        if let error = body.error, error != .null {
            throw .streamError(
                ServerErrorDetail.from(json: .object(["error": error])) ?? ServerErrorDetail(message: "unknown error"))
        }
        if event.type == "error" { throw .streamError(ServerErrorDetail(message: event.data)) }
        let choice = body.firstChoice
        let message = choice?.delta ?? choice?.message
        return ChunkScanner.Chunk(
            content: message?.content, reasoning: message?.reasoning, refusal: message?.refusal,
            finishReason: choice?.finishReason, model: body.model, usage: body.usage, toolCalls: message?.toolCalls)
    }

    private static let done: StaticString = "[DONE]"

    /// The body ended. A reply without a finish reason was cut off, whether or not `[DONE]`
    /// came (older llama.cpp sends `[DONE]` after an error it hides in an `error:` field).
    public func finish() throws(ChatClientError) {
        if reply.finishReason == nil { throw .truncated }
    }
}
