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
            // 30 s of reply: far longer than a loaded machine takes to act on Ctrl-C.
            index == 0 ? sseReply((0..<300).map { "w\($0) " }, delay: 0.1) : sseReply(["next turn works"])
        }
        let terminal = try PseudoTerminal(
            path: parleyPath, arguments: ["--base-url", server.baseURL],
            environment: isolatedEnvironment(["NO_COLOR": "1"]))
        #expect(await terminal.waitFor("> ") != nil)
        terminal.send("long story\r")
        #expect(await terminal.waitFor("w3 ") != nil)
        terminal.send("\u{03}")
        // Stopped at once: the prompt is back while the reply has most of its words to go, and
        // the connection is closed.
        #expect(await terminal.waitFor("> ") != nil)
        #expect(!terminal.transcript.contains("w299"))
        #expect(await eventually { server.closedCount >= 1 })
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
