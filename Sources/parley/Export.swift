import ArgumentParser
import ChatREPL

extension ExportCommand.Format: ExpressibleByArgument {}

/// `parley export SESSION --format md|json`: a saved conversation as Markdown or as the API's messages.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a saved conversation to stdout as Markdown or as the API's message list (JSON).")

    @OptionGroup var options: IndexOptions

    @Option(help: "md (Markdown) or json (the messages as the API takes them).")
    var format: ExportCommand.Format = .md

    @Argument(help: "A session file, a file name in the sessions folder, or a number from the last listing.")
    var session: String

    func run() throws {
        let (session, format) = (session, format)
        options.run { context in ExportCommand(context: context).run(session: session, format: format) }
    }
}
