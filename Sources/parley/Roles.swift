import ArgumentParser
import ChatREPL

/// `parley roles`: the roles there are, each with its first line; built-ins marked.
struct Roles: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roles",
        abstract: "List the roles (roles/NAME.md in the config directory, and the built-in ones).",
        discussion: "Use one with parley -r NAME, or /role NAME in a chat.")

    @OptionGroup var options: IndexOptions

    func run() throws {
        var flags = CommandLineSettings()
        flags.color = options.color
        flags.configPath = options.config
        let startup = Startup(flags: flags)
        let environment = startup.environment
        startup.exit(
            startup.withIndexContext { context in
                let catalog = RoleCatalog(paths: Paths(environment: environment), environment: environment)
                return RolesCommand(catalog: catalog, console: context.console).run()
            })
    }
}
