import ArgumentParser
import ChatREPL

#if canImport(Glibc)
    import Glibc
#endif

extension ColorMode: ExpressibleByArgument {}

/// The command line of SPEC section 2. It parses and hands over to `Launcher`.
@main
struct Parley: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley",
        abstract: "Chat with OpenAI-compatible models in the terminal, or answer one prompt from a script.",
        discussion: """
            With no prompt and stdin a terminal, Parley starts an interactive chat (/help lists its \
            commands). Otherwise it sends one prompt (the arguments, then stdin) and prints the reply.
            Environment: OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_ORG_ID, OPENAI_PROJECT_ID, NO_COLOR, \
            XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_STATE_HOME.
            """,
        version: RunSettings.version)

    @Option(name: .shortAndLong, help: "Model id (config \"model\").")
    var model: String?

    @Option(name: .customLong("base-url"), help: "API base, e.g. http://localhost:11434/v1 (env OPENAI_BASE_URL).")
    var baseURL: String?

    @Option(name: .shortAndLong, help: "System prompt (config \"system_prompt\").")
    var system: String?

    @Option(name: .shortAndLong, help: "Sampling temperature, 0 to 2 (config \"temperature\").")
    var temperature: Double?

    @Option(name: .customLong("max-tokens"), help: "Reply length limit in tokens (config \"max_tokens\").")
    var maxTokens: Int?

    @Option(
        help: ArgumentHelp("Resume FILE if it exists, else create it; every turn is saved to it.", valueName: "file"))
    var session: String?

    @Flag(name: [.customShort("c"), .customLong("continue")], help: "Resume the most recently used session.")
    var continueLast = false

    @Flag(name: .customLong("no-save"), help: "Keep nothing on disk for this run.")
    var noSave = false

    @Flag(name: .customLong("no-stream"), help: "Wait for the whole reply instead of streaming it.")
    var noStream = false

    @Option(help: ArgumentHelp("Config file (default: $XDG_CONFIG_HOME/parley/config.json).", valueName: "file"))
    var config: String?

    @Option(help: "Apply a named profile from the config.")
    var profile: String?

    @Option(help: "Color and spinner: auto, always or never.")
    var color: ColorMode?

    @Flag(help: "One-shot mode: print the reply's token usage and estimated cost to stderr.")
    var usage = false

    @Option(
        name: .customLong("api-key-env"),
        help: ArgumentHelp(
            "Read the API key from this environment variable and send it to any host.", valueName: "name"))
    var apiKeyEnv: String?

    @Argument(help: "The prompt (joined by spaces). With stdin piped too, stdin follows after a blank line.")
    var prompt: [String] = []

    func validate() throws {
        if let temperature, !(temperature.isFinite && (0...2).contains(temperature)) {
            throw ValidationError("--temperature takes a number from 0 to 2, got \(temperature)")
        }
        if let maxTokens, maxTokens < 1 {
            throw ValidationError("--max-tokens takes a whole number above 0, got \(maxTokens)")
        }
        if session != nil, continueLast {
            throw ValidationError("--session and --continue cannot be used together")
        }
        if noSave, session != nil || continueLast {
            throw ValidationError("--no-save cannot be used with --session or --continue")
        }
    }

    func run() async throws {
        var flags = CommandLineSettings()
        flags.model = model
        flags.baseURL = baseURL
        flags.systemPrompt = system
        flags.temperature = temperature
        flags.maxTokens = maxTokens
        flags.noStream = noStream
        flags.configPath = config
        flags.profile = profile
        flags.color = color
        flags.apiKeyEnv = apiKeyEnv
        flags.sessionPath = session
        flags.continueLast = continueLast
        flags.noSave = noSave
        flags.showUsage = usage
        let status = await Launcher(flags: flags, promptWords: prompt).run()
        Glibc.exit(status.rawValue)
    }
}
