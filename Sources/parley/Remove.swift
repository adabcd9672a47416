import ArgumentParser
import ChatREPL

/// `parley rm SESSION [--turn N]`: deletes a session, or one exchange of it, and its text in the index.
struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: "Delete a saved session, or one exchange of it, and its text in the search index.",
        discussion: "On a terminal it asks first; otherwise --yes is needed.")

    @OptionGroup var options: IndexOptions

    @Option(help: ArgumentHelp("Delete only exchange N (a user message and its reply).", valueName: "n"))
    var turn: Int?

    @Flag(help: "Delete without asking.")
    var yes = false

    @Argument(help: "A session file, a file name in the sessions folder, or a number from the last listing.")
    var session: String

    func validate() throws {
        if let turn, turn < 1 { throw ValidationError("--turn takes an exchange's number, 1 or more; got \(turn)") }
    }

    func run() throws {
        let (session, turn, yes) = (session, turn, yes)
        options.run { context in RemoveCommand(context: context).run(session: session, turn: turn, yes: yes) }
    }
}
