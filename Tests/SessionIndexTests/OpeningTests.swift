import Foundation
import SessionIndex
import Testing

@Suite("Opening")
struct OpeningTests {
    /// What to put at the index's path before opening it.
    enum Existing: String, CaseIterable {
        case randomBytes, textFile, truncatedIndex, cutInsideHeader, zeroedPages
    }

    static let sessions = (1...60).map { number in
        session(
            "s\(number)",
            (1...10).map {
                message(
                    $0, $0.isMultiple(of: 2) ? "assistant" : "user",
                    "message \($0) of \(number) " + String(repeating: "filler words to make pages ", count: 20))
            })
    }

    /// Makes a valid index of 60 sessions at `path` and returns its bytes, the file closed.
    static func validIndexBytes(at path: String) throws -> Data {
        let index = try SessionIndex(path: path)
        try index.rebuild(sessions)
        index.close()
        return bytes(of: path)
    }

    static func write(_ data: Data, to path: String) throws {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        try data.write(to: URL(fileURLWithPath: path))
    }

    @Test func aMissingIndexIsCreatedPrivateWithItsDirectories() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/state/parley/index.db"
            let index = try SessionIndex(path: path)
            defer { index.close() }
            #expect(index.condition == .created)
            #expect(index.condition.needsRebuild)
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let parent = try FileManager.default.attributesOfItem(atPath: directory + "/state/parley")
            #expect((parent[.posixPermissions] as? Int) == 0o700)
            try index.update(session("x", [message(1, "user", "hello")]))
            #expect(FileManager.default.fileExists(atPath: path + "-wal"))
            let wal = try FileManager.default.attributesOfItem(atPath: path + "-wal")
            #expect((wal[.posixPermissions] as? Int) == 0o600)
        }
    }

    @Test(arguments: [true, false])
    func anIndexOpensReadyWithItsSessions(verify: Bool) throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/index.db"
            let first = try SessionIndex(path: path)
            try first.update(session("kept", [message(1, "user", "persistent words")]))
            first.close()
            let second = try SessionIndex(path: path, verify: verify)
            defer { second.close() }
            #expect(second.condition == .ready)
            #expect(try second.search(SearchQuery(text: "persistent"), highlight: ("", "")).count == 1)
        }
    }

    @Test func anEmptyFileCountsAsNoIndex() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/index.db"
            try Self.write(Data(), to: path)
            let index = try SessionIndex(path: path)
            defer { index.close() }
            #expect(index.condition == .created)
        }
    }

    @Test(arguments: Existing.allCases)
    func aDamagedFileIsReplacedAndReported(existing: Existing) throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/index.db"
            let valid = try Self.validIndexBytes(at: path)
            var generator = SystemRandomNumberGenerator()
            switch existing {
            case .randomBytes:
                try Self.write(Data((0..<65_536).map { _ in UInt8.random(in: 0...255, using: &generator) }), to: path)
            case .textFile:
                try Self.write(Data("these are my notes, not a database\n".utf8), to: path)
            case .truncatedIndex:
                try Self.write(valid.prefix(valid.count / 3), to: path)
            case .cutInsideHeader:
                try Self.write(valid.prefix(60), to: path)
            case .zeroedPages:
                var damaged = valid
                let start = 4096 * 3
                damaged.replaceSubrange(start..<(start + 4096 * 4), with: Data(count: 4096 * 4))
                try Self.write(damaged, to: path)
            }
            let index = try SessionIndex(path: path)
            defer { index.close() }
            guard case .rebuiltCorrupt(let reason) = index.condition else {
                Issue.record("opened as \(index.condition)")
                return
            }
            #expect(!reason.isEmpty)
            #expect(try index.sessions(limit: nil).isEmpty)
            try index.rebuild(Array(Self.sessions.prefix(3)))
            #expect(try index.sessions(limit: nil).count == 3)
            #expect(try index.search(SearchQuery(text: "filler", limit: 100), highlight: ("", "")).count == 30)
            let again = try SessionIndex(path: path)
            #expect(again.condition == .ready)
            again.close()
        }
    }

    /// Writes `PRAGMA user_version` straight into the closed file's header (bytes 60 to 63).
    static func setUserVersion(_ version: Int32, at path: String) throws {
        var data = bytes(of: path)
        withUnsafeBytes(of: version.bigEndian) { data.replaceSubrange(60..<64, with: $0) }
        try data.write(to: URL(fileURLWithPath: path))
    }

    @Test(arguments: [
        (Int32(SessionIndex.schemaVersion - 1), IndexCondition.outdatedSchema(SessionIndex.schemaVersion - 1)),
        (Int32(SessionIndex.schemaVersion + 1), IndexCondition.outdatedSchema(SessionIndex.schemaVersion + 1)),
        (Int32(-1), IndexCondition.rebuiltCorrupt("damage was found while it was in use")),
    ])
    func anotherFormatIsEmptiedAndReported(version: Int32, expected: IndexCondition) throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/index.db"
            _ = try Self.validIndexBytes(at: path)
            try Self.setUserVersion(version, at: path)
            let index = try SessionIndex(path: path)
            defer { index.close() }
            #expect(index.condition == expected)
            #expect(try index.sessions(limit: nil).isEmpty)
            try index.update(Self.sessions[0])
            #expect(try index.sessions(limit: nil).count == 1)
        }
    }

    @Test func aPathThatCannotBeAFileCannotBeOpened() throws {
        try withTemporaryDirectory { directory in
            try Data("x".utf8).write(to: URL(fileURLWithPath: directory + "/file"))
            let cases = [directory, directory + "/file/index.db"]
            for path in cases {
                #expect {
                    _ = try SessionIndex(path: path)
                } throws: { error in
                    guard case SessionIndexError.cannotOpen(let reported, let reason) = error else { return false }
                    return reported == path && !reason.isEmpty
                        && (error as? SessionIndexError)?.message.hasPrefix("cannot open the search index") == true
                }
            }
        }
    }

    @Test func aClosedIndexFails() throws {
        try withIndex([]) { index, _ in
            index.close()
            #expect(throws: SessionIndexError.self) { _ = try index.sessions(limit: nil) }
            #expect(throws: SessionIndexError.self) { try index.update(Self.sessions[0]) }
            index.close()
        }
    }
}
