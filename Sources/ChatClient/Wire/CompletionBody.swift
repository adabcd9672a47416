#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A chat completion or one streamed chunk of it, decoded leniently: unknown fields are
/// ignored, every field may be missing, `choices` may be empty, and fields of an unexpected
/// type are taken as missing rather than failing the whole reply.
struct CompletionBody: Decodable {
    var choices: [Choice]
    var usage: Usage?
    var model: String?
    var error: JSONValue?

    struct Choice: Decodable {
        var index: Int
        var message: Message?
        var delta: Message?
        var finishReason: String?

        private enum CodingKeys: String, CodingKey {
            case index, message, delta
            case finishReason = "finish_reason"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            index = (try? container.decodeIfPresent(Int.self, forKey: .index)) ?? 0
            message = try? container.decodeIfPresent(Message.self, forKey: .message)
            delta = try? container.decodeIfPresent(Message.self, forKey: .delta)
            finishReason = try? container.decodeIfPresent(String.self, forKey: .finishReason)
        }
    }

    struct Message: Decodable {
        var content: String?
        var reasoning: String?
        var refusal: String?
        var toolCalls: [ToolCallDelta]?

        private enum CodingKeys: String, CodingKey {
            case content, reasoning, refusal
            case toolCalls = "tool_calls"
            case reasoningContent = "reasoning_content"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            content = try? container.decodeIfPresent(String.self, forKey: .content)
            // llama.cpp and older vLLM say `reasoning_content`; Ollama, OpenRouter and vLLM `reasoning`.
            reasoning =
                (try? container.decodeIfPresent(String.self, forKey: .reasoningContent))
                ?? (try? container.decodeIfPresent(String.self, forKey: .reasoning))
            refusal = try? container.decodeIfPresent(String.self, forKey: .refusal)
            toolCalls = try? container.decodeIfPresent([ToolCallDelta].self, forKey: .toolCalls)
        }
    }

    private enum CodingKeys: String, CodingKey { case choices, usage, model, error }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        choices = (try? container.decodeIfPresent([Choice].self, forKey: .choices)) ?? []
        usage = try? container.decodeIfPresent(Usage.self, forKey: .usage)
        model = try? container.decodeIfPresent(String.self, forKey: .model)
        error = try? container.decodeIfPresent(JSONValue.self, forKey: .error)
    }

    /// The first choice: Parley asks for one (`n` is never sent).
    var firstChoice: Choice? { choices.first { $0.index == 0 } ?? choices.first }
}
