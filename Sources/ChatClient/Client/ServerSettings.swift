/// Where requests go and how they are signed.
public struct ServerSettings: Sendable {
    public enum KeyHeader: Sendable, Equatable {
        /// `Authorization: Bearer KEY`
        case bearer
        /// `api-key: KEY` (Azure OpenAI)
        case apiKey
    }

    /// The API base, `…/v1` included; `/chat/completions` is appended.
    public var baseURL: BaseURL
    /// Secret: never printed, logged or saved.
    public var apiKey: String?
    public var keyHeader: KeyHeader
    /// Organization, project, User-Agent and per-profile headers.
    public var headers: [(name: String, value: String)]
    /// Query items appended to every URL (Azure's `api-version`).
    public var query: String?
    public var timeouts: Timeouts
    public var retry: RetryPolicy
    public var limits: RateLimiter.Limits
    /// The path of chat completions below the base URL (Azure's deployments differ).
    public var chatPath: String
    /// The most a reply may be, in bytes as received: past it the reply is stopped, the part
    /// received kept. A server that never ends cannot fill the memory.
    public var maxReplyBytes = 64 << 20
    /// The longest wait a server may ask for, in seconds: a `Retry-After` asking for more is not
    /// retried, a rate-limit reset further away is cut to it. Parley never sleeps as long as
    /// any server says.
    public var maxServerWait: Double {
        get { retry.maxRetryAfter }
        set { retry.maxRetryAfter = newValue }
    }
    public var modelsPath: String

    public init(
        baseURL: BaseURL, apiKey: String? = nil, keyHeader: KeyHeader = .bearer,
        headers: [(name: String, value: String)] = [], query: String? = nil, timeouts: Timeouts = Timeouts(),
        retry: RetryPolicy = RetryPolicy(), limits: RateLimiter.Limits = .init(),
        chatPath: String = "chat/completions", modelsPath: String = "models"
    ) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.keyHeader = keyHeader
        self.headers = headers
        self.query = query
        self.timeouts = timeouts
        self.retry = retry
        self.limits = limits
        self.chatPath = chatPath
        self.modelsPath = modelsPath
    }

    /// OpenAI's own API wants `max_completion_tokens` (its reasoning models refuse
    /// `max_tokens`); other servers read `max_tokens` (Ollama ignores the other).
    public var maxTokensField: MaxTokensField {
        baseURL.isOpenAI || baseURL.isAzure ? .maxCompletionTokens : .maxTokens
    }

    /// The URL of a path below the base (its `/v1` kept), with the query added.
    public func url(_ path: String) -> String {
        baseURL.url(path, query: query)
    }
}
