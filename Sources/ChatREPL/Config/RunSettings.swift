import ChatClient
import Tools

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
    /// Replies rendered as Markdown on a terminal (config `markdown`, `--no-markdown`).
    public var markdown: Bool
    /// The dimmed status line after each reply on a terminal (config `status_line`).
    public var statusLine: Bool
    public var paths: Paths
    public var models: ModelTable
    public var maxCostPerSession: Double?
    public var proxy: ProxySettings?
    /// Where the model, the system prompt and each parameter came from (`/settings`).
    public var origins = SettingOrigins()
    /// The parameters of every level, so the per-model ones follow `/model`.
    public var parameterLayers = ParameterLayers()
    /// `--json` / `--schema`: the reply must be JSON (matching the schema), printed raw and checked.
    public var structured: StructuredOutput?
    /// Roles: the catalog, `-p` values, the role `-r` named (see `applyRole`).
    public var roles: RoleContext?
    /// Attachment limits and choices: config `attachments`, with `--image-detail` over it.
    public var attachments = AttachmentSettings()
    /// The config's tools and the tool problems found in it (issue 12).
    public var tools = ToolConfig()

    /// The session store of this run's paths.
    public var sessionStore: SessionStore {
        SessionStore(directory: paths.sessions, lastUsedFile: paths.lastSession)
    }
    /// Where the key comes from, or why none is sent: for messages, never the key itself.
    public var keyNote: String

    public var errorContext: ErrorWording.Context {
        ErrorWording.Context(
            baseURL: server.baseURL.description, model: conversation.model, keySent: server.apiKey != nil,
            keyNote: keyNote)
    }

    /// Runs a key command (`api_key_command`), stopped after the given seconds
    /// (`api_key_command_timeout`), and returns its standard output.
    public typealias CommandRunner = @Sendable (String, Double) throws(ParleyError) -> String

    /// How long `api_key_command` may take unless the config says otherwise, in seconds.
    public static let defaultKeyCommandTimeout = 10.0

    public static let azureDefaultAPIVersion = "2024-10-21"

    public static func resolve(
        flags: CommandLineSettings, environment: [String: String], runCommand: CommandRunner
    ) throws(ParleyError) -> RunSettings {
        let paths = Paths(environment: environment)
        let file = try ConfigFile.load(path: flags.configPath ?? paths.config, mustExist: flags.configPath != nil)
        var settings = try resolve(
            flags: flags, environment: environment, file: file, paths: paths, runCommand: runCommand)
        try settings.applyRole(flags: flags, environment: environment)  // -r NAME: Roles/RoleContext.swift
        return settings
    }

    public static func resolve(
        flags: CommandLineSettings, environment: [String: String], file: ConfigFile, paths: Paths,
        runCommand: CommandRunner = { _, _ throws(ParleyError) in throw .setup("key commands are not available here") }
    ) throws(ParleyError) -> RunSettings {
        var fields = file.fields
        var profileFields: ConfigFields?
        if let name = flags.profile ?? file.defaultProfile {
            guard let profile = file.profiles[name] else {
                let known = file.profiles.keys.sorted().joined(separator: ", ")
                throw .usage(
                    "no profile named '\(name)' in the config" + (known.isEmpty ? "" : " (profiles: \(known))"))
            }
            fields = fields.overlaid(by: profile)
            profileFields = profile
        }
        func env(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }

        let envBaseURL = env("OPENAI_BASE_URL")
        let baseURLText = flags.baseURL ?? envBaseURL ?? fields.baseURL ?? defaultBaseURL
        let baseURL: BaseURL
        do throws(BaseURL.Problem) {
            baseURL = try BaseURL(parsing: baseURLText)
        } catch {
            let source = flags.baseURL != nil ? "--base-url" : envBaseURL != nil ? "OPENAI_BASE_URL" : "base_url"
            throw flags.baseURL != nil
                ? .usage("\(source): \(error.message)") : .setup("\(source): \(error.message)")
        }

        let azure = fields.azureDeployment != nil
        let key = try resolveKey(
            flags: flags, fields: fields, file: file, baseURL: baseURL,
            baseURLFromEnvironment: envBaseURL != nil && flags.baseURL == nil,
            azure: azure, environment: environment, runCommand: runCommand)
        let apiKey = key.key
        let keyNote = key.note
        if apiKey != nil, !baseURL.isSecure, !baseURL.isLoopback, fields.allowInsecureHTTP != true {
            throw .setup(
                "refusing to send the API key to \(baseURL.host) over plain http, where anyone on the way can read it: "
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

        let model = flags.model ?? fields.model ?? defaultModel
        let (layers, parameters, origins) = ParameterLayers.resolve(
            flags: flags, file: file, profile: profileFields, model: model)
        let conversation = ConversationSettings(
            model: model, baseURL: baseURL.description,
            systemPrompt: flags.systemPrompt ?? fields.systemPrompt, parameters: parameters)
        let structured = try StructuredOutput.resolve(
            json: flags.json, schema: flags.schema, strict: baseURL.isOpenAI || baseURL.isAzure)
        var server = ServerSettings(
            baseURL: baseURL, apiKey: apiKey, keyHeader: azure ? .apiKey : .bearer, headers: headers,
            timeouts: timeouts,
            retry: RetryPolicy(maxRetries: fields.maxRetries ?? 2),
            limits: RateLimiter.Limits(
                requestsPerMinute: fields.requestsPerMinute, tokensPerMinute: fields.tokensPerMinute))
        if let megabytes = fields.maxReplyMB { server.maxReplyBytes = megabytes << 20 }
        if let seconds = fields.maxServerWait { server.maxServerWait = seconds }
        if let deployment = fields.azureDeployment {
            server.chatPath = "openai/deployments/\(deployment)/chat/completions"
            server.modelsPath = "openai/models"
            server.query = "api-version=\(fields.azureAPIVersion ?? azureDefaultAPIVersion)"
        }
        if let credentials = baseURL.credentials { Secrets.registerCredentials(credentials) }
        let proxy = try ProxyURL.resolve(baseURL: baseURL, configured: fields.proxy, environment: environment)
        let unknownTools = ToolCatalog(config: file.tools).unknown(flags.tools + flags.allowTools)
        if let name = unknownTools.first {
            if let problem = file.tools.problems.first(where: { $0.hasPrefix("tool '\(name)' ") }) {
                throw .config(path: file.path ?? paths.config, problem)
            }
            throw .usage("no tool named '\(name)' (tools: \(ToolCatalog(config: file.tools).namesList))")
        }
        var settings = RunSettings(
            conversation: conversation, server: server, stream: flags.noStream ? false : (fields.stream ?? true),
            color: flags.color ?? file.color ?? .auto, saveSessions: !flags.noSave && (file.saveSessions ?? true),
            historySize: file.historySize ?? 1000,
            markdown: !flags.noMarkdown && (file.markdown ?? true) && !flags.json && flags.schema == nil,
            statusLine: file.statusLine ?? true, paths: paths,
            models: ModelTable(
                entries: file.models, defaultContextLength: fields.contextLength ?? ModelTable.builtInContextLength),
            maxCostPerSession: fields.maxCostPerSession, proxy: proxy, origins: origins, parameterLayers: layers,
            // A structured reply is printed as the raw JSON it is, never rendered.
            structured: structured, keyNote: keyNote)
        settings.attachments = file.attachments
        if let detail = flags.imageDetail { settings.attachments.imageDetail = detail }
        settings.tools = file.tools
        return settings
    }
}
