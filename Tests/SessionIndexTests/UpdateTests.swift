import SessionIndex
import Testing

@Suite("Updates and listing")
struct UpdateTests {
    @Test(arguments: [
        // (first version, second version, words gone, words found)
        (["one alpha", "two beta"], ["one alpha"], ["beta"], ["alpha"]),
        (["one alpha", "two beta"], ["one gamma", "two beta"], ["alpha"], ["gamma", "beta"]),
        (["one alpha"], ["one alpha", "two delta", "three epsilon"], [], ["alpha", "delta", "epsilon"]),
        (["one alpha", "two beta"], [], ["alpha", "beta"], []),
    ])
    func anUpdateReplacesTheSessionsRows(first: [String], second: [String], gone: [String], found: [String]) throws {
        func version(_ texts: [String]) -> IndexedSession {
            session(
                "changing",
                texts.enumerated().flatMap { offset, text in
                    [message(offset + 1, "user", text), message(offset + 1, "assistant", "reply to \(text)")]
                })
        }
        try withIndex([version(first), session("other", [message(1, "user", "unrelated alpha")])]) { index, _ in
            try index.update(version(second))
            for word in gone {
                let hits = try index.search(SearchQuery(text: word), highlight: ("", ""))
                #expect(hits.allSatisfy { $0.path != "/sessions/changing.json" }, "\(word) is still found")
            }
            for word in found {
                let hits = try index.search(SearchQuery(text: word), highlight: ("", ""))
                #expect(hits.filter { $0.path == "/sessions/changing.json" }.count == 2, "\(word) is not found")
            }
            let listed = try index.sessions(limit: nil).first { $0.path == "/sessions/changing.json" }
            #expect(listed?.turns == second.count)
        }
    }

    @Test func sessionsAreListedNewestFirst() throws {
        let sessions = [
            session(
                "old", title: "Old one", updated: "2025-05-01T00:00:00Z", model: "llama3", size: 300,
                [message(1, "user", "a"), message(1, "assistant", "b")]),
            session(
                "new", title: "New one", updated: "2026-05-01T00:00:00Z", model: "gpt-4o", size: 900,
                [
                    message(1, "user", "a"), message(1, "assistant", "b"), message(2, "user", "c"),
                    message(2, "assistant", "d"), message(3, "user", "e"),
                ]),
            session("middle", updated: "2025-11-01T00:00:00Z", model: "claude", size: 10, []),
        ]
        try withIndex(sessions) { index, _ in
            let all = try index.sessions(limit: nil)
            #expect(
                all == [
                    SessionSummary(
                        path: "/sessions/new.json", title: "New one", created: "2025-01-01T00:00:00Z",
                        updated: "2026-05-01T00:00:00Z", model: "gpt-4o", turns: 3, size: 900),
                    SessionSummary(
                        path: "/sessions/middle.json", title: "middle", created: "2025-01-01T00:00:00Z",
                        updated: "2025-11-01T00:00:00Z", model: "claude", turns: 0, size: 10),
                    SessionSummary(
                        path: "/sessions/old.json", title: "Old one", created: "2025-01-01T00:00:00Z",
                        updated: "2025-05-01T00:00:00Z", model: "llama3", turns: 1, size: 300),
                ])
            #expect(try index.sessions(limit: 2) == Array(all.prefix(2)))
            #expect(try index.sessions(limit: 0).isEmpty)
        }
    }

    @Test func aRebuildReplacesEverything() throws {
        try withIndex([session("gone", [message(1, "user", "vanishing words")])]) { index, _ in
            try index.rebuild([session("kept", [message(1, "user", "lasting words")])])
            #expect(try index.sessions(limit: nil).map(\.path) == ["/sessions/kept.json"])
            #expect(
                try index.search(SearchQuery(text: "words"), highlight: ("", "")).map(\.snippet) == ["lasting words"])
        }
    }

    /// A rebuild takes its sessions from a lazy sequence in batches of 200: every one gets in,
    /// the last short batch too, and the sequence is read only once.
    @Test(arguments: [0, 1, 200, 401])
    func aRebuildFromALazySequenceHoldsEverySession(count: Int) throws {
        try withIndex([]) { index, _ in
            var made = 0
            let sessions = (0..<count).lazy.map { number -> IndexedSession in
                made += 1
                return session("s\(number)", [message(1, "user", "word\(number) shared")])
            }
            try index.rebuild(sessions)
            #expect(made == count)
            #expect(try index.sessions(limit: nil).count == count)
            let hits = try index.search(SearchQuery(text: "shared", limit: 1000), highlight: ("", ""))
            #expect(hits.count == count)
            if count > 0 {
                #expect(try index.search(SearchQuery(text: "word\(count - 1)"), highlight: ("", "")).count == 1)
            }
        }
    }

    @Test func manyMessagesInOneSecondAllGetIn() throws {
        // More than the 512 of one role that one second holds: they spill into the next.
        let crowded = session(
            "crowded", (1...700).flatMap { [message($0, "user", "ask \($0)"), message($0, "assistant", "say \($0)")] })
        try withIndex([crowded]) { index, _ in
            let hits = try index.search(
                SearchQuery(text: "ask OR say", sort: .newest, limit: 2_000), highlight: ("", ""))
            #expect(hits.count == 1_400)
            #expect(hits.filter { $0.role == "user" }.allSatisfy { $0.snippet.hasPrefix("ask") })
            #expect(hits.prefix(2).map(\.snippet) == ["say 700", "ask 700"])
        }
    }
}
