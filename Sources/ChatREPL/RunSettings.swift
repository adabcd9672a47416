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
    /// The servers' model lists, for Tab completion.
    public var modelCache: String

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
        modelCache = base("XDG_STATE_HOME", ".local/state") + "/parley/models.json"
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
    public var proxy: ProxySettings?

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

    /// Runs a key command (`api_key_command`) and returns its standard output.
    public typealias CommandRunner = @Sendable (String) throws(ParleyError) -> String

    public static let azureDefaultAPIVersion = "2024-10-21"

    public static func resolve(
        flags: CommandLineSettings, environment: [String: String], runCommand: CommandRunner
    ) throws(ParleyError) -> RunSettings {
        let paths = Paths(environment: environment)
        let file = try ConfigFile.load(path: flags.configPath ?? paths.config, mustExist: flags.configPath != nil)
        return try resolve(flags: flags, environment: environment, file: file, paths: paths, runCommand: runCommand)
    }

    public static func resolve(
        flags: CommandLineSettings, environment: [String: String], file: ConfigFile, paths: Paths,
        runCommand: CommandRunner = { _ throws(ParleyError) in throw .setup("key commands are not available here") }
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

        let azure = fields.azureDeployment != nil
        let key = try resolveKey(
            flags: flags, fields: fields, file: file, host: host,
            baseURLFromEnvironment: envBaseURL != nil && flags.baseURL == nil,
            azure: azure, environment: environment, runCommand: runCommand)
        let apiKey = key.key
        let keyNote = key.note
        if apiKey != nil, baseURL.lowercased().hasPrefix("http://"), !BaseURL.isLoopback(host),
            fields.allowInsecureHTTP != true
        {
            throw .setup(
                "refusing to send the API key to \(host) over plain http, where anyone on the way can read it: "
                    + "use https, or set \"allow_insecure_http\": true for this server in the config")
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
        var server = ServerSettings(
            baseURL: baseURL, apiKey: apiKey, keyHeader: azure ? .apiKey : .bearer, headers: headers,
            timeouts: timeouts,
            retry: RetryPolicy(maxRetries: fields.maxRetries ?? 2),
            limits: RateLimiter.Limits(
                requestsPerMinute: fields.requestsPerMinute, tokensPerMinute: fields.tokensPerMinute))
        if let deployment = fields.azureDeployment {
            server.chatPath = "openai/deployments/\(deployment)/chat/completions"
            server.modelsPath = "openai/models"
            server.query = "api-version=\(fields.azureAPIVersion ?? azureDefaultAPIVersion)"
        }
        let proxy = try ProxyURL.resolve(baseURL: baseURL, configured: fields.proxy, environment: environment)
        return RunSettings(
            conversation: conversation, server: server, stream: flags.noStream ? false : (fields.stream ?? true),
            color: flags.color ?? file.color ?? .auto, saveSessions: !flags.noSave && (file.saveSessions ?? true),
            historySize: file.historySize ?? 1000, paths: paths,
            models: ModelTable(
                entries: file.models, defaultContextLength: fields.contextLength ?? ModelTable.builtInContextLength),
            maxCostPerSession: fields.maxCostPerSession, proxy: proxy, keyNote: keyNote)
    }
}

extension RunSettings {
    /// The key and where it came from. A key source named by a flag or the config goes to any
    /// host; OPENAI_API_KEY only to OpenAI's own host or to a base URL that also came from the
    /// environment. Hosts that need a key (OpenAI, Azure) without one are refused.
    static func resolveKey(
        flags: CommandLineSettings, fields: ConfigFields, file: ConfigFile, host: String,
        baseURLFromEnvironment: Bool, azure: Bool, environment: [String: String], runCommand: CommandRunner
    ) throws(ParleyError) -> (key: String?, note: String) {
        func env(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let source = flags.apiKeyEnv.map(KeySource.environment) ?? fields.keySource
        var key: String?
        var note: String
        switch source {
        case .environment(let name):
            guard let value = env(name) else {
                throw .setup("the API key variable \(name) (from api_key_env or --api-key-env) is not set")
            }
            (key, note) = (value, "the key comes from \(name)")
        case .file(let path):
            let expanded = path.hasPrefix("~/") ? (env("HOME") ?? "") + path.dropFirst() : path
            guard let mode = FileSystem.permissions(expanded) else {
                throw .setup("api_key_file \(expanded) cannot be read (no such file?)")
            }
            if mode & 0o044 != 0 {
                throw .setup(
                    "api_key_file \(expanded) can be read by other users (mode \(String(mode, radix: 8))); "
                        + "run `chmod 600 \(expanded)` first")
            }
            let bytes: [UInt8]
            do {
                bytes = try FileSystem.read(expanded)
            } catch {
                throw .setup("api_key_file \(expanded) cannot be read")
            }
            let value = String(decoding: bytes, as: UTF8.self).strippedOfWhitespace
            guard !value.isEmpty else { throw .setup("api_key_file \(expanded) is empty") }
            (key, note) = (value, "the key comes from the file \(expanded)")
        case .command(let command):
            let value = try runCommand(command).strippedOfWhitespace
            guard !value.isEmpty, !value.contains("\n") else {
                throw .setup("api_key_command `\(command)` printed \(value.isEmpty ? "nothing" : "more than one line")")
            }
            (key, note) = (value, "the key comes from the command `\(command)`")
        case .literal(let value):
            if file.readableByOthers {
                throw .setup(
                    "the config file \(file.path ?? "") holds an API key but other users can read it; "
                        + "run `chmod 600 \(file.path ?? "FILE")`, or use api_key_env, api_key_file or api_key_command")
            }
            (key, note) = (value, "the key comes from the config file")
        case nil:
            let variable = azure ? "AZURE_OPENAI_API_KEY" : "OPENAI_API_KEY"
            if let value = env(variable) {
                if azure || host == "api.openai.com" || baseURLFromEnvironment {
                    (key, note) = (value, "the key comes from \(variable)")
                } else {
                    note =
                        "\(variable) is not sent to \(host); to send it, set \"api_key_env\": \"\(variable)\" in the config or pass --api-key-env \(variable)"
                }
            } else {
                note =
                    "no API key is set; \(variable), or the config's api_key_env, api_key_file or api_key_command gives one"
            }
        }
        if key == nil, host == "api.openai.com" || host.hasSuffix(".openai.azure.com") {
            let variable = azure ? "AZURE_OPENAI_API_KEY" : "OPENAI_API_KEY"
            throw .setup(
                "no API key for \(host): set one with `export \(variable)=…` (or give it in the config with api_key_env, "
                    + "api_key_file or api_key_command); for a local server, give its address with --base-url or OPENAI_BASE_URL"
            )
        }
        return (key, note)
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

    /// This machine: localhost, 127.0.0.0/8, ::1.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host.hasSuffix(".localhost") || host.hasPrefix("127.") || host == "::1"
            || host == "0:0:0:0:0:0:0:1"
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
