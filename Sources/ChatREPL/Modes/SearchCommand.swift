import SessionIndex

/// `parley search QUERY` (and `/search`): the matching messages of every saved conversation,
/// numbered, so that `parley show 2` or `/open 2` can take one up.
public struct SearchCommand {
    let context: IndexContext

    public init(context: IndexContext) {
        self.context = context
    }

    public func run(_ query: SearchQuery, json: Bool) -> ExitStatus {
        context.reporting { () throws(ParleyError) in
            _ = try Self.search(query, json: json, keeper: context.keeper(), console: context.console)
        }
    }

    /// Searches, prints the hits and keeps them as the last listing; returns their files.
    static func search(_ query: SearchQuery, json: Bool, keeper: IndexKeeper, console: Console) throws(ParleyError)
        -> [String]
    {
        let hits = try keeper.search(query, highlight: Listing.highlight)
        let paths = hits.map(\.path)
        keeper.catalog.remember(paths)
        if json {
            console.out.write(Listing.hitsJSON(hits))
        } else if hits.isEmpty {
            console.notice("no messages match \(query.text)")
        } else {
            console.out.write(Listing.hits(hits, style: console.style))
        }
        return paths
    }
}
