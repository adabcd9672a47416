import SessionIndex
import Testing

@Suite("Search")
struct SearchTests {
    /// Three conversations with distinct words.
    static let conversations = [
        session(
            "rebase", title: "Git rebase", updated: "2026-03-01T10:00:00Z", model: "gpt-4o",
            [
                message(1, "system", "you are a git expert", at: "2026-03-01T09:00:00Z"),
                message(1, "user", "how does git rebase work", at: "2026-03-01T09:00:00Z"),
                message(
                    1, "assistant", "rebase replays your commits onto another base; an interactive rebase can squash",
                    at: "2026-03-01T09:00:10Z", model: "gpt-4o"),
                message(2, "user", "and what about a merge conflict", at: "2026-03-01T09:05:00Z"),
                message(
                    2, "assistant", "fix each conflicted file, then run git rebase --continue",
                    at: "2026-03-01T09:05:10Z", model: "gpt-4o"),
            ]),
        session(
            "actors", title: "Swift actors", updated: "2026-02-01T10:00:00Z", model: "claude-sonnet-4",
            [
                message(1, "user", "explain swift actors", at: "2026-02-01T09:00:00Z"),
                message(
                    1, "assistant", "actors protect mutable state from data races", at: "2026-02-01T09:00:10Z",
                    model: "claude-sonnet-4"),
                message(2, "user", "can two actors merge", at: "2026-02-01T09:10:00Z"),
                message(
                    2, "assistant", "no, but one may await the other", at: "2026-02-01T09:10:10Z",
                    model: "claude-sonnet-4"),
            ]),
        session(
            "soup", title: "Soup", updated: "2025-12-01T10:00:00Z", model: "gpt-4o-mini",
            [
                message(1, "user", "a recipe for tomato soup", at: "2025-12-01T09:00:00Z"),
                message(
                    1, "assistant", "roast the tomatoes with garlic, blend, and serve it as in a café",
                    at: "2025-12-01T09:00:10Z", model: "gpt-4o-mini"),
            ]),
    ]

    @Test(arguments: [
        ("rebase", ["rebase:1:user", "rebase:1:assistant", "rebase:2:assistant"]),
        ("REBASE", ["rebase:1:user", "rebase:1:assistant", "rebase:2:assistant"]),
        ("\"merge conflict\"", ["rebase:2:user"]),
        ("\"conflict merge\"", []),
        ("merge", ["rebase:2:user", "actors:2:user"]),
        ("tomato", ["soup:1:user"]),
        ("tomato*", ["soup:1:user", "soup:1:assistant"]),
        ("cafe", ["soup:1:assistant"]),
        ("actors OR soup", ["actors:1:user", "actors:1:assistant", "actors:2:user", "soup:1:user"]),
        ("merge NOT actors", ["rebase:2:user"]),
        ("git AND rebase", ["rebase:1:user", "rebase:2:assistant"]),
        ("git rebase", ["rebase:1:user", "rebase:2:assistant"]),
        ("(tomato OR swift) NOT soup", ["actors:1:user"]),
        ("expert", []),
        ("nowhere", []),
    ])
    func findsTheMessagesTheQueryDescribes(text: String, expected: [String]) throws {
        try withIndex(Self.conversations) { index, _ in
            let hits = try index.search(SearchQuery(text: text, limit: 100), highlight: ("[", "]"))
            #expect(hits.map(label).sorted() == expected.sorted())
        }
    }

    @Test func aHitTellsItsSessionAndMessage() throws {
        try withIndex(Self.conversations) { index, _ in
            let hits = try index.search(SearchQuery(text: "tomato"), highlight: ("[", "]"))
            #expect(
                hits == [
                    SearchHit(
                        path: "/sessions/soup.json", title: "Soup", sessionUpdated: "2025-12-01T10:00:00Z", turn: 1,
                        role: "user", model: "gpt-4o-mini", time: "2025-12-01T09:00:00Z",
                        snippet: "a recipe for [tomato] soup")
                ])
        }
    }

    @Test(arguments: [
        ("rebase", ("[", "]"), "how does git [rebase] work"),
        ("rebase", ("\u{1B}[1m", "\u{1B}[0m"), "how does git \u{1B}[1mrebase\u{1B}[0m work"),
        ("\"git rebase\"", ("<", ">"), "how does <git rebase> work"),
        ("wor*", ("<", ">"), "how does git rebase <work>"),
    ])
    func snippetsMarkTheMatches(text: String, markers: (String, String), expected: String) throws {
        try withIndex(Self.conversations) { index, _ in
            let hits = try index.search(SearchQuery(text: text, role: "user"), highlight: markers)
            #expect(hits.map(\.snippet) == [expected])
        }
    }

    @Test func aLongMessageGivesAShortSnippetOnOneLine() throws {
        let words = (1...120).map { "word\($0)" }
        var text = words.joined(separator: " ")
        text = text.replacing("word60 ", with: "word60\n\tneedle\n")
        try withIndex([session("long", [message(1, "user", text)])]) { index, _ in
            let snippet = try index.search(SearchQuery(text: "needle"), highlight: ("[", "]")).first?.snippet ?? ""
            #expect(snippet.contains("[needle]"))
            #expect(snippet.hasPrefix("…") && snippet.hasSuffix("…"))
            #expect(!snippet.contains("\n") && !snippet.contains("\t"))
            let tokens = snippet.split(separator: " ").filter { $0 != "…" }.count
            #expect((12...16).contains(tokens))
        }
    }

    @Test(arguments: [
        // The same words said by both: the user's message first, whichever came first.
        (["user": "zebra crossing rules", "assistant": "zebra crossing rules"], ["user", "assistant"]),
        (["user": "the zebra crossing rules here", "assistant": "zebra crossing"], ["user", "assistant"]),
        (["user": "zebra", "assistant": "zebra zebra"], ["user", "assistant"]),
    ])
    func userTextRanksAboveReplies(texts: [String: String], expected: [String]) throws {
        let replyFirst = session(
            "ranking",
            [
                message(1, "assistant", texts["assistant"] ?? "", at: "2026-01-01T00:00:00Z"),
                message(2, "user", texts["user"] ?? "", at: "2026-01-01T00:01:00Z"),
            ])
        let userFirst = session(
            "ranking",
            [
                message(1, "user", texts["user"] ?? "", at: "2026-01-01T00:00:00Z"),
                message(1, "assistant", texts["assistant"] ?? "", at: "2026-01-01T00:01:00Z"),
            ])
        for conversation in [replyFirst, userFirst] {
            try withIndex([conversation]) { index, _ in
                let hits = try index.search(SearchQuery(text: "zebra", sort: .best), highlight: ("[", "]"))
                #expect(hits.map(\.role) == expected)
            }
        }
    }

    @Test(arguments: [
        // (better, worse): bm25 favours more occurrences and shorter messages.
        ("kiwi kiwi kiwi and a pear", "kiwi and a pear and a plum"),
        ("kiwi pie", "a kiwi in a long message about other fruits"),
        ("rare kiwi", "kiwi"),
    ])
    func bestFirstFollowsBM25(better: String, worse: String) throws {
        let fruit = session(
            "fruit",
            [
                message(1, "user", worse, at: "2026-01-01T00:00:00Z"),
                message(2, "user", better, at: "2026-01-01T00:01:00Z"),
            ] + (3...6).map { message($0, "user", "no fruit here", at: "2026-01-01T00:0\($0):00Z") })
        // Turns in both orders, so that neither the order of insertion nor of time decides.
        var swapped = fruit
        swapped.messages[0].text = better
        swapped.messages[1].text = worse
        for conversation in [fruit, swapped] {
            try withIndex([conversation]) { index, _ in
                let query = better == "rare kiwi" ? "rare OR kiwi" : "kiwi"
                let hits = try index.search(SearchQuery(text: query, sort: .best), highlight: ("", ""))
                #expect(hits.map(\.snippet) == [better, worse])
            }
        }
    }

    @Test func newestFirstOrdersByMessageTime() throws {
        try withIndex(Self.conversations) { index, _ in
            let hits = try index.search(
                SearchQuery(text: "rebase OR actors OR tomato* OR merge", sort: .newest), highlight: ("", ""))
            #expect(
                hits.map(label) == [
                    "rebase:2:assistant", "rebase:2:user", "rebase:1:assistant", "rebase:1:user", "actors:2:user",
                    "actors:1:assistant", "actors:1:user", "soup:1:assistant", "soup:1:user",
                ])
            #expect(hits.map(\.time) == hits.map(\.time).sorted(by: >))
        }
    }

    /// Every message says "alpha" and a number word; C switched model at turn 2, whose
    /// messages have no time (so count as the session's updated time).
    static let filtered = [
        session(
            "a", updated: "2026-01-03T12:00:00Z", model: "gpt-4o",
            [
                message(1, "user", "alpha one", at: "2026-01-03T10:00:00Z"),
                message(1, "assistant", "alpha two", at: "2026-01-03T10:00:05Z", model: "gpt-4o"),
            ]),
        session(
            "b", updated: "2026-01-02T12:00:00Z", model: "gpt-4o-mini",
            [
                message(1, "user", "alpha three", at: "2026-01-02T10:00:00Z"),
                message(1, "assistant", "alpha four", at: "2026-01-02T10:00:05Z", model: "gpt-4o-mini"),
            ]),
        session(
            "c", updated: "2026-01-01T12:00:00Z", model: "llama3",
            [
                message(1, "user", "alpha five", at: "2026-01-01T10:00:00Z"),
                message(1, "assistant", "alpha six", at: "2026-01-01T10:00:05Z", model: "llama3"),
                message(2, "user", "alpha seven"),
                message(2, "assistant", "alpha eight", model: "gpt-4o"),
            ]),
    ]

    @Test(arguments: [
        (
            SearchQuery(text: "alpha", sort: .newest, limit: 100),
            ["two", "one", "four", "three", "eight", "seven", "six", "five"]
        ),
        (SearchQuery(text: "alpha", sort: .newest, model: "gpt-4o"), ["two", "one", "eight"]),
        (SearchQuery(text: "alpha", sort: .newest, model: "gpt-4o*"), ["two", "one", "four", "three", "eight"]),
        (SearchQuery(text: "alpha", sort: .newest, model: "llama3"), ["seven", "six", "five"]),
        (SearchQuery(text: "alpha", sort: .newest, model: "gpt"), []),
        (SearchQuery(text: "alpha", sort: .newest, role: "user"), ["one", "three", "seven", "five"]),
        (SearchQuery(text: "alpha", sort: .newest, role: "assistant"), ["two", "four", "eight", "six"]),
        (SearchQuery(text: "alpha", sort: .newest, since: "2026-01-02"), ["two", "one", "four", "three"]),
        (SearchQuery(text: "alpha", sort: .newest, since: "2026-01-03T10:00:01Z"), ["two"]),
        (
            SearchQuery(text: "alpha", sort: .newest, since: "2026-01-01T12:00:00Z"),
            ["two", "one", "four", "three", "eight", "seven"]
        ),
        (SearchQuery(text: "alpha", sort: .newest, since: "2027"), []),
        (SearchQuery(text: "alpha", sort: .newest, limit: 3), ["two", "one", "four"]),
        (SearchQuery(text: "alpha", sort: .newest, limit: 0), []),
        (SearchQuery(text: "alpha", sort: .newest, model: "gpt-4o*", role: "user"), ["one", "three"]),
        (
            SearchQuery(
                text: "alpha", sort: .newest, model: "gpt-4o*", since: "2026-01-02T10:00:01Z", role: "assistant"),
            ["two", "four"]
        ),
        (SearchQuery(text: "alpha", sort: .best, role: "user", limit: 2), ["one", "three"]),
    ])
    func filtersAndLimit(query: SearchQuery, expected: [String]) throws {
        try withIndex(Self.filtered) { index, _ in
            let hits = try index.search(query, highlight: ("", ""))
            let words = hits.map { $0.snippet.split(separator: " ").last.map(String.init) ?? "" }
            if query.sort == .newest {
                #expect(words == expected)
            } else {
                // All hits score alike here; what matters is which, and how many.
                #expect(words.count == expected.count)
                #expect(Set(words).isSubset(of: ["one", "three", "five", "seven"]))
            }
        }
    }

    @Test(arguments: [
        ("gpt-4", #""4" was read as a column name"#),
        ("http://example.com", #""http" was read as a column name"#),
        ("\"unclosed", "a double quote is not closed"),
        ("AND", #"syntax error near "AND""#),
        ("rebase OR", "it ends where a word was expected"),
        ("(rebase", "it ends where a word was expected"),
        ("*base", "a * must end a word"),
        ("", "nothing to search for"),
        ("  \n ", "nothing to search for"),
    ])
    func aBadQueryIsExplained(text: String, reason: String) throws {
        try withIndex(Self.conversations) { index, _ in
            #expect {
                _ = try index.search(SearchQuery(text: text), highlight: ("[", "]"))
            } throws: { error in
                guard case SessionIndexError.badQuery(let message) = error else { return false }
                return message.contains(reason) && message.contains("\"a phrase\" in double quotes")
                    && message.contains("prefix*") && (error as? SessionIndexError)?.message == message
            }
        }
    }

    @Test func anUnknownRoleIsABadQuery() throws {
        try withIndex(Self.conversations) { index, _ in
            #expect(
                throws: SessionIndexError.badQuery("no role \"system\": the index holds user and assistant messages")
            ) {
                _ = try index.search(SearchQuery(text: "git", role: "system"), highlight: ("[", "]"))
            }
        }
    }

    @Test func theQuotedFormOfABadQueryWorks() throws {
        try withIndex([session("models", [message(1, "user", "is gpt-4 better than gpt-3.5?")])]) { index, _ in
            let hits = try index.search(SearchQuery(text: "\"gpt-4\" OR \"gpt-3.5\""), highlight: ("[", "]"))
            #expect(hits.map(\.snippet) == ["is [gpt-4] better than [gpt-3.5]?"])
        }
    }
}
