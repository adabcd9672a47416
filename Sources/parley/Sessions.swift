import ArgumentParser
import ChatREPL

/// `parley sessions`: the saved sessions, newest first, numbered.
struct Sessions: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "List the saved sessions, newest first.",
        discussion: "The sessions are numbered: parley show N, parley rm N and /open N take them up.")

    @OptionGroup var options: IndexOptions

    @Option(help: "At most this many (0: all).")
    var limit = 20

    @Flag(help: "Print the list as a JSON array.")
    var json = false

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit takes a number of sessions, or 0 for all; got \(limit)") }
    }

    func run() throws {
        let (limit, json) = (limit, json)
        options.run { context in SessionsCommand(context: context).run(limit: limit == 0 ? nil : limit, json: json) }
    }
}
