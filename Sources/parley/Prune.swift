import ArgumentParser
import ChatREPL

/// `parley prune --older-than AGE`: deletes the sessions not updated since then.
struct Prune: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete the saved sessions last updated before an age or a date.",
        discussion: "On a terminal it asks first; otherwise --yes is needed.")

    @OptionGroup var options: IndexOptions

    @Option(
        name: .customLong("older-than"),
        help: ArgumentHelp("An age (90d, 12h, 2w) or a date (2026-11-01).", valueName: "age"))
    var olderThan: String

    @Flag(help: "Delete without asking.")
    var yes = false

    func run() throws {
        let (olderThan, yes) = (olderThan, yes)
        options.run { context in PruneCommand(context: context).run(olderThan: olderThan, yes: yes) }
    }
}
