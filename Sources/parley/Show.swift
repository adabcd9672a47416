import ArgumentParser
import ChatREPL

/// `parley show SESSION`: a saved conversation, as /history prints it.
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print a saved conversation.")

    @OptionGroup var options: IndexOptions

    @Argument(help: "A session file, a file name in the sessions folder, or a number from the last listing.")
    var session: String

    func run() throws {
        let session = session
        options.run { context in ShowCommand(context: context).run(session: session) }
    }
}
