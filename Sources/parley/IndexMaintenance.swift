import ArgumentParser
import ChatREPL

/// `parley index [--rebuild]`: the search index brought up to date, or made again.
struct IndexMaintenance: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Bring the search index up to date and say what it holds; --rebuild makes it again.")

    @OptionGroup var options: IndexOptions

    @Flag(help: "Check the whole index file and make it again from the session files.")
    var rebuild = false

    func run() throws {
        let rebuild = rebuild
        options.run { context in IndexCommand(context: context).run(rebuild: rebuild) }
    }
}
