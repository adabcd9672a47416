import Foundation
import TestSupport
import Testing

/// Roles with the built binary: `-r`, `-p`, `parley roles` and `/role` at a terminal.
@Suite("The binary with roles", .serialized)
struct RoleTests {
    func writeRole(_ name: String, _ text: String, home: IsolatedHome) throws {
        let directory = home.path + "/.config/parley/roles"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: directory + "/" + name + ".md"))
    }

    func body(_ request: RecordedRequest) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
    }

    func systemPrompt(_ request: RecordedRequest) throws -> String? {
        let messages = try body(request)["messages"] as? [[String: Any]] ?? []
        return messages.first { $0["role"] as? String == "system" }?["content"] as? String
    }

    @Test func aRoleWithParametersAndAVariableOneShotAndResumed() async throws {
        try await withIsolatedHome { home in
            try writeRole(
                "translate",
                "---\ntemperature: 0.2\nvariables:\n  lang: German\n---\nTranslate into {{lang}}: {{input}}\n",
                home: home)
            let server = try await TestServer(always: sseReply(["Bonjour"]))
            let session = home.path + "/t.json"
            let result = try await runParley(
                [
                    "--base-url", server.baseURL, "-r", "translate", "-p", "lang=French", "--session", session,
                    "good day",
                ],
                environment: home.environment)
            #expect(result.status == 0)
            #expect(result.stdout == "Bonjour\n")
            #expect(result.stderr == "")
            let first = try #require(server.requests.first)
            #expect(userMessages(first) == ["Translate into French: good day"])
            #expect(try systemPrompt(first) == nil)
            #expect(try body(first)["temperature"] as? Double == 0.2)
            // Resumed without -r: the role goes on placing the input.
            let again = try await runParley(
                ["--base-url", server.baseURL, "--session", session, "thank you"], environment: home.environment)
            await server.shutdown()
            #expect(again.status == 0)
            #expect(
                userMessages(try #require(server.requests.last)) == [
                    "Translate into French: good day", "Bonjour", "Translate into French: thank you",
                ])
            let text = try String(contentsOfFile: session, encoding: .utf8)
            #expect(text.contains(#""role":"translate""#) || text.contains(#""role" : "translate""#))
        }
    }

    @Test func theBuiltInShellRoleNamesTheUsersShell() async throws {
        try await withIsolatedHome(["SHELL": "/usr/bin/fish"]) { home in
            let server = try await TestServer(always: sseReply(["ls -la"]))
            let result = try await runParley(
                ["--base-url", server.baseURL, "--role", "shell", "list every file"], environment: home.environment)
            await server.shutdown()
            #expect(result.status == 0)
            #expect(result.stdout == "ls -la\n")
            let request = try #require(server.requests.first)
            let prompt = try #require(try systemPrompt(request))
            #expect(prompt.contains("one command for fish on"))
            #expect(userMessages(try #require(server.requests.first)).last == "list every file")
        }
    }

    @Test func badRolesAreRefusedBeforeAnythingIsSent() async throws {
        try await withIsolatedHome { home in
            try writeRole("hot", "---\nmodel: gpt-4o\ntemperature: hot\n---\nBe hot.\n", home: home)
            try writeRole("needs", "Into {{lang}}.", home: home)
            let server = try await TestServer(always: sseReply(["never"]))
            let file = home.path + "/.config/parley/roles/hot.md"
            let cases: [([String], Int32, String)] = [
                (
                    ["-r", "hot"], 78,
                    "error: role file \(file), line 3: 'temperature' expects a number from 0 to 2, got \"hot\"\n"
                ),
                (["-r", "nope"], 64, "error: no role named 'nope'; the roles are: code, hot, needs, shell\n"),
                (["-r", "needs"], 64, "error: role 'needs' needs a value for {{lang}}: give it with -p lang=VALUE"),
                (["-r", "needs", "-p", "lang=x", "-p", "tone=y"], 64, "error: role 'needs' has no variable 'tone'"),
                (["-p", "lang=x"], 64, "error: -p lang=… sets a role's variable: name the role with -r NAME\n"),
                (["-r", "needs", "-p", "lang"], 64, "--param takes NAME=VALUE"),
            ]
            for (arguments, status, message) in cases {
                let result = try await runParley(
                    ["--base-url", server.baseURL] + arguments + ["q"], environment: home.environment)
                #expect(result.status == status, "\(arguments)")
                #expect(result.stderr.contains(message), "\(result.stderr)")
                #expect(result.stdout == "")
            }
            await server.shutdown()
            #expect(server.requests.isEmpty)
        }
    }

    @Test func rolesListsThemWithTheirFirstLine() async throws {
        try await withIsolatedHome { home in
            try writeRole("review", "---\ntemperature: 0\n---\n\nReview the diff for bugs.\nThen style.\n", home: home)
            let listed = try await runParley(["roles"], environment: home.environment)
            #expect(listed.status == 0)
            let lines = listed.stdout.split(separator: "\n").map(String.init)
            #expect(lines.count == 3)
            #expect(lines[0].hasPrefix("code    (built in)  Reply with code only"))
            #expect(lines[1] == "review              Review the diff for bugs.")
            #expect(lines[2].hasPrefix("shell   (built in)  Reply with exactly one command"))
            // Options before the command's name, as for the other commands.
            let colored = try await runParley(["--color", "never", "roles"], environment: home.environment)
            #expect(colored.stdout == listed.stdout)
            try writeRole("broken", "---\ntemperature: [0.2\n---\nx", home: home)
            let broken = try await runParley(["roles"], environment: home.environment)
            #expect(broken.status == 78)
            #expect(broken.stdout.contains("broken  "))
            #expect(broken.stderr.contains("error: role file \(home.path)/.config/parley/roles/broken.md, line "))
        }
    }

    @Test func roleAtTheTerminal() async throws {
        let server = try await TestServer { _, index in sseReply(["reply \(index)"]) }
        let environment = isolatedEnvironment(["NO_COLOR": "1", "SHELL": "/bin/zsh"])
        let home = try #require(environment["HOME"])
        let terminal = try PseudoTerminal(
            path: parleyPath, arguments: ["--base-url", server.baseURL, "-s", "be kind"], environment: environment)
        #expect(await terminal.waitFor("> ") != nil)
        terminal.send("/role sh\t\r")  // Tab completes role names
        #expect(await terminal.waitFor("role: shell: system prompt set") != nil)
        terminal.send("list files\r")
        #expect(await terminal.waitFor("reply 0") != nil)
        terminal.send("/role\r")
        #expect(await terminal.waitFor("role: shell (built in; its system prompt)") != nil)
        terminal.send("/role off\r")
        #expect(await terminal.waitFor("role shell dropped") != nil)
        terminal.send("again\r")
        #expect(await terminal.waitFor("reply 1") != nil)
        terminal.send("/role save kind\r")
        #expect(await terminal.waitFor("saved role kind to \(home)/.config/parley/roles/kind.md") != nil)
        #expect(await terminal.waitFor("> ") != nil)
        terminal.send("\u{04}")
        #expect(await terminal.wait() == 0)
        await server.shutdown()
        #expect(try systemPrompt(server.requests[0])?.contains("one command for zsh") == true)
        #expect(try systemPrompt(server.requests[1]) == "be kind")
        let saved = try String(contentsOfFile: home + "/.config/parley/roles/kind.md", encoding: .utf8)
        #expect(saved == "---\n---\nbe kind\n")
    }
}
