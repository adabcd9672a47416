import ChatClient
import Foundation
import SessionIndex
import TestSupport
import Testing

@testable import ChatREPL

@Suite("Session files as the search index sees them")
struct SessionCatalogTests {
    /// Removed, with everything in it, when the test is over.
    let temporary = TemporaryDirectory()

    var catalog: SessionCatalog {
        SessionCatalog(
            directory: temporary.path + "/sessions", indexPath: temporary.path + "/state/index.db",
            listingPath: temporary.path + "/state/last-listing")
    }

    static func conversation(_ exchanges: [(String, String)], title: String? = nil) -> Conversation {
        var conversation = Conversation(
            settings: ConversationSettings(model: "gpt-4o", systemPrompt: "be brief"), created: "2026-01-01T00:00:00Z")
        for (offset, (question, answer)) in exchanges.enumerated() {
            conversation.appendUser(question)
            conversation.appendReply(
                answer, info: TurnInfo(time: "2026-01-01T00:0\(offset):00Z", model: "gpt-4o-2024-08-06"))
        }
        conversation.title = title
        return conversation
    }

    @Test func aConversationBecomesNumberedExchanges() {
        let stamp = SessionFileStamp(path: "/s/a.json", modified: 12.5, size: 300)
        let indexed = SessionCatalog.indexed(
            Self.conversation([("first question", "first answer"), ("second question", "second answer")]),
            path: "/s/a.json", updated: "2026-01-01T00:05:00Z", stamp: stamp)
        #expect(indexed.path == "/s/a.json")
        #expect(indexed.title == "first question")
        #expect(indexed.model == "gpt-4o")
        #expect(indexed.created == "2026-01-01T00:00:00Z")
        #expect(indexed.updated == "2026-01-01T00:05:00Z")
        #expect(indexed.modified == 12.5)
        #expect(indexed.size == 300)
        // The system prompt is not a message of the index; a user message takes its reply's time.
        #expect(
            indexed.messages == [
                IndexedMessage(turn: 1, role: "user", text: "first question", time: "2026-01-01T00:00:00Z", model: nil),
                IndexedMessage(
                    turn: 1, role: "assistant", text: "first answer", time: "2026-01-01T00:00:00Z",
                    model: "gpt-4o-2024-08-06"),
                IndexedMessage(
                    turn: 2, role: "user", text: "second question", time: "2026-01-01T00:01:00Z", model: nil),
                IndexedMessage(
                    turn: 2, role: "assistant", text: "second answer", time: "2026-01-01T00:01:00Z",
                    model: "gpt-4o-2024-08-06"),
            ])
    }

    @Test func anUnansweredQuestionHasNoTime() {
        var conversation = Self.conversation([])
        conversation.appendUser("still waiting")
        let indexed = SessionCatalog.indexed(
            conversation, path: "/s/a.json", updated: "2026-01-01T00:00:00Z",
            stamp: SessionFileStamp(path: "/s/a.json", modified: 1, size: 1))
        #expect(indexed.messages.map(\.time) == [""])
        #expect(indexed.messages.map(\.turn) == [1])
    }

    @Test(
        arguments: [
            ("how does git rebase work", nil, "how does git rebase work"),
            ("  several\n\nlines\tof   text  ", nil, "several lines of text"),
            (
                "a very long first message that goes on and on well past the sixty characters a title may have",
                nil, "a very long first message that goes on and on well past the…"
            ),
            (String(repeating: "x", count: 100), nil, String(repeating: "x", count: 59) + "…"),
            ("first message", "My title", "My title"),
            ("first message", "   ", "first message"),
            ("", nil, "(no text)"),
        ] as [(String, String?, String)])
    func titles(first: String, title: String?, expected: String) {
        var conversation = Conversation(settings: ConversationSettings(model: "m"))
        conversation.appendUser(first)
        conversation.title = title
        #expect(conversation.displayTitle == expected)
        #expect(Conversation(settings: ConversationSettings(model: "m")).displayTitle == "(no messages)")
    }

    @Test func theTitleIsStoredInTheFileOnlyWhenSet() throws {
        let store = SessionStore(directory: temporary.path)
        let path = temporary.path + "/titled.json"
        try store.save(Self.conversation([("q", "a")]), to: path)
        #expect(!(try String(contentsOfFile: path, encoding: .utf8)).contains("\"title\""))
        #expect(try store.load(path).title == nil)
        try store.save(Self.conversation([("q", "a")], title: "Trip plans"), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("\"title\" : \"Trip plans\""))
        #expect(try store.load(path).title == "Trip plans")
        #expect(try store.load(path).displayTitle == "Trip plans")
    }

    @Test func removeTurnTakesTheExchangeAndItsReply() {
        var conversation = Self.conversation([("one", "1"), ("two", "2"), ("three", "3")])
        let removedSecond = conversation.removeTurn(2)
        #expect(removedSecond)
        #expect(conversation.messages.map(\.content) == ["one", "1", "three", "3"])
        #expect(conversation.info.count == 4)
        let removedThird = conversation.removeTurn(3)
        let removedNone = conversation.removeTurn(0)
        #expect(!removedThird && !removedNone)
        let removedLast = conversation.removeTurn(2)
        #expect(removedLast)
        #expect(conversation.messages.map(\.content) == ["one", "1"])
    }

    @Test func readingAFileGivesItsStampAndAnUnreadableOneIsStillListed() throws {
        let catalog = catalog
        try FileSystem.makeDirectories(catalog.directory)
        let good = catalog.directory + "/good.json"
        try SessionStore(directory: catalog.directory).save(Self.conversation([("tea or coffee", "tea")]), to: good)
        let (session, problem) = try #require(catalog.read(good))
        #expect(problem == nil)
        #expect(session.messages.map(\.text) == ["tea or coffee", "tea"])
        #expect(session.size == SessionCatalog.stamp(good)?.size)
        #expect(session.modified == SessionCatalog.stamp(good)?.modified)

        let bad = catalog.directory + "/bad.json"
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: bad))
        let (unreadable, reason) = try #require(catalog.read(bad))
        #expect(unreadable.title == "(unreadable)")
        #expect(unreadable.messages.isEmpty)
        #expect(reason?.exitStatus == .dataError)
        #expect(catalog.read(catalog.directory + "/gone.json") == nil)

        // Only .json files directly in the folder, not hidden ones (locks, temporary files).
        try Data().write(to: URL(fileURLWithPath: catalog.directory + "/.good.json.lock"))
        try Data().write(to: URL(fileURLWithPath: catalog.directory + "/notes.txt"))
        #expect(catalog.stamps().map(\.path).sorted() == [bad, good])
    }

    @Test func theIndexFollowsOnlyFilesInTheSessionsFolder() throws {
        let catalog = catalog
        try FileSystem.makeDirectories(catalog.directory + "/nested")
        #expect(catalog.indexedPath(for: catalog.directory + "/a.json") == catalog.directory + "/a.json")
        #expect(catalog.indexedPath(for: catalog.directory + "/nested/../a.json") == catalog.directory + "/a.json")
        #expect(catalog.indexedPath(for: catalog.directory + "/nested/a.json") == nil)
        #expect(catalog.indexedPath(for: temporary.path + "/a.json") == nil)
        #expect(catalog.indexedPath(for: catalog.directory + "/.a.json") == nil)
        #expect(catalog.indexedPath(for: catalog.directory + "/a.txt") == nil)
    }

    @Test func sessionArgumentsNameAPathAFileNameOrANumber() throws {
        let catalog = catalog
        try FileSystem.makeDirectories(catalog.directory)
        let store = SessionStore(directory: catalog.directory)
        let inFolder = catalog.directory + "/2026-01-01T00-00-00-plans.json"
        let elsewhere = temporary.path + "/elsewhere.json"
        for path in [inFolder, elsewhere] { try store.save(Self.conversation([("q", "a")]), to: path) }

        #expect(try catalog.resolve(elsewhere) == elsewhere)
        #expect(try catalog.resolve("2026-01-01T00-00-00-plans.json") == inFolder)
        #expect(try catalog.resolve("2026-01-01T00-00-00-plans") == inFolder)
        #expect(throws: ParleyError.self) { try catalog.resolve("1") }  // no listing yet

        catalog.remember([elsewhere, inFolder])
        #expect(catalog.lastListing() == [elsewhere, inFolder])
        #expect(try catalog.resolve("1") == elsewhere)
        #expect(try catalog.resolve("2") == inFolder)
        #expect(try catalog.resolve("1", listing: [inFolder]) == inFolder)
        for argument in ["0", "3", "nowhere", "nowhere.json", temporary.path + "/nowhere.json", ""] {
            do throws(ParleyError) {
                _ = try catalog.resolve(argument)
                Issue.record("\(argument) resolved")
            } catch {
                #expect(error.exitStatus == .dataError)
                #expect(ErrorWording.words(for: error, context: nil).advice?.contains("parley sessions") == true)
            }
        }
        try FileManager.default.removeItem(atPath: elsewhere)
        #expect(throws: ParleyError.self) { try catalog.resolve("1") }
    }

    @Test(arguments: [
        ("7d", "2026-01-08T00:00:00Z"),
        ("12h", "2026-01-14T12:00:00Z"),
        ("2w", "2026-01-01T00:00:00Z"),
        ("0d", "2026-01-15T00:00:00Z"),
        ("2025-12-01", "2025-12-01T00:00:00Z"),
        ("2025-12-01T09:30", "2025-12-01T09:30:00Z"),
        ("2025-12-01T09:30:15Z", "2025-12-01T09:30:15Z"),
        ("2025-12-01 09:30:15", "2025-12-01T09:30:15Z"),
    ])
    func cutoffs(text: String, expected: String) throws {
        // 2026-01-15T00:00:00Z
        #expect(try TimeCutoff.parse(text, now: 1_768_435_200, flag: "--since") == expected)
    }

    @Test(arguments: ["", "7", "d", "7y", "-3d", "2025-13-01", "2025-12-32", "2025-12-01T25:00", "yesterday"])
    func badCutoffs(text: String) {
        do throws(ParleyError) {
            _ = try TimeCutoff.parse(text, now: 0, flag: "--since")
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.exitStatus == .usage)
            #expect(ErrorWording.words(for: error, context: nil).message.hasPrefix("--since takes an age like 7d"))
        }
    }

    static let hit = SearchHit(
        path: "/s/a.json", title: "Git \u{1B}[31mrebase", sessionUpdated: "2026-01-01T00:05:00Z", turn: 2,
        role: "assistant", model: "gpt-4o", time: "2026-01-01T00:04:00Z",
        snippet: "run git \u{E000}rebase\u{E001} --continue \u{07}")

    @Test func hitsOnATerminalAreNeutralisedWithTheMatchBold() {
        let style = Style(colorOut: true, colorErr: true, outIsTerminal: true)
        #expect(
            Listing.hits([Self.hit], style: style)
                == "1  Git ^[[31mrebase  \u{1B}[2m2026-01-01 00:04 · turn 2 · assistant · gpt-4o\u{1B}[22m\n"
                + "   run git \u{1B}[1mrebase\u{1B}[22m --continue ^G\n")
        let noColor = Style(colorOut: false, colorErr: false, outIsTerminal: true)
        #expect(
            Listing.hits([Self.hit], style: noColor)
                == "1  Git ^[[31mrebase  2026-01-01 00:04 · turn 2 · assistant · gpt-4o\n"
                + "   run git rebase --continue ^G\n")
    }

    @Test func hitsToAPipeAreThePlainText() {
        #expect(
            Listing.hits([Self.hit], style: .plain)
                == "1  Git \u{1B}[31mrebase  2026-01-01 00:04 · turn 2 · assistant · gpt-4o\n"
                + "   run git rebase --continue \u{07}\n")
        let json = Listing.hitsJSON([Self.hit])
        #expect(json.contains(#""snippet" : "run git rebase --continue \u0007""#))
        #expect(json.contains(#""number" : 1"#))
    }

    @Test(arguments: [(0, "0 B"), (999, "999 B"), (1000, "1.0 kB"), (4_149, "4.1 kB"), (2_300_000, "2.3 MB")])
    func sizes(bytes: Int, expected: String) {
        #expect(Listing.size(bytes) == expected)
    }
}
