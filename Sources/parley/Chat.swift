import ArgumentParser
import ChatClient
import ChatREPL

/// The default command: an interactive chat, or one prompt answered (SPEC section 1).
struct Chat: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Chat interactively, or answer one prompt (the default command).")

    @OptionGroup var options: CommonOptions

    @Option(
        help: ArgumentHelp("Resume FILE if it exists, else create it; every turn is saved to it.", valueName: "file"))
    var session: String?

    @Flag(name: [.customShort("c"), .customLong("continue")], help: "Resume the most recently used session.")
    var continueLast = false

    @Flag(
        name: [.customShort("x"), .customLong("extract")],
        help: "One-shot mode: print only the reply's first fenced code block.")
    var extractFirst = false

    @Flag(name: .customLong("extract-last"), help: "One-shot mode: print only the reply's last fenced code block.")
    var extractLast = false

    @Flag(help: "One-shot mode: print the reply's token usage and estimated cost to stderr.")
    var usage = false

    // Request parameters and structured output (issue 11)
    @Option(
        name: [.customShort("o"), .customLong("option")],
        help: ArgumentHelp(
            "Any request parameter, e.g. -o seed=42 -o 'stop=[\"END\"]' (repeatable; typed when known, JSON otherwise).",
            valueName: "key=value"))
    var parameterOptions: [String] = []

    @Flag(help: "Ask for a JSON object reply; it is printed raw and checked.")
    var json = false

    @Option(
        help: ArgumentHelp(
            "Ask for a reply matching a JSON schema: a file, JSON, or fields like 'name, age int, tags array: labels'.",
            valueName: "file|json|dsl"))
    var schema: String?
    @Option(
        name: [.customShort("r"), .customLong("role")],
        help: ArgumentHelp(
            "Apply a role (roles/NAME.md in the config directory; built in: shell, code).", valueName: "name"))
    var role: String?

    @Option(
        name: [.customShort("p"), .customLong("param")],
        help: ArgumentHelp("A role variable, for {{NAME}} in the role (repeatable).", valueName: "name=value"))
    var roleValues: [String] = []
    @Option(
        name: [.customShort("a"), .customLong("attach")],
        help: ArgumentHelp(
            "Attach a file, image, PDF, directory, glob or URL; - reads it from stdin (repeatable).",
            valueName: "path|url|-"))
    var attach: [String] = []

    @Option(
        name: .customLong("image-detail"),
        help: ArgumentHelp(
            "How closely a vision model looks at attached images: low, high or auto.", valueName: "level"))
    var imageDetail: String?

    // Tools (issue 12)
    @Option(
        name: [.customShort("T"), .customLong("tool")],
        help: ArgumentHelp(
            "Enable a tool for this run (repeatable): a config tool, a whole MCP server, shell or read_file.",
            valueName: "name"))
    var tools: [String] = []

    @Option(
        name: .customLong("allow-tool"),
        help: ArgumentHelp(
            "Run this tool without asking (repeatable); without a terminal, the only tools that run.",
            valueName: "name"))
    var allowTools: [String] = []

    @Argument(help: "The prompt (joined by spaces). With stdin piped too, stdin follows after a blank line.")
    var prompt: [String] = []

    /// The parsed values, as plain data.
    var arguments: ChatArguments {
        ChatArguments(
            common: options.arguments, session: session, continueLast: continueLast, extractFirst: extractFirst,
            extractLast: extractLast, usage: usage, parameterOptions: parameterOptions, json: json, schema: schema,
            role: role, roleValues: roleValues, attach: attach, imageDetail: imageDetail, tools: tools,
            allowTools: allowTools, prompt: prompt)
    }

    // `options` checks itself (ArgumentParser validates each option group), then this checks the rest.
    func validate() throws { try arguments.validate() }

    func run() async throws { await arguments.run() }
}
