import SessionIndex

/// `parley sessions`: the saved sessions, newest first, numbered like search hits.
public struct SessionsCommand {
    let context: IndexContext

    public init(context: IndexContext) {
        self.context = context
    }

    /// - Parameter limit: at most this many; nil lists them all.
    public func run(limit: Int?, json: Bool) -> ExitStatus {
        context.reporting { () throws(ParleyError) in
            let keeper = context.keeper()
            let sessions = try keeper.sessions(limit: limit)
            keeper.catalog.remember(sessions.map(\.path))
            let console = context.console
            if json {
                console.out.write(Listing.sessionsJSON(sessions))
            } else if sessions.isEmpty {
                console.notice("no saved sessions in \(context.catalog.directory)")
            } else {
                console.out.write(Listing.sessions(sessions, style: console.style))
            }
        }
    }
}
