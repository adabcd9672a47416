import Foundation
import TestSupport
import Testing

/// `parley search`, `sessions`, `show`, `export`, `rm`, `prune` and `index`, run as the binary
/// on sessions written by one-shot `--session` turns against a test server.
@Suite("Finding conversations again with the binary", .serialized)
struct FindingSessionsTests {
    /// A home with three sessions in the sessions folder, each made by one-shot turns; the server
    /// answers each prompt with "reply to PROMPT".
    static func withSessions(_ body: (IsolatedHome, String) async throws -> Void) async throws {
        try await withIsolatedHome { home in
            let server = try await TestServer { request, _ in
                sseReply(["reply to ", userMessages(request).last ?? ""])
            }
            let folder = home.path + "/.local/share/parley/sessions"
            let turns = [
                ("rebase.json", "how does git rebase work"), ("rebase.json", "what about a merge conflict"),
                ("soup.json", "a recipe for tomato soup"), ("actors.json", "explain swift actors"),
            ]
            for (name, prompt) in turns {
                let result = try await runParley(
                    ["--base-url", server.baseURL, "--session", folder + "/" + name, prompt],
                    environment: home.environment)
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stderr == "")
            }
            await server.shutdown()
            try await body(home, folder)
        }
    }

    func parley(_ arguments: [String], _ home: IsolatedHome) async throws -> RunResult {
        try await runParley(arguments, environment: home.environment)
    }

    @Test func searchFindsTheTurnsTheOneShotRunsSaved() async throws {
        try await Self.withSessions { home, folder in
            // The turns were indexed as they were saved: no rebuild, no notice.
            let search = try await parley(["search", "rebase"], home)
            #expect(search.status == 0)
            #expect(search.stderr == "")
            let lines = search.stdout.split(separator: "\n").map(String.init)
            #expect(lines.count == 4)
            #expect(lines.first?.hasPrefix("1  how does git rebase work  ") == true)
            #expect(lines.allSatisfy { !$0.contains("\u{1B}") })
            #expect(search.stdout.contains("turn 1 · user"))
            #expect(search.stdout.contains("turn 1 · assistant"))

            let json = try await parley(["search", "--json", "tomato"], home)
            let hits = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
            #expect(hits.count == 2)
            #expect(hits.first?["path"] as? String == folder + "/soup.json")
            #expect(hits.first?["title"] as? String == "a recipe for tomato soup")
            #expect((hits.first?["snippet"] as? String)?.contains("tomato") == true)

            let user = try await parley(["search", "tomato", "--role", "user", "--since", "1d", "--limit", "5"], home)
            #expect(user.stdout.split(separator: "\n").count == 2)
            let future = try await parley(["search", "tomato", "--since", "2999-01-01"], home)
            #expect(future.stdout == "")
            #expect(future.stderr.contains("no messages match tomato"))
            let model = try await parley(["search", "tomato", "--model", "nothing-like-it*"], home)
            #expect(model.stdout == "")

            let bad = try await parley(["search", "gpt-4"], home)
            #expect(bad.status == 64)
            #expect(bad.stderr.contains("\"a phrase\""))
            let badAge = try await parley(["search", "x", "--since", "soon"], home)
            #expect(badAge.status == 64)
        }
    }

    @Test func sessionsShowAndExportTakeNumbersFromTheLastListing() async throws {
        try await Self.withSessions { home, folder in
            let sessions = try await parley(["sessions"], home)
            #expect(sessions.status == 0)
            #expect(sessions.stdout.split(separator: "\n").count == 3)
            #expect(sessions.stdout.contains("2 turns"))
            let listed = try #require(
                try JSONSerialization.jsonObject(
                    with: Data(try await parley(["sessions", "--json"], home).stdout.utf8))
                    as? [[String: Any]])
            let rebase = try #require(listed.firstIndex { $0["path"] as? String == folder + "/rebase.json" })
            #expect(listed[rebase]["turns"] as? Int == 2)
            #expect(listed[rebase]["title"] as? String == "how does git rebase work")

            let show = try await parley(["show", String(rebase + 1)], home)
            #expect(show.status == 0)
            #expect(
                show.stdout == """
                    user: how does git rebase work
                    assistant: reply to how does git rebase work
                    user: what about a merge conflict
                    assistant: reply to what about a merge conflict

                    """)
            // A file name in the sessions folder, with or without .json, and a path.
            for name in ["rebase.json", "rebase", folder + "/rebase.json"] {
                #expect(try await parley(["show", name], home).stdout == show.stdout)
            }

            let markdown = try await parley(["export", "rebase", "--format", "md"], home)
            #expect(markdown.stdout.hasPrefix("# how does git rebase work\n\n*model gpt-4o-mini · started "))
            #expect(markdown.stdout.contains("## User (turn 2)\n\nwhat about a merge conflict\n\n"))
            #expect(markdown.stdout.hasSuffix("## Assistant (turn 2)\n\nreply to what about a merge conflict\n"))

            let json = try await parley(["export", "rebase", "--format", "json"], home)
            let messages = try #require(
                try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: String]])
            #expect(messages.map { $0["role"] ?? "" } == ["user", "assistant", "user", "assistant"])
            #expect(messages.last == ["role": "assistant", "content": "reply to what about a merge conflict"])

            for arguments in [["show", "9"], ["show", "nowhere"]] {
                let failed = try await parley(arguments, home)
                #expect(failed.status == 65, "\(arguments)")
                #expect(failed.stderr.hasPrefix("error: no session "))
            }
            #expect(try await parley(["export", "1", "--format", "pdf"], home).status == 64)
        }
    }

    @Test func rmNeedsYesWithoutATerminalAndLeavesNoCopyInTheIndex() async throws {
        try await Self.withSessions { home, folder in
            let index = home.path + "/.local/state/parley/index.db"
            #expect(Self.index(index, contains: "tomato"))
            let refused = try await parley(["rm", "soup.json"], home)
            #expect(refused.status == 64)
            #expect(refused.stderr.contains("add --yes"))
            #expect(FileManager.default.fileExists(atPath: folder + "/soup.json"))

            let removed = try await parley(["rm", "soup.json", "--yes"], home)
            #expect(removed.status == 0, "\(removed.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/soup.json"))
            #expect(!FileManager.default.fileExists(atPath: folder + "/.soup.json.lock"))
            let search = try await parley(["search", "tomato"], home)
            #expect(search.stdout == "")
            #expect(!search.stderr.contains("did not match"))
            #expect(!Self.index(index, contains: "tomato"))
        }
    }

    @Test func rmTurnRewritesTheFileWithoutThatExchange() async throws {
        try await Self.withSessions { home, folder in
            let index = home.path + "/.local/state/parley/index.db"
            #expect(Self.index(index, contains: "conflict"))
            let result = try await parley(["rm", "rebase", "--turn", "2", "--yes"], home)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "removed turn 2 of \(folder)/rebase.json\n")
            let file = try String(contentsOfFile: folder + "/rebase.json", encoding: .utf8)
            #expect(!file.contains("conflict"))
            #expect(file.contains("how does git rebase work"))
            #expect(try await parley(["search", "conflict"], home).stdout == "")
            #expect(try await parley(["search", "rebase"], home).stdout.split(separator: "\n").count == 4)
            #expect(!Self.index(index, contains: "conflict"))

            let beyond = try await parley(["rm", "rebase", "--turn", "5", "--yes"], home)
            #expect(beyond.status == 64)
            #expect(beyond.stderr.contains("has 1 (--turn 1)"))
        }
    }

    @Test func pruneRemovesWhatIsOlderThanTheAge() async throws {
        try await Self.withSessions { home, folder in
            // An old session, written as Parley writes them, last updated in 2020.
            let old = """
                {"version": 1, "created": "2020-01-01T00:00:00Z", "updated": "2020-01-02T00:00:00Z",
                 "settings": {"model": "old-model"}, "turns": [],
                 "messages": [{"role": "user", "content": "an ancient question about sundials"}],
                 "totals": {"turns": 0, "prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}}
                """
            try old.write(toFile: folder + "/old.json", atomically: true, encoding: .utf8)
            let refused = try await parley(["prune", "--older-than", "90d"], home)
            #expect(refused.status == 64)
            // The file was new to the index: it was read in, with a notice, before anything else.
            #expect(refused.stderr.contains("(1 new)"))
            let pruned = try await parley(["prune", "--older-than", "90d", "--yes"], home)
            #expect(pruned.status == 0, "\(pruned.stderr)")
            #expect(pruned.stdout == "removed 1 session\n")
            #expect(!FileManager.default.fileExists(atPath: folder + "/old.json"))
            #expect(try await parley(["sessions"], home).stdout.split(separator: "\n").count == 3)
            let none = try await parley(["prune", "--older-than", "2020-01-01", "--yes"], home)
            #expect(none.stdout == "no sessions were last updated before 2020-01-01 00:00 UTC\n")
        }
    }

    /// Files changed, added and removed behind Parley's back are noticed by the next command
    /// that reads the index, which catches up and says so; a damaged index is rebuilt.
    @Test func theIndexFollowsFilesChangedBehindItsBack() async throws {
        try await Self.withSessions { home, folder in
            let manager = FileManager.default
            try manager.removeItem(atPath: folder + "/actors.json")
            try manager.copyItem(atPath: folder + "/soup.json", toPath: folder + "/soup-copy.json")
            var rebase = try String(contentsOfFile: folder + "/rebase.json", encoding: .utf8)
            rebase = rebase.replacingOccurrences(of: "merge conflict", with: "cherry pick")
            try rebase.write(toFile: folder + "/rebase.json", atomically: true, encoding: .utf8)

            let search = try await parley(["search", "cherry"], home)
            #expect(search.stderr.contains("did not match the session files (1 changed, 1 new, 1 gone)"))
            #expect(search.stdout.contains("cherry"))
            #expect(try await parley(["search", "actors"], home).stdout == "")
            #expect(try await parley(["search", "tomato", "--json"], home).stdout.contains("soup-copy.json"))
            let again = try await parley(["search", "cherry"], home)
            #expect(again.stderr == "")

            let index = home.path + "/.local/state/parley/index.db"
            try Data("this is not a database, not at all".utf8).write(to: URL(fileURLWithPath: index))
            let rebuilt = try await parley(["search", "cherry"], home)
            #expect(rebuilt.status == 0)
            #expect(rebuilt.stderr.contains("the search index was damaged"))
            #expect(rebuilt.stderr.contains("rebuilt it from 3 session files"))
            #expect(rebuilt.stdout == search.stdout)

            try manager.removeItem(atPath: index)
            let missing = try await parley(["sessions"], home)
            #expect(missing.stderr.contains("the search index was missing: rebuilt it from 3 session files"))

            let status = try await parley(["index", "--rebuild"], home)
            #expect(status.status == 0)
            #expect(status.stdout.hasPrefix("rebuilt \(index): 3 sessions, "))
        }
    }

    @Test func optionsMayComeBeforeTheCommandsName() async throws {
        try await Self.withSessions { home, _ in
            let result = try await parley(["--limit", "1", "--color", "never", "search", "tomato"], home)
            #expect(result.status == 0)
            #expect(result.stdout.split(separator: "\n").count == 2)
        }
    }

    /// With --no-save, a turn leaves nothing on disk: no session, and no index either.
    @Test func noSaveLeavesTheHomeEmpty() async throws {
        try await withIsolatedHome { home in
            let server = try await TestServer(always: sseReply(["ok"]))
            let result = try await runParley(
                ["--base-url", server.baseURL, "--no-save", "a secret question"], environment: home.environment)
            await server.shutdown()
            #expect(result.status == 0)
            #expect(home.files == [])
        }
    }

    /// On a terminal, rm asks; anything but y keeps the file.
    @Test func rmAsksOnATerminal() async throws {
        try await Self.withSessions { home, folder in
            for (answer, kept) in [("n", true), ("", true), ("y", false)] {
                let terminal = try PseudoTerminal(
                    path: parleyPath, arguments: ["rm", "soup"], environment: home.environment)
                #expect(await terminal.waitFor("for good? [y/N] ") != nil)
                terminal.send(answer + "\r")
                #expect(await terminal.wait() == 0)
                #expect(FileManager.default.fileExists(atPath: folder + "/soup.json") == kept, "answer \(answer)")
            }
        }
    }

    /// In a REPL with --no-save, /search says why it cannot, and nothing is written.
    @Test func noSaveREPLKeepsNothingAndHasNoSearch() async throws {
        try await withIsolatedHome(["NO_COLOR": "1"]) { home in
            let server = try await TestServer(always: sseReply(["a private answer"]))
            let terminal = try PseudoTerminal(
                path: parleyPath, arguments: ["--base-url", server.baseURL, "--no-save"], environment: home.environment)
            #expect(await terminal.waitFor("> ") != nil)
            terminal.send("a private question\r")
            #expect(await terminal.waitFor("a private answer") != nil)
            terminal.send("/search private\r")
            #expect(await terminal.waitFor("/search needs saved sessions") != nil)
            // Ctrl-D only ends the REPL once readline reads again: sent earlier, the tty would hand it a NUL.
            #expect(await terminal.waitFor("> ") != nil)
            terminal.send("\u{04}")
            #expect(await terminal.wait() == 0)
            await server.shutdown()
            #expect(home.files == [])
        }
    }

    /// Whether the index file or its -wal file holds `word`, byte for byte.
    static func index(_ path: String, contains word: String) -> Bool {
        [path, path + "-wal"].contains { file in
            (FileManager.default.contents(atPath: file) ?? Data()).range(of: Data(word.utf8)) != nil
        }
    }
}
