import ChatClient

/// When to use color and the spinner.
public enum ColorMode: String, Sendable, Equatable, CaseIterable {
    case auto, always, never
}

/// What the command line said. `nil` means "not given", so lower levels apply.
public struct CommandLineSettings: Sendable, Equatable {
    public var model: String?
    public var baseURL: String?
    public var systemPrompt: String?
    public var temperature: Double?
    public var maxTokens: Int?
    public var noStream = false
    public var configPath: String?
    public var profile: String?
    public var color: ColorMode?
    public var apiKeyEnv: String?
    public var sessionPath: String?
    public var continueLast = false
    public var noSave = false
    /// One-shot mode: print the reply's token usage and cost to stderr.
    public var showUsage = false

    public init() {}
}

/// The conversation's own settings: what the slash-commands change, what a session saves.
public struct ConversationSettings: Codable, Sendable, Equatable {
    public var model: String
    public var baseURL: String?
    public var systemPrompt: String?
    public var temperature: Double?
    public var maxTokens: Int?

    public init(
        model: String, baseURL: String? = nil, systemPrompt: String? = nil, temperature: Double? = nil,
        maxTokens: Int? = nil
    ) {
        self.model = model
        self.baseURL = baseURL
        self.systemPrompt = systemPrompt
        self.temperature = temperature
        self.maxTokens = maxTokens
    }

    private enum CodingKeys: String, CodingKey {
        case model
        case baseURL = "base_url"
        case systemPrompt = "system_prompt"
        case temperature
        case maxTokens = "max_tokens"
    }
}

/// Where Parley keeps its files (XDG base directories).
public struct Paths: Sendable, Equatable {
    public var config: String
    public var sessions: String
    public var history: String
    /// Names the session used last, for `-c`.
    public var lastSession: String

    public init(environment: [String: String]) {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        func base(_ variable: String, _ fallback: String) -> String {
            if let value = environment[variable], value.hasPrefix("/") { return value }
            return home + "/" + fallback
        }
        config = base("XDG_CONFIG_HOME", ".config") + "/parley/config.json"
        sessions = base("XDG_DATA_HOME", ".local/share") + "/parley/sessions"
        history = base("XDG_STATE_HOME", ".local/state") + "/parley/history"
        lastSession = base("XDG_STATE_HOME", ".local/state") + "/parley/last-session"
    }
}

/// Everything a run needs, resolved once: flag > environment > profile > config file > default.
public struct RunSettings: Sendable {
    public static let defaultModel = "gpt-4o-mini"
    public static let defaultBaseURL = "https://api.openai.com/v1"
    public static let version = "0.1.0"

    public var conversation: ConversationSettings
    public var server: ServerSettings
    public var stream: Bool
    public var color: ColorMode
    public var saveSessions: Bool
    public var historySize: Int
    public var paths: Paths
    public var models: ModelTable
    public var maxCostPerSession: Double?

    /// The session store of this run's paths.
    public var sessionStore: SessionStore {
        SessionStore(directory: paths.sessions, lastUsedFile: paths.lastSession)
    }
    /// Where the key comes from, or why none is sent: for messages, never the key itself.
    public var keyNote: String

    public var errorContext: ErrorWording.Context {
        ErrorWording.Context(
            baseURL: server.baseURL, model: conversation.model, keySent: server.apiKey != nil, keyNote: keyNote)
    }

    public static func resolve(
        flags: CommandLineSettings, environment: [String: String]
    ) throws(ParleyError) -> RunSettings {
        let paths = Paths(environment: environment)
        let file = try ConfigFile.load(path: flags.configPath ?? paths.config, mustExist: flags.configPath != nil)
        return try resolve(flags: flags, environment: environment, file: file, paths: paths)
    }

    public static func resolve(
        flags: CommandLineSettings, environment: [String: String], file: ConfigFile, paths: Paths
    ) throws(ParleyError) -> RunSettings {
        var fields = file.fields
        if let name = flags.profile ?? file.defaultProfile {
            guard let profile = file.profiles[name] else {
                let known = file.profiles.keys.sorted().joined(separator: ", ")
                throw .usage(
                    "no profile named '\(name)' in the config" + (known.isEmpty ? "" : " (profiles: \(known))"))
            }
            fields = fields.overlaid(by: profile)
        }
        func env(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }

        let envBaseURL = env("OPENAI_BASE_URL")
        let baseURL = flags.baseURL ?? envBaseURL ?? fields.baseURL ?? defaultBaseURL
        if let problem = BaseURL.problem(baseURL) {
            let source = flags.baseURL != nil ? "--base-url" : envBaseURL != nil ? "OPENAI_BASE_URL" : "base_url"
            throw flags.baseURL != nil ? .usage("\(source): \(problem)") : .setup("\(source): \(problem)")
        }
        let host = BaseURL.host(baseURL)

        // The key: a named variable if the config or a flag names one; OPENAI_API_KEY only for
        // OpenAI's own host or a base URL that also came from the environment.
        var apiKey: String?
        var keyNote: String
        if let name = flags.apiKeyEnv ?? fields.apiKeyEnv {
            guard let key = env(name) else {
                throw .setup("the API key variable \(name) (from api_key_env or --api-key-env) is not set")
            }
            apiKey = key
            keyNote = "the key comes from \(name)"
        } else if let key = env("OPENAI_API_KEY") {
            if host == "api.openai.com" || (envBaseURL != nil && flags.baseURL == nil) {
                apiKey = key
                keyNote = "the key comes from OPENAI_API_KEY"
            } else {
                keyNote =
                    "OPENAI_API_KEY is not sent to \(host); to send it, set \"api_key_env\": \"OPENAI_API_KEY\" in the config or pass --api-key-env OPENAI_API_KEY"
            }
        } else {
            keyNote = "no API key is set; OPENAI_API_KEY or the config's api_key_env names one"
        }
        if apiKey == nil, host == "api.openai.com" {
            throw .setup(
                "no API key for \(host): set one with `export OPENAI_API_KEY=sk-…` (or name another variable with \"api_key_env\" in the config); for a local server, give its address with --base-url or OPENAI_BASE_URL"
            )
        }

        var headers: [(name: String, value: String)] = [("User-Agent", "parley/\(version) (Swift; Linux)")]
        if let organization = env("OPENAI_ORG_ID") ?? fields.organization {
            headers.append(("OpenAI-Organization", organization))
        }
        if let project = env("OPENAI_PROJECT_ID") ?? fields.project { headers.append(("OpenAI-Project", project)) }
        for (name, value) in (fields.headers ?? [:]).sorted(by: { $0.key < $1.key }) { headers.append((name, value)) }

        var timeouts = Timeouts()
        timeouts.connect = fields.connectTimeout ?? timeouts.connect
        timeouts.firstByte = fields.firstByteTimeout ?? timeouts.firstByte
        timeouts.idle = fields.idleTimeout ?? timeouts.idle

        let conversation = ConversationSettings(
            model: flags.model ?? fields.model ?? defaultModel, baseURL: baseURL,
            systemPrompt: flags.systemPrompt ?? fields.systemPrompt,
            temperature: flags.temperature ?? fields.temperature,
            maxTokens: flags.maxTokens ?? fields.maxTokens)
        let server = ServerSettings(
            baseURL: baseURL, apiKey: apiKey, headers: headers, timeouts: timeouts,
            retry: RetryPolicy(maxRetries: fields.maxRetries ?? 2),
            limits: RateLimiter.Limits(
                requestsPerMinute: fields.requestsPerMinute, tokensPerMinute: fields.tokensPerMinute))
        return RunSettings(
            conversation: conversation, server: server, stream: flags.noStream ? false : (fields.stream ?? true),
            color: flags.color ?? file.color ?? .auto, saveSessions: !flags.noSave && (file.saveSessions ?? true),
            historySize: file.historySize ?? 1000, paths: paths,
            models: ModelTable(
                entries: file.models, defaultContextLength: fields.contextLength ?? ModelTable.builtInContextLength),
            maxCostPerSession: fields.maxCostPerSession, keyNote: keyNote)
    }
}

/// Checks on a base URL.
public enum BaseURL {
    /// What is wrong with a base URL, or `nil` when it is usable.
    public static func problem(_ url: String) -> String? {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
            return "expected a URL starting with http:// or https:// (e.g. http://localhost:11434/v1), got \"\(url)\""
        }
        if url.contains(where: { $0 == " " || $0 == "\n" || $0 == "\t" }) { return "a URL cannot contain spaces" }
        if host(url).isEmpty { return "the URL \"\(url)\" has no host" }
        return nil
    }

    /// The host part, without user, port or path.
    public static func host(_ url: String) -> String {
        let parts = url.split(separator: "://", maxSplits: 1)
        guard parts.count == 2 else { return "" }
        var authority = Substring(parts[1].prefix { $0 != "/" && $0 != "?" && $0 != "#" })
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        if authority.hasPrefix("[") { return String(authority.prefix { $0 != "]" }.dropFirst()) }
        return String(authority.prefix { $0 != ":" }).lowercased()
    }
}
