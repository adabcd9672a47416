#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Which request field carries the reply length limit. OpenAI's reasoning models accept only
/// `max_completion_tokens`; Ollama reads only `max_tokens`.
public enum MaxTokensField: String, Sendable, Equatable {
    case maxTokens = "max_tokens"
    case maxCompletionTokens = "max_completion_tokens"
}
