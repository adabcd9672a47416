#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Turns a whole (non-streamed) response body into a reply.
enum CompletionDecoder {
    static func reply(from body: [UInt8]) throws(ChatClientError) -> ChatReply {
        guard String(validating: body, as: UTF8.self) != nil else {
            throw .invalidResponse("the server's reply is not valid UTF-8 text, so it cannot be shown")
        }
        if let reply = try scannedReply(body) { return reply }
        return try decodedReply(body)
    }

    /// The usual reply read by the chunk scanner (JSONDecoder's first use costs a conformance
    /// scan of the whole binary); nil for anything it leaves to the decoder: an error member,
    /// tool calls, an odd shape. A test holds the two to the same answer.
    static func scannedReply(_ body: [UInt8]) throws(ChatClientError) -> ChatReply? {
        guard let (chunk, hasChoice) = body.withUnsafeBufferPointer({ ChunkScanner.scanReply($0) }) else { return nil }
        guard hasChoice else { throw noChoices }
        var content = chunk.content ?? ""
        if content.isEmpty, let refusal = chunk.refusal { content = refusal }
        return ChatReply(
            content: content, reasoning: chunk.reasoning ?? "", finishReason: chunk.finishReason.map(FinishReason.init),
            usage: chunk.usage, model: chunk.model)
    }

    private static let noChoices = ChatClientError.invalidResponse(
        "the server's reply has no choices (is the base URL a chat completions API?)")

    /// The reply read by JSONDecoder, for every shape.
    static func decodedReply(_ body: [UInt8]) throws(ChatClientError) -> ChatReply {
        let decoded: CompletionBody
        do {
            decoded = try JSONDecoder().decode(CompletionBody.self, from: Data(body))
        } catch {
            throw .invalidResponse(
                "the server's reply is not a chat completion: \(ServerErrorDetail.excerpt(of: body))")
        }
        if let error = decoded.error, error != .null {
            throw .streamError(ServerErrorDetail.from(json: .object(["error": error])) ?? .init(message: "unknown"))
        }
        guard let choice = decoded.firstChoice else { throw noChoices }
        let message = choice.message ?? choice.delta
        var content = message?.content ?? ""
        if content.isEmpty, let refusal = message?.refusal { content = refusal }
        var reply = ChatReply(
            content: content, reasoning: message?.reasoning ?? "",
            finishReason: choice.finishReason.map(FinishReason.init), usage: decoded.usage, model: decoded.model)
        if let pieces = message?.toolCalls, !pieces.isEmpty {
            var calls = ToolCallAssembler()
            calls.add(pieces)
            reply.toolCalls = calls.result
        }
        return reply
    }
}
