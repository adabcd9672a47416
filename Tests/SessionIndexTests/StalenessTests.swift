import SessionIndex
import Testing

@Suite("Staleness")
struct StalenessTests {
    /// The index knows a (modified 100, size 10), b (200, 20) and c (300, 30).
    static let indexed = [("a", 100.0, 10), ("b", 200.0, 20), ("c", 300.0, 30)].map { name, modified, size in
        session(name, modified: modified, size: size, [message(1, "user", "hello \(name)")])
    }

    static func stamp(_ name: String, _ modified: Double, _ size: Int) -> SessionFileStamp {
        SessionFileStamp(path: "/sessions/\(name).json", modified: modified, size: size)
    }

    static func paths(_ names: [String]) -> [String] { names.map { "/sessions/\($0).json" } }

    @Test(arguments: [
        ([stamp("a", 100, 10), stamp("b", 200, 20), stamp("c", 300, 30)], IndexStaleness()),
        ([stamp("c", 300, 30), stamp("a", 100, 10), stamp("b", 200, 20)], IndexStaleness()),
        ([stamp("a", 100.5, 10), stamp("b", 200, 20), stamp("c", 300, 30)], IndexStaleness(changed: paths(["a"]))),
        ([stamp("a", 100, 10), stamp("b", 200, 21), stamp("c", 300, 30)], IndexStaleness(changed: paths(["b"]))),
        ([stamp("a", 100, 10), stamp("b", 200, 20)], IndexStaleness(removed: paths(["c"]))),
        (
            [stamp("a", 100, 10), stamp("b", 200, 20), stamp("c", 300, 30), stamp("d", 400, 40)],
            IndexStaleness(added: paths(["d"]))
        ),
        ([], IndexStaleness(removed: paths(["a", "b", "c"]))),
        (
            [stamp("e", 1, 1), stamp("a", 99, 10), stamp("c", 300, 30), stamp("d", 400, 40)],
            IndexStaleness(changed: paths(["a"]), added: paths(["d", "e"]), removed: paths(["b"]))
        ),
    ])
    func comparesTheRecordedStampsWithTheFiles(files: [SessionFileStamp], expected: IndexStaleness) throws {
        try withIndex(Self.indexed) { index, _ in
            let staleness = try index.staleness(against: files)
            #expect(staleness == expected)
            #expect(staleness.isFresh == (expected == IndexStaleness()))
        }
    }

    @Test func anUpdateRecordsTheNewStamp() throws {
        try withIndex(Self.indexed) { index, _ in
            let files = [Self.stamp("a", 150, 15), Self.stamp("b", 200, 20), Self.stamp("c", 300, 30)]
            #expect(try index.staleness(against: files).changed == Self.paths(["a"]))
            try index.update(session("a", modified: 150, size: 15, [message(1, "user", "hello again")]))
            #expect(try index.staleness(against: files).isFresh)
        }
    }

    @Test func aRebuildRecordsEveryStamp() throws {
        try withIndex([]) { index, _ in
            let files = [Self.stamp("a", 100, 10), Self.stamp("b", 200, 20), Self.stamp("c", 300, 30)]
            #expect(try index.staleness(against: files) == IndexStaleness(added: Self.paths(["a", "b", "c"])))
            try index.rebuild(Self.indexed)
            #expect(try index.staleness(against: files).isFresh)
            try index.remove(path: "/sessions/b.json")
            #expect(try index.staleness(against: files) == IndexStaleness(added: Self.paths(["b"])))
        }
    }
}
