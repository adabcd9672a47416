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

    /// The parsed values, as plain data.
    var arguments: CommonArguments {
        CommonArguments(
            model: model, baseURL: baseURL, system: system, temperature: temperature, maxTokens: maxTokens,
            noSave: noSave, noStream: noStream, config: config, profile: profile, noMarkdown: noMarkdown, color: color,
            apiKeyEnv: apiKeyEnv)
    }

    func validate() throws { try arguments.validate() }

    /// What these options say, as the library reads it.
    var settings: CommandLineSettings { arguments.settings }
}
