import ArgumentParser
import ChatClient
import ChatREPL

extension ColorMode: ExpressibleByArgument {}

/// The options every command takes: which server, which config, which model, and how to print.
struct CommonOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Model id (config \"model\").")
    var model: String?

    @Option(name: .customLong("base-url"), help: "API base, e.g. http://localhost:11434/v1 (env OPENAI_BASE_URL).")
    var baseURL: String?

    @Option(name: .shortAndLong, help: "System prompt (config \"system_prompt\").")
    var system: String?

    @Option(name: .shortAndLong, help: "Sampling temperature, 0 to 2 (config \"temperature\").")
    var temperature: String?

    @Option(name: .customLong("max-tokens"), help: "Reply length limit in tokens (config \"max_tokens\").")
    var maxTokens: String?

    @Flag(name: .customLong("no-save"), help: "Keep nothing on disk for this run.")
    var noSave = false

    @Flag(name: .customLong("no-stream"), help: "Wait for the whole reply instead of streaming it.")
    var noStream = false

    @Option(help: ArgumentHelp("Config file (default: $XDG_CONFIG_HOME/parley/config.json).", valueName: "file"))
    var config: String?

    @Option(help: "Apply a named profile from the config.")
    var profile: String?

    @Flag(
        name: .customLong("no-markdown"), help: "Print replies as plain text on a terminal too (config \"markdown\").")
    var noMarkdown = false

    @Option(help: "Color and spinner: auto, always or never.")
    var color: ColorMode?

    @Option(
        name: .customLong("api-key-env"),
        help: ArgumentHelp(
            "Read the API key from this environment variable and send it to any host.", valueName: "name"))
    var apiKeyEnv: String?

    func validate() throws {
        for (flag, spec, text) in [
            ("--temperature", ParameterSpec.temperature, temperature),
            ("--max-tokens", ParameterSpec.maxTokens, maxTokens),
        ] {
            if let text, spec.value(parsing: text) == nil {
                throw ValidationError("\(flag) takes \(spec.accepted), got \(text)")
            }
        }
    }

    /// What these options say, as the library reads it.
    var settings: CommandLineSettings {
        var flags = CommandLineSettings()
        flags.model = model
        flags.baseURL = baseURL
        flags.systemPrompt = system
        for (spec, text) in [(ParameterSpec.temperature, temperature), (ParameterSpec.maxTokens, maxTokens)] {
            if let text, let value = spec.value(parsing: text) { flags.parameters[spec.name] = value }
        }
        flags.noStream = noStream
        flags.configPath = config
        flags.profile = profile
        flags.color = color
        flags.apiKeyEnv = apiKeyEnv
        flags.noSave = noSave
        flags.noMarkdown = noMarkdown
        return flags
    }
}
