import Foundation
import SessionIndex
import Testing

@Suite("Two writers at once")
struct ConcurrencyTests {
    static func sessions(of writer: String, count: Int) -> [IndexedSession] {
        (1...count).map { number in
            session(
                "\(writer)-\(number)", updated: "2026-01-01T00:00:\(number < 10 ? "0" : "")\(number)Z",
                (1...20).flatMap { turn in
                    [
                        message(turn, "user", "\(writer)word question \(turn) of session \(number)"),
                        message(
                            turn, "assistant",
                            "\(writer)word answer \(turn) " + String(repeating: "lorem ipsum ", count: 20)),
                    ]
                })
        }
    }

    @Test func twoConnectionsOnTwoThreadsWriteWithoutErrors() async throws {
        try await withAsyncTemporaryDirectory { directory in
            let path = directory + "/index.db"
            let writers = ["north", "south"]
            // Both open at once too: one makes the tables, the other finds them.
            let conditions = try await withThrowingTaskGroup(of: IndexCondition.self) { group in
                for writer in writers {
                    group.addTask {
                        try await offPool {
                            let index = try SessionIndex(path: path)
                            defer { index.close() }
                            for session in Self.sessions(of: writer, count: 30) {
                                try index.update(session)
                                // Each writer also rewrites an earlier session and reads, as Parley would.
                                try index.update(Self.sessions(of: writer, count: 1)[0])
                                _ = try index.search(
                                    SearchQuery(text: "\(writer)word", sort: .newest), highlight: ("", ""))
                            }
                            return index.condition
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(conditions.sorted { "\($0)" < "\($1)" } == [.created, .ready])
            let index = try SessionIndex(path: path)
            defer { index.close() }
            #expect(index.condition == .ready)
            #expect(try index.sessions(limit: nil).count == 60)
            for writer in writers {
                let hits = try index.search(SearchQuery(text: "\(writer)word", limit: 10_000), highlight: ("", ""))
                #expect(hits.count == 30 * 40)
            }
        }
    }

    static let sqlite = "/usr/bin/sqlite3"

    /// The other process is SQLite's own shell writing rows as SessionIndex does (ids in seconds
    /// of the year 2100, so apart from the test's own), each transaction holding the write lock
    /// for a while: the test's updates must wait for it, not fail.
    static func childScript(count: Int) -> String {
        var script = ".bail on\n.timeout 5000\n"
        for number in 1...count {
            let id = (4_102_444_800 + number) << 10
            script += """
                BEGIN IMMEDIATE;
                INSERT INTO session (path, title, created, updated, model, modified, size, turns)
                VALUES ('/sessions/child-\(number).json', 'child', '', '2100-01-01T00:00:00Z', 'm', 1, 1, 1);
                INSERT INTO message (id, session, turn, role, time, model)
                VALUES (\(id), last_insert_rowid(), 1, 'assistant', '2100-01-01T00:00:00Z', 'm');
                INSERT INTO message_text (rowid, text) VALUES (\(id), 'childword number \(number)');
                WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000) SELECT count(*) FROM c;
                COMMIT;

                """
        }
        return script
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: sqlite), "needs the sqlite3 shell"))
    func twoProcessesWriteWithoutErrors() async throws {
        try await withAsyncTemporaryDirectory { directory in
            let path = directory + "/index.db"
            let index = try SessionIndex(path: path)
            defer { index.close() }
            try Self.childScript(count: 40).write(toFile: directory + "/child.sql", atomically: true, encoding: .utf8)
            let child = Process()
            child.executableURL = URL(fileURLWithPath: Self.sqlite)
            child.arguments = [path, ".read \(directory)/child.sql"]
            let errors = Pipe()
            child.standardError = errors
            child.standardOutput = FileHandle.nullDevice
            try child.run()
            let updates = try await offPool {
                let writer = try SessionIndex(path: path)
                defer { writer.close() }
                var count = 0
                for session in Self.sessions(of: "parent", count: 40) {
                    try writer.update(session)
                    count += 1
                }
                return count
            }
            let status = try await offPool {
                child.waitUntilExit()
                return child.terminationStatus
            }
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(status == 0, "sqlite3: \(message)")
            #expect(updates == 40)
            #expect(try index.sessions(limit: nil).count == 80)
            #expect(try index.search(SearchQuery(text: "childword", limit: 100), highlight: ("", "")).count == 40)
            #expect(
                try index.search(SearchQuery(text: "parentword", limit: 10_000), highlight: ("", "")).count == 1_600)
            let reopened = try SessionIndex(path: path)
            #expect(reopened.condition == .ready)
            reopened.close()
        }
    }
}
