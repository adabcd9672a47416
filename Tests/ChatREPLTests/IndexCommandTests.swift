import ChatClient
import Foundation
import SessionIndex
import TestSupport
import Testing

@testable import ChatREPL

/// The library side of `parley search`, `sessions`, `rm`, `prune` and `index`, and the index
/// kept up to date by Autosave, driven directly with recording sinks.
@Suite("The search index and the commands that read it")
struct IndexCommandTests {
    /// Removed, with everything in it, when the test is over.
    let temporary = TemporaryDirectory()
    let out = RecordingSink()
    let err = RecordingSink()

    var catalog: SessionCatalog {
        SessionCatalog(
            directory: temporary.path + "/sessions", indexPath: temporary.path + "/state/index.db",
            listingPath: temporary.path + "/state/last-listing")
    }

    var console: Console { Console(out: out, err: err, style: .plain) }

    /// A context whose questions are answered by `answers`, in turn (nil: no terminal).
    func context(answers: [Bool]? = nil, now: Double = 1_768_435_200) -> IndexContext {
        var confirm: (@Sendable (String) -> Bool)?
        if let answers {
            let remaining = Answers(answers)
            confirm = { _ in remaining.next() }
        }
        return IndexContext(catalog: catalog, console: console, confirm: confirm, now: now)
    }

    /// Answers to questions, one after another; no once they run out.
    final class Answers: Sendable {
        private let remaining: Locked<[Bool]>

        init(_ answers: [Bool]) {
            remaining = Locked(answers)
        }

        func next() -> Bool {
            remaining.withLock { $0.isEmpty ? false : $0.removeFirst() }
        }
    }

    /// Saves a conversation into the sessions folder through Autosave, as the REPL does.
    @discardableResult
    func save(_ name: String, _ exchanges: [(String, String)], title: String? = nil) -> String {
        let path = catalog.directory + "/" + name
        let autosave = Autosave(
            store: SessionStore(directory: catalog.directory), path: path, lock: nil, console: console,
            index: IndexKeeper(catalog: catalog, console: console))
        try? FileSystem.makeDirectories(catalog.directory)
        autosave.save(SessionCatalogTests.conversation(exchanges, title: title))
        return path
    }

    @Test func savedTurnsAreIndexedAsTheyAreSaved() throws {
        save("rebase.json", [("how does git rebase work", "it replays commits")], title: "Git")
        save("soup.json", [("a recipe for tomato soup", "roast the tomatoes")])
        #expect(SearchCommand(context: context()).run(SearchQuery(text: "rebase"), json: false) == .ok)
        #expect(err.text == "")
        #expect(out.text.hasPrefix("1  Git  2026-01-01 00:00 · turn 1 · user · gpt-4o\n   how does git rebase work\n"))
        #expect(catalog.lastListing() == [catalog.directory + "/rebase.json"])
    }

    @Test func aFailedUpdateIsToldOnceAndTheFileIsSavedAnyway() throws {
        // A directory where the index file should be: it cannot be opened.
        try FileSystem.makeDirectories(catalog.indexPath)
        let path = catalog.directory + "/a.json"
        try FileSystem.makeDirectories(catalog.directory)
        let autosave = Autosave(
            store: SessionStore(directory: catalog.directory), path: path, lock: nil, console: console,
            index: IndexKeeper(catalog: catalog, console: console))
        var conversation = SessionCatalogTests.conversation([("one", "1")])
        autosave.save(conversation)
        conversation.appendUser("two")
        autosave.save(conversation)
        #expect(try SessionStore(directory: "/nonexistent").load(path).messages.count == 3)
        #expect(!autosave.isFailing)
        #expect(err.text.components(separatedBy: "the search index was not updated").count == 2)
        #expect(err.text.contains("the session is saved"))
    }

    @Test func autosaveWithoutAStoreKeepsNoIndex() {
        let autosave = Autosave(
            store: nil, path: nil, lock: nil, console: console, index: IndexKeeper(catalog: catalog, console: console))
        autosave.save(SessionCatalogTests.conversation([("q", "a")]))
        #expect(autosave.index == nil)
        #expect(!FileSystem.exists(catalog.indexPath))
    }

    @Test func sessionsListsNewestFirstAndRemembersTheListing() throws {
        save("a.json", [("first", "1")])
        save("b.json", [("second", "2"), ("more", "3")])
        #expect(SessionsCommand(context: context()).run(limit: nil, json: true) == .ok)
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(out.text.utf8)) as? [[String: Any]])
        #expect(Set(listed.compactMap { $0["title"] as? String }) == ["first", "second"])
        #expect(catalog.lastListing().count == 2)
    }

    @Test func aBadQueryIsAUsageError() {
        save("a.json", [("first", "1")])
        #expect(SearchCommand(context: context()).run(SearchQuery(text: "\"open"), json: false) == .usage)
        #expect(err.text.contains("a double quote is not closed"))
    }

    @Test func rmAsksAndOnlyYesRemoves() throws {
        let path = save("a.json", [("delete me please", "ok")])
        #expect(RemoveCommand(context: context(answers: [false])).run(session: path, turn: nil, yes: false) == .ok)
        #expect(FileSystem.exists(path))
        #expect(out.text == "nothing removed\n")
        #expect(RemoveCommand(context: context()).run(session: path, turn: nil, yes: false) == .usage)
        #expect(err.text.contains("add --yes"))
        #expect(RemoveCommand(context: context(answers: [true])).run(session: path, turn: nil, yes: false) == .ok)
        #expect(!FileSystem.exists(path))
        #expect(
            try IndexKeeper(catalog: catalog, console: console).search(SearchQuery(text: "delete"), highlight: ("", ""))
                .isEmpty)
    }

    @Test func rmRefusesASessionInUse() throws {
        let path = save("a.json", [("busy", "ok")])
        let lock = try SessionLock(sessionPath: path)
        defer { lock.release() }
        #expect(RemoveCommand(context: context()).run(session: path, turn: nil, yes: true) == .dataError)
        #expect(RemoveCommand(context: context()).run(session: path, turn: 1, yes: true) == .dataError)
        #expect(err.text.contains("is in use by another Parley"))
        #expect(FileSystem.exists(path))
    }

    @Test func pruneRemovesOnlyOldSessions() throws {
        let old = save("old.json", [("an old question", "an old answer")])
        let newer = save("new.json", [("a new question", "a new answer")])
        // Move the old one's updated time back to 2000, as if it had been saved then.
        var file = try String(contentsOfFile: old, encoding: .utf8)
        file = file.replacingOccurrences(
            of: #""updated" : "\d{4}"#, with: #""updated" : "2000"#, options: .regularExpression)
        try file.write(toFile: old, atomically: true, encoding: .utf8)
        let now = Date().timeIntervalSince1970
        #expect(PruneCommand(context: context(now: now)).run(olderThan: "30d", yes: true) == .ok)
        #expect(out.text == "removed 1 session\n")
        #expect(!FileSystem.exists(old))
        #expect(FileSystem.exists(newer))
        #expect(PruneCommand(context: context()).run(olderThan: "ages", yes: true) == .usage)
    }

    @Test func indexRebuildsOnDemand() throws {
        save("a.json", [("one", "1")])
        save("b.json", [("two", "2")])
        #expect(IndexCommand(context: context()).run(rebuild: true) == .ok)
        #expect(out.text.hasPrefix("rebuilt \(catalog.indexPath): 2 sessions, "))
        #expect(IndexCommand(context: context()).run(rebuild: false) == .ok)
        #expect(out.text.contains("\n\(catalog.indexPath): 2 sessions, "))
        #expect(err.text == "")
    }

    @Test func aDamagedIndexIsRebuiltWithANotice() throws {
        save("a.json", [("sundial", "1")])
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: catalog.indexPath))
        let hits = try IndexKeeper(catalog: catalog, console: console).search(
            SearchQuery(text: "sundial"), highlight: ("", ""))
        #expect(hits.map(\.turn) == [1])
        #expect(err.text.contains("the search index was damaged ("))
        #expect(err.text.contains("): rebuilt it from 1 session file\n"))
    }
}
