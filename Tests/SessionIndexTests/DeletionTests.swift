import SessionIndex
import Testing

@Suite("Deletion")
struct DeletionTests {
    /// A word found nowhere else: it must not survive anywhere in the index's files.
    static let secret = "xylophonequartzsecret"

    static func filler(_ count: Int) -> [IndexedSession] {
        (1...count).map { number in
            session(
                "filler\(number)",
                [
                    message(1, "user", "question number \(number) about gardens and tools"),
                    message(
                        1, "assistant", "answer number \(number): " + String(repeating: "plant water prune ", count: 30)
                    ),
                ])
        }
    }

    static let secretSession = session(
        "secret", title: "about \(secret)",
        [
            message(1, "user", "please remember \(secret) for me"),
            message(1, "assistant", "I will not forget \(secret), nor gardens"),
        ])

    enum Setup: String, CaseIterable {
        /// The secret session is the only one.
        case alone
        /// Among many others, indexed in several commits (so several FTS5 segments).
        case amongOthers
        /// Only an earlier version of the session had the secret.
        case inAnEarlierVersion
        /// After a rebuild that had it.
        case afterRebuild
        /// While another connection has the index open.
        case withAnotherReader
    }

    @Test(arguments: Setup.allCases)
    func removedTextLeavesTheFileAfterVacuum(setup: Setup) throws {
        try withIndex([]) { index, path in
            var secret = Self.secretSession
            switch setup {
            case .alone:
                try index.update(secret)
            case .amongOthers, .withAnotherReader:
                for session in Self.filler(40) { try index.update(session) }
                try index.update(secret)
                for session in Self.filler(80).suffix(40) { try index.update(session) }
            case .inAnEarlierVersion:
                try index.update(secret)
                try index.rebuild(Self.filler(20) + [secret])
                secret.messages = [message(1, "user", "nothing to hide any more")]
                secret.title = "harmless"
                try index.update(secret)
            case .afterRebuild:
                try index.rebuild(Self.filler(30) + [secret])
            }
            let reader = setup == .withAnotherReader ? try SessionIndex(path: path) : nil
            defer { reader?.close() }
            // The check can see the word: it is in the files before the deletion.
            #expect(indexFiles(at: path, contain: Self.secret))

            if setup != .inAnEarlierVersion { try index.remove(path: secret.path) }
            _ = try reader?.search(SearchQuery(text: "gardens"), highlight: ("", ""))
            try index.vacuum()

            #expect(try index.search(SearchQuery(text: Self.secret), highlight: ("", "")).isEmpty)
            #expect(try index.search(SearchQuery(text: "xylophone*"), highlight: ("", "")).isEmpty)
            #expect(!indexFiles(at: path, contain: Self.secret))
            #expect(!indexFiles(at: path, contain: "xylophone"))
            #expect(bytes(of: path + "-wal").isEmpty)
            // The rest is still there.
            if setup != .alone {
                #expect(!(try index.search(SearchQuery(text: "gardens"), highlight: ("", ""))).isEmpty)
            }
        }
    }

    @Test func removingAnUnknownPathChangesNothing() throws {
        try withIndex(Self.filler(3)) { index, _ in
            try index.remove(path: "/sessions/none.json")
            #expect(try index.sessions(limit: nil).count == 3)
        }
    }
}
