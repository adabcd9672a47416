import ArgumentParser
import ChatREPL

/// `parley models`: the server's models, one a line.
struct Models: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models", abstract: "List the server's models (GET {base}/models).")

    @OptionGroup var options: CommonOptions

    func run() async throws {
        let startup = Startup(flags: options.settings)
        startup.exit(await startup.withContext { context in await ModelList(context: context).run() })
    }
}
