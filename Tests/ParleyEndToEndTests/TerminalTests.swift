import Foundation
import TestSupport
import Testing

@Suite("The binary in a pseudo-terminal", .serialized)
struct TerminalTests {
    @Test func aTurnASlashCommandAndCtrlD() async throws {
        let server = try await TestServer { _, index in sseReply(["reply number \(index)"]) }
        let terminal = try PseudoTerminal(
            path: parleyPath, arguments: ["--base-url", server.baseURL],
            environment: isolatedEnvironment(["NO_COLOR": "1"]))
        #expect(await terminal.waitFor("> ") != nil)
        terminal.send("hello there\r")
        #expect(await terminal.waitFor("reply number 0") != nil)
        terminal.send("/temperature 0.4\r")
        #expect(await terminal.waitFor("temperature: 0.4") != nil)
        terminal.send("again\r")
        #expect(await terminal.waitFor("reply number 1") != nil)
        #expect(await terminal.waitFor("> ") != nil)
        terminal.send("\u{04}")
        #expect(await terminal.wait() == 0)
        await server.shutdown()
        let body = try #require(server.requests.last).bodyText
        #expect(body.contains(#""temperature":0.4"#))
        #expect(userMessages(try #require(server.requests.last)) == ["hello there", "reply number 0", "again"])
    }

    @Test func ctrlCStopsTheReplyNotTheProgram() async throws {
        let server = try await TestServer { _, index in
            index == 0 ? sseReply((0..<100).map { "w\($0) " }, delay: 0.1) : sseReply(["next turn works"])
        }
        let terminal = try PseudoTerminal(
            path: parleyPath, arguments: ["--base-url", server.baseURL],
            environment: isolatedEnvironment(["NO_COLOR": "1"]))
        #expect(await terminal.waitFor("> ") != nil)
        terminal.send("long story\r")
        #expect(await terminal.waitFor("w3 ") != nil)
        let start = Date()
        terminal.send("\u{03}")
        #expect(await terminal.waitFor("> ", timeout: 1) != nil)
        #expect(Date().timeIntervalSince(start) < 1)
        for _ in 0..<20 where server.closedCount == 0 { try await Task.sleep(for: .milliseconds(50)) }
        #expect(server.closedCount >= 1)
        terminal.send("/history\r")
        #expect(await terminal.waitFor("assistant [interrupted]: w0 w1 w2 w3") != nil)
        terminal.send("typed but abandoned\u{03}")
        #expect(await terminal.waitFor("^C") != nil)
        #expect(await terminal.waitFor("> ") != nil)
        terminal.send("next\r")
        let seen = await terminal.waitFor("next turn works")
        #expect(seen != nil)
        let last = try #require(server.requests.last)
        #expect(userMessages(last).count == 3)
        #expect(userMessages(last)[1].hasPrefix("w0 w1 w2 w3"))
        #expect(userMessages(last)[2] == "next")
        terminal.send("/exit\r")
        #expect(await terminal.wait() == 0)
        await server.shutdown()
    }

    @Test func continueResumesAndHistoryPersistsAndPasteIsOneMessage() async throws {
        let server = try await TestServer { _, index in sseReply(["r\(index)"]) }
        let env = isolatedEnvironment(["NO_COLOR": "1"])
        var terminal = try PseudoTerminal(
            path: parleyPath, arguments: ["--base-url", server.baseURL], environment: env)
        #expect(await terminal.waitFor("> ") != nil)
        terminal.send("remember the word banana\r")
        #expect(await terminal.waitFor("r0") != nil)
        #expect(await terminal.waitFor("> ") != nil)
        terminal.send("\u{04}")
        #expect(await terminal.wait() == 0)

        terminal = try PseudoTerminal(
            path: parleyPath, arguments: ["--base-url", server.baseURL, "-c"], environment: env)
        #expect(await terminal.waitFor("resumed") != nil)
        #expect(await terminal.waitFor("> ") != nil)
        terminal.send("\u{1B}[A")  // up-arrow: the line from the previous run
        #expect(await terminal.waitFor("remember the word banana") != nil)
        terminal.send("\u{15}")  // Ctrl-U clears it
        terminal.send("\u{1B}[200~first pasted line\nsecond pasted line\u{1B}[201~\r")
        #expect(await terminal.waitFor("r1") != nil)
        #expect(await terminal.waitFor("> ") != nil)
        terminal.send("\u{04}")
        #expect(await terminal.wait() == 0)
        await server.shutdown()
        let messages = userMessages(try #require(server.requests.last))
        #expect(messages == ["remember the word banana", "r0", "first pasted line\nsecond pasted line"])
    }

    @Test func tabCompletesSlashCommandsAndModelNames() async throws {
        let server = try await TestServer { request, _ in
            request.uri.hasSuffix("/models")
                ? .json(#"{"data":[{"id":"alpha-large"},{"id":"beta"}]}"#) : sseReply(["x"])
        }
        let env = isolatedEnvironment(["NO_COLOR": "1"])
        _ = try await runParley(["--base-url", server.baseURL, "models"], environment: env)  // fills the cache
        let terminal = try PseudoTerminal(
            path: parleyPath, arguments: ["--base-url", server.baseURL, "--no-save"], environment: env)
        #expect(await terminal.waitFor("> ") != nil)
        terminal.send("/his\t\r")  // unique: completes to "/history "
        #expect(await terminal.waitFor("the conversation is empty") != nil)
        terminal.send("/mod\t\r")  // "/model" and "/models": completes the common part
        #expect(await terminal.waitFor("model: gpt-4o-mini") != nil)
        #expect(await terminal.waitFor("> ") != nil)
        terminal.send("/model al\t\r")  // from the model list `parley models` cached
        #expect(await terminal.waitFor("model: alpha-large") != nil)
        #expect(await terminal.waitFor("> ") != nil)
        terminal.send("\u{04}")
        #expect(await terminal.wait() == 0)
        await server.shutdown()
        #expect(server.requests.map(\.method) == ["GET"])
    }
}

@Suite("The binary: --no-save", .serialized)
struct NoSaveTests {
    /// Every mode and command with --no-save, against one HOME: afterwards it holds no file.
    @Test func keepsNothingOnDiskInAnyMode() async throws {
        let server = try await TestServer { request, index in
            if request.uri.hasSuffix("/models") { return .json(#"{"data":[{"id":"m1"}]}"#) }
            if request.body.count > 0, String(decoding: request.body, as: UTF8.self).contains("fail please") {
                return .json(#"{"error":{"message":"nope","type":"server_error"}}"#, status: 500)
            }
            if String(decoding: request.body, as: UTF8.self).contains("long please") {
                return sseReply((0..<200).map { "w\($0) " }, delay: 0.05)
            }
            return sseReply(["ok"])
        }
        let env = isolatedEnvironment(["NO_COLOR": "1"])
        let home = env["HOME"] ?? "/tmp"
        let base = ["--base-url", server.baseURL, "--no-save"]
        // The REPL: a turn, /models, /doctor, an error, Ctrl-C during a reply.
        let terminal = try PseudoTerminal(path: parleyPath, arguments: base, environment: env)
        #expect(await terminal.waitFor("> ") != nil)
        terminal.send("remember nothing\r")
        #expect(await terminal.waitFor("ok") != nil)
        terminal.send("/models\r")
        #expect(await terminal.waitFor("m1") != nil)
        terminal.send("/doctor\r")
        #expect(await terminal.waitFor("the same request with curl") != nil)
        terminal.send("fail please\r")
        #expect(await terminal.waitFor("error:") != nil)
        terminal.send("long please\r")
        #expect(await terminal.waitFor("w3 ") != nil)
        terminal.send("\u{03}")
        #expect(await terminal.waitFor("[interrupted") != nil)
        #expect(await terminal.waitFor("> ") != nil)
        terminal.send("\u{04}")
        #expect(await terminal.wait() == 0)
        // One-shot, `models` and `doctor`, and a failing one-shot.
        #expect(try await runParley(base + ["hello"], environment: env).status == 0)
        #expect(
            try await runParley(["--no-save", "models", "--base-url", server.baseURL], environment: env).status == 0)
        #expect(try await runParley(base + ["models"], environment: env).stdout == "m1\n")
        _ = try await runParley(["doctor"] + base, environment: env)
        #expect(try await runParley(base + ["fail please"], environment: env).status != 0)
        await server.shutdown()
        let left = FileManager.default.enumerator(atPath: home)?.allObjects as? [String] ?? []
        #expect(left.isEmpty, "files left: \(left)")
        try? FileManager.default.removeItem(atPath: home)
    }
}
