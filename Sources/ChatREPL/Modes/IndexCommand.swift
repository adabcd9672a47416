import SessionIndex

/// `parley index`: brings the search index up to date and says what it holds; `--rebuild`
/// checks the whole file and makes it again from the session files.
public struct IndexCommand {
    let context: IndexContext

    public init(context: IndexContext) {
        self.context = context
    }

    public func run(rebuild: Bool) -> ExitStatus {
        context.reporting { () throws(ParleyError) in
            let keeper = context.keeper()
            let count = rebuild ? try keeper.rebuildAll() : try keeper.sessions(limit: nil).count
            let size = SessionCatalog.stamp(context.catalog.indexPath)?.size ?? 0
            let sessions = count == 1 ? "1 session" : "\(count) sessions"
            context.console.say(
                "\(rebuild ? "rebuilt " : "")\(context.catalog.indexPath): \(sessions), \(Listing.size(size))")
        }
    }
}
