/// `parley show SESSION`: a saved conversation as `/history` prints it.
public struct ShowCommand {
    let context: IndexContext

    public init(context: IndexContext) {
        self.context = context
    }

    public func run(session: String) -> ExitStatus {
        context.reporting { () throws(ParleyError) in
            let path = try context.catalog.resolve(session)
            let conversation = try SessionStore(directory: context.catalog.directory).load(path)
            let console = context.console
            let lines = HistoryText.whole(conversation, style: console.style)
            console.say(lines.isEmpty ? "the conversation is empty" : lines.joined(separator: "\n"))
        }
    }
}
