import ChatClient

/// What the server is known to do with attachments, from its base URL: OpenAI and OpenRouter
/// take PDF `file` parts; Ollama does not fetch image URLs (OpenAI, vLLM and llama.cpp do).
public struct AttachmentServer: Sendable, Equatable {
    /// Takes `{"type":"file"}` parts with a PDF's bytes.
    public var takesFileParts: Bool
    /// Downloads an `image_url` that is an http(s) URL itself.
    public var fetchesImageURLs: Bool
    /// The host, for messages.
    public var host: String

    public init(takesFileParts: Bool, fetchesImageURLs: Bool, host: String) {
        self.takesFileParts = takesFileParts
        self.fetchesImageURLs = fetchesImageURLs
        self.host = host
    }

    /// - Parameter inlineURLs: the config's `inline_urls`, which wins when set.
    public init(baseURL: BaseURL, inlineURLs: Bool? = nil) {
        host = baseURL.host
        takesFileParts = baseURL.isOpenAI || baseURL.host == "openrouter.ai" || baseURL.host.hasSuffix(".openrouter.ai")
        let ollama = baseURL.port == 11434 || baseURL.host.contains("ollama")
        fetchesImageURLs = inlineURLs.map { !$0 } ?? !ollama
    }
}
