import Foundation
import SessionIndex

/// A new private directory for one test, removed (with everything in it) when `body` returns.
@discardableResult
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let path = NSTemporaryDirectory() + "parley-index-test-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

/// The same, for a test that awaits.
@discardableResult
func withAsyncTemporaryDirectory<T>(_ body: (String) async throws -> T) async throws -> T {
    let path = NSTemporaryDirectory() + "parley-index-test-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try await body(path)
}

/// An index holding `sessions`, in a temporary directory: `body` gets it and the index file's path.
@discardableResult
func withIndex<T>(_ sessions: [IndexedSession], _ body: (SessionIndex, String) throws -> T) throws -> T {
    try withTemporaryDirectory { directory in
        let path = directory + "/index.db"
        let index = try SessionIndex(path: path)
        defer { index.close() }
        for session in sessions { try index.update(session) }
        return try body(index, path)
    }
}

/// Runs blocking work on a thread of its own, so that it never holds one of the few threads of
/// Swift's cooperative pool.
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try work() }) }
        thread.start()
    }
}

/// A message; its time is "" (so the session's updated time) unless given.
func message(_ turn: Int, _ role: String, _ text: String, at time: String = "", model: String? = nil)
    -> IndexedMessage
{
    IndexedMessage(turn: turn, role: role, text: text, time: time, model: model)
}

/// A session at `/sessions/NAME.json`, titled NAME unless given.
func session(
    _ name: String, title: String? = nil, updated: String = "2026-01-01T00:00:00Z", model: String = "gpt-4o",
    modified: Double = 1_000, size: Int = 100, _ messages: [IndexedMessage]
) -> IndexedSession {
    IndexedSession(
        path: "/sessions/\(name).json", title: title ?? name, created: "2025-01-01T00:00:00Z", updated: updated,
        model: model, modified: modified, size: size, messages: messages)
}

/// The bytes of a file, empty when it is missing.
func bytes(of path: String) -> Data {
    FileManager.default.contents(atPath: path) ?? Data()
}

/// Whether `word` is anywhere in the index file or its -wal file, as bytes.
func indexFiles(at path: String, contain word: String) -> Bool {
    let needle = Data(word.utf8)
    return [path, path + "-wal"].contains { bytes(of: $0).range(of: needle) != nil }
}

/// A short name for a hit, to compare with tables: "session:turn:role".
func label(_ hit: SearchHit) -> String {
    let name = hit.path.split(separator: "/").last?.split(separator: ".").first.map(String.init) ?? hit.path
    return "\(name):\(hit.turn):\(hit.role)"
}
