/// What the executable hands the commands that read the saved sessions (`search`, `sessions`,
/// `show`, `export`, `rm`, `prune`, `index`): where the files are, the console, the time, and a
/// way to ask a yes/no question, which exists only when stdin is a terminal. No server, no key.
public struct IndexContext: Sendable {
    public var catalog: SessionCatalog
    public var console: Console
    /// Asks a question on the terminal and tells whether the answer was yes; nil without one.
    public var confirm: (@Sendable (String) -> Bool)?
    /// Seconds since 1970, for ages like `7d`.
    public var now: Double

    public init(
        catalog: SessionCatalog, console: Console, confirm: (@Sendable (String) -> Bool)?, now: Double
    ) {
        self.catalog = catalog
        self.console = console
        self.confirm = confirm
        self.now = now
    }

    /// A keeper of the index for one command.
    func keeper() -> IndexKeeper {
        IndexKeeper(catalog: catalog, console: console)
    }

    /// Runs a command's work; a failure is printed and becomes the exit status.
    func reporting(_ body: () throws(ParleyError) -> Void) -> ExitStatus {
        do throws(ParleyError) {
            try body()
        } catch {
            console.error(ErrorWording.words(for: error, context: nil))
            return error.exitStatus
        }
        if let failure = console.out.failure {
            console.error(.init(message: "the output could not be written: \(failure)"))
            return .failure
        }
        return .ok
    }

    /// Destroying something asks first on a terminal; elsewhere it needs `--yes`. False when
    /// the answer was no (nothing is done, and that is not an error).
    func approved(_ question: String, yes: Bool, command: String) throws(ParleyError) -> Bool {
        if yes { return true }
        guard let confirm else {
            throw .usage("\(command) deletes for good and there is no terminal to ask: add --yes to go ahead")
        }
        if confirm(question + " [y/N] ") { return true }
        console.say("nothing removed")
        return false
    }
}
