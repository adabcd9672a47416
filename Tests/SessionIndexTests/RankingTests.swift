import Foundation
import TestSupport
import Testing

@testable import SessionIndex

/// Best-first search ranks with `parley_rank` (CSQLite's shim.h), which skips the length lookup
/// of rows that cannot make the first K. Whatever the words, lengths and roles, its first K must
/// be exactly FTS5's bm25 order with user text counting double.
@Suite("Ranking")
struct RankingTests {
    /// Words from a small vocabulary, so that some are in nearly every message and some in few.
    static func corpus(seed: UInt64) -> [IndexedSession] {
        var random = SeededGenerator(seed: seed)
        let vocabulary = ["the", "the", "the", "a", "of", "rebase", "merge", "swift", "actor", "soup", "rare"]
        return (0..<30).map { number in
            let messages = (0..<20).map { index in
                let length = 1 + Int(random.next() % 60)
                let text = (0..<length).map { _ in vocabulary[Int(random.next() % UInt64(vocabulary.count))] }
                return message(
                    1 + index / 2, index.isMultiple(of: 2) ? "user" : "assistant", text.joined(separator: " "))
            }
            return session("s\(number)", updated: "2026-01-\(10 + number % 20)T00:00:00Z", messages)
        }
    }

    @Test(arguments: [1, 5, 20, 200])
    func theFirstKAreBM25sFirstK(limit: Int) throws {
        for seed: UInt64 in [1, 2, 3] {
            try withIndex(Self.corpus(seed: seed)) { _, path in
                let database = try SQLiteDatabase(path: path)
                defer { database.close() }
                for query in ["the", "rebase", "the OR soup", "\"the the\"", "re*", "merge NOT actor", "rare"] {
                    func ids(_ key: String) throws -> [Int] {
                        try database.rows(
                            "SELECT rowid FROM message_text WHERE message_text MATCH ?1 ORDER BY \(key), rowid DESC LIMIT ?2",
                            [.text(query), .integer(limit)]
                        ) { $0.integer(0) }
                    }
                    let expected = try ids("bm25(message_text) * (1 + (rowid & 1))")
                    #expect(
                        try ids("parley_rank(message_text, ?2)") == expected, "\(query), limit \(limit), seed \(seed)")
                    #expect(!expected.isEmpty)
                }
            }
        }
    }

    /// The search itself, through the plan, gives the same hits in the same order as bm25 would.
    @Test func searchBestFirstIsUnchanged() throws {
        try withIndex(Self.corpus(seed: 7)) { index, path in
            let hits = try index.search(SearchQuery(text: "the", sort: .best, limit: 20), highlight: ("", ""))
            let database = try SQLiteDatabase(path: path)
            defer { database.close() }
            let expected = try database.rows(
                """
                SELECT s.path, m.turn, m.role FROM message_text JOIN message AS m ON m.id = message_text.rowid
                JOIN session AS s ON s.id = m.session WHERE message_text MATCH 'the'
                ORDER BY bm25(message_text) * (1 + (message_text.rowid & 1)), message_text.rowid DESC LIMIT 20
                """
            ) { "\($0.text(0)):\($0.integer(1)):\($0.text(2))" }
            #expect(hits.map { "\($0.path):\($0.turn):\($0.role)" } == expected)
        }
    }
}
