import ArgumentParser
import ChatREPL

/// The options of the commands that read the saved sessions (`search`, `sessions`, `show`,
/// `export`, `rm`, `prune`, `index`): how to print, and which config says so. They talk to no
/// server, so the server's options are not theirs.
struct IndexOptions: ParsableArguments {
    @Option(help: "Color: auto, always or never.")
    var color: ColorMode?

    @Option(help: ArgumentHelp("Config file (default: $XDG_CONFIG_HOME/parley/config.json).", valueName: "file"))
    var config: String?

    /// Runs a command with what it needs from the environment and the terminals.
    func run(_ body: (IndexContext) -> ExitStatus) -> Never {
        var flags = CommandLineSettings()
        flags.color = color
        flags.configPath = config
        let startup = Startup(flags: flags)
        startup.exit(startup.withIndexContext(body))
    }
}
