import ChatClient
import Foundation
import HTTPTransportAHC
import SessionIndex
import TestSupport
import Testing

@testable import ChatREPL

/// /search, /open, /title and /forget in scripted REPLs whose sessions are saved and indexed.
@Suite("Finding conversations again from the REPL", .serialized)
struct IndexREPLTests {
    /// Removed, with the sessions and the index in it, when the test is over.
    let temporary = TemporaryDirectory()

    var catalog: SessionCatalog {
        SessionCatalog(
            directory: temporary.path + "/sessions", indexPath: temporary.path + "/state/index.db",
            listingPath: temporary.path + "/state/last-listing")
    }

    /// Runs a REPL over `lines` against a server that answers "reply to PROMPT"; what it printed
    /// comes back with it. `path` continues that session file.
    func run(_ lines: [String], path: String? = nil, save: Bool = true) async throws -> (
        repl: REPL, out: String, err: String
    ) {
        let server = try await TestServer { request, _ in
            let body = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]
            let last = (body?["messages"] as? [[String: Any]])?.last?["content"] as? String ?? ""
            return streamReply("reply to \(last)")
        }
        let client = ChatClient(
            settings: ServerSettings(baseURL: .test(server.baseURL), retry: RetryPolicy(maxRetries: 0)),
            transport: LiveTransport.make(connectTimeout: 5))
        let out = RecordingSink()
        let err = RecordingSink()
        let console = Console(out: out, err: err, style: .plain)
        let runner = TurnRunner(
            client: client, console: console, interrupts: InterruptController(), stream: true, spinner: false,
            errorContext: ErrorWording.Context(baseURL: server.baseURL, model: "m", keySent: false, keyNote: "none"),
            models: ModelTable(), maxCostPerSession: nil)
        let store = SessionStore(directory: catalog.directory)
        let start = try path.map { path throws(ParleyError) in try store.load(path) }
        let repl = REPL(
            conversation: start ?? Conversation(settings: ConversationSettings(model: "m")), runner: runner,
            reader: ScriptedReader(lines), console: console,
            autosave: Autosave(
                store: save ? store : nil, path: path, lock: nil, console: console,
                index: IndexKeeper(catalog: catalog, console: console)))
        _ = await repl.run()
        await client.shutdown()
        await server.shutdown()
        return (repl, out.text, err.text)
    }

    @Test func searchThenOpenContinuesTheHitsSession() async throws {
        let first = try await run(["how do I bake sourdough bread", "/title Bread"])
        #expect(first.out.contains("title: Bread"))
        let breadPath = try #require(first.repl.autosave.path)
        _ = try await run(["what is the capital of France"])

        let second = try await run(["/search sourdough", "/open 1", "and how long should it proof?"])
        #expect(second.err == "")
        #expect(second.out.contains("1  Bread  "))
        #expect(second.out.contains("   how do I bake sourdough bread\n"))
        #expect(second.out.contains("loaded \(breadPath): 1 replies"))
        // The opened session goes on: the new turn is in its file, and in the index.
        let bread = try SessionStore(directory: "/nonexistent").load(breadPath)
        #expect(bread.messages.count == 4)
        #expect(bread.title == "Bread")
        let hits = try IndexKeeper(
            catalog: catalog, console: Console(out: RecordingSink(), err: RecordingSink(), style: .plain)
        )
        .search(SearchQuery(text: "proof"), highlight: ("", ""))
        #expect(Set(hits.map(\.path)) == [breadPath])
        #expect(hits.first?.title == "Bread")
    }

    @Test func searchAndOpenExplainWhatTheyNeed() async throws {
        let off = try await run(["/search bread", "/open 1"], save: false)
        #expect(off.err.contains("/search needs saved sessions, and they are off here (--no-save)"))
        #expect(off.err.contains("/open needs saved sessions"))
        #expect(!FileSystem.exists(catalog.indexPath))
        let result = try await run(["/search", "/open", "/open two", "/open 3", "/search \"unclosed"])
        #expect(result.err.contains("/search needs something to look for"))
        #expect(result.err.contains("/open takes the number of a hit of the last /search; got \"\""))
        #expect(result.err.contains("got \"two\""))
        #expect(result.err.contains("no session 3"))
        #expect(result.err.contains("a double quote is not closed"))
    }

    @Test func titleShowsAndSetsTheTitle() async throws {
        let result = try await run(["/title", "/title Holiday plans", "where should we go in May?", "/title"])
        #expect(result.out.hasPrefix("title: (no messages)\ntitle: Holiday plans (saved with the first exchange)\n"))
        #expect(result.out.hasSuffix("title: Holiday plans\n"))
        let path = try #require(result.repl.autosave.path)
        #expect(try SessionStore(directory: "/nonexistent").load(path).title == "Holiday plans")
    }

    /// (The session's file name holds the first message's first words, and the index holds the
    /// file name, so the secret is in the second message.)
    @Test func forgetDropsTheLastExchangeFromTheFileAndTheIndex() async throws {
        let result = try await run([
            "hello there", "my locker code is 4711 xylophone", "/forget", "/forget", "/forget",
        ])
        #expect(result.out.contains("last exchange forgotten: it is gone from the session file and the search index"))
        #expect(result.out.hasSuffix("nothing to forget\n"))
        let path = try #require(result.repl.autosave.path)
        #expect(try SessionStore(directory: "/nonexistent").load(path).messages.isEmpty)
        let keeper = IndexKeeper(
            catalog: catalog, console: Console(out: RecordingSink(), err: RecordingSink(), style: .plain))
        #expect(try keeper.search(SearchQuery(text: "xylophone"), highlight: ("", "")).isEmpty)
        keeper.close()
        for file in [catalog.indexPath, catalog.indexPath + "-wal"] {
            let bytes = FileManager.default.contents(atPath: file) ?? Data()
            #expect(bytes.range(of: Data("xylophone".utf8)) == nil, "\(file)")
        }
    }
}
