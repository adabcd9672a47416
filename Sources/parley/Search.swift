import ArgumentParser
import ChatREPL
import SessionIndex

extension SearchQuery.Sort: ExpressibleByArgument {}

/// `parley search QUERY`: every saved conversation's messages, searched with FTS5.
struct Search: ParsableCommand {
    /// The roles `--role` accepts.
    enum Role: String, ExpressibleByArgument {
        case user
        case assistant
    }

    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search every saved conversation.",
        discussion: """
            QUERY is FTS5 syntax: words (any case, whole words), "a phrase", prefix*, AND, OR, NOT and \
            parentheses. The hits are numbered: parley show N, parley rm N and /open N take them up.
            """)

    @OptionGroup var options: IndexOptions

    @Option(help: "Order: best (the best match first) or newest.")
    var sort: SearchQuery.Sort = .best

    @Option(help: ArgumentHelp("Only replies of this model (a trailing * matches a prefix).", valueName: "name"))
    var model: String?

    @Option(help: ArgumentHelp("Only messages since an age (7d, 12h, 2w) or a date (2026-11-01).", valueName: "when"))
    var since: String?

    @Option(help: "Only user or only assistant messages.")
    var role: Role?

    @Option(help: "At most this many hits.")
    var limit = 20

    @Flag(help: "Print the hits as a JSON array.")
    var json = false

    @Argument(help: "What to look for (the words are joined by spaces).")
    var query: [String]

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit takes a number of hits, 1 or more; got \(limit)") }
        if query.joined().allSatisfy(\.isWhitespace) { throw ValidationError("give something to search for") }
    }

    func run() throws {
        let text = query.joined(separator: " ")
        let (sort, model, since, role, limit, json) = (sort, model, since, role, limit, json)
        options.run { context in
            var cutoff: String?
            if let since {
                do throws(ParleyError) {
                    cutoff = try TimeCutoff.parse(since, now: context.now, flag: "--since")
                } catch {
                    context.console.error(ErrorWording.words(for: error, context: nil))
                    return error.exitStatus
                }
            }
            let query = SearchQuery(
                text: text, sort: sort, model: model, since: cutoff, role: role?.rawValue, limit: limit)
            return SearchCommand(context: context).run(query, json: json)
        }
    }
}
