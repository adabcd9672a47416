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
        guard let choice = decoded.firstChoice else {
            throw .invalidResponse("the server's reply has no choices (is the base URL a chat completions API?)")
        }
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
