import ChatClient
import ChatREPL
import Foundation
import TestSupport
import Testing

@Suite("REPL transcripts against an in-process server", .serialized)
struct REPLTests {
    /// Removed, with the sessions saved in it, when the test is over.
    let temporary = TemporaryDirectory()

    @Test func historyIsSentWholeAndSettingsApplyToTheNextRequest() async throws {
        let harness = Harness(server: try await TestServer { _, index in streamReply("reply\(index)") })
        let (repl, reader) = await harness.run([
            "first question",
            "/temperature 0.3",
            "/max_tokens 50",
            "/system be brief",
            "/model other",
            "second question",
            "/max-tokens off",
            "/temperature off",
            "third",
        ])
        let bodies = try harness.requestBodies()
        await harness.shutdown()
        #expect(bodies.count == 3)
        #expect(bodies[0]["temperature"] == nil && bodies[0]["max_tokens"] == nil)
        #expect(messages(bodies[0]) == [["role": "user", "content": "first question"]])
        #expect(bodies[1]["temperature"] as? Double == 0.3)
        #expect(bodies[1]["max_tokens"] as? Int == 50)
        #expect(bodies[1]["model"] as? String == "other")
        #expect(
            messages(bodies[1]) == [
                ["role": "system", "content": "be brief"], ["role": "user", "content": "first question"],
                ["role": "assistant", "content": "reply0"], ["role": "user", "content": "second question"],
            ])
        #expect(bodies[2]["temperature"] == nil && bodies[2]["max_tokens"] == nil)
        #expect(repl.conversation.messages.count == 6)
        #expect(reader.history.contains("first question"))
        #expect(harness.out.text.contains("reply0\n"))
    }

    @Test(arguments: [
        ("/temperature hot", "/temperature takes a number from 0 to 2, or off; got \"hot\" (nothing changed)"),
        ("/temperature 5", "/temperature takes a number from 0 to 2, or off; got \"5\" (nothing changed)"),
        ("/temperature nan", "/temperature takes a number from 0 to 2, or off; got \"nan\" (nothing changed)"),
        ("/max_tokens -3", "/max_tokens takes a whole number from 1 to 10000000, or off; got \"-3\" (nothing changed)"),
        (
            "/max_tokens 1.5",
            "/max_tokens takes a whole number from 1 to 10000000, or off; got \"1.5\" (nothing changed)"
        ),
        ("/model two words", "a model name has no spaces; got \"two words\" (nothing changed)"),
        ("/nosuch", "unknown command /nosuch"),
    ])
    func badValuesChangeNothing(line: String, message: String) async throws {
        let harness = Harness(server: try await TestServer(always: streamReply("ok")))
        let (repl, _) = await harness.run([line, "hello"])
        let bodies = try harness.requestBodies()
        await harness.shutdown()
        #expect(harness.err.text.hasPrefix("error: \(message)\n"))
        #expect(harness.err.text.split(separator: "\n").count <= 2)
        #expect(repl.conversation.settings == ConversationSettings(model: "m"))
        #expect(bodies.count == 1)
        #expect(Set(bodies[0].keys) == ["model", "messages", "stream", "stream_options"])
    }

    @Test func doubleSlashSendsTheText() async throws {
        let harness = Harness(server: try await TestServer(always: streamReply("ok")))
        _ = await harness.run(["//etc/hosts is a file"])
        let bodies = try harness.requestBodies()
        await harness.shutdown()
        #expect(messages(bodies[0]).last?["content"] == "/etc/hosts is a file")
    }

    @Test func helpShowsTheWholeTable() async throws {
        let harness = Harness(server: try await TestServer(always: streamReply("ok")))
        _ = await harness.run(["/help"])
        await harness.shutdown()
        for command in SlashCommand.allCases {
            #expect(harness.out.text.contains(command.name))
            #expect(harness.out.text.contains(command.summary))
        }
        #expect(harness.server.requests.isEmpty)
    }

    @Test func aFailedTurnLeavesTheConversationAsItWas() async throws {
        let harness = Harness(
            server: try await TestServer { _, index in
                index == 0
                    ? streamReply("fine") : .json(#"{"error":{"message":"down","type":"server_error"}}"#, status: 500)
            })
        let (repl, reader) = await harness.run(["one", "two"])
        await harness.shutdown()
        #expect(repl.conversation.messages.map(\.content) == ["one", "fine"])
        #expect(reader.history == ["one", "two"])  // the failed message is still in the history
        #expect(harness.err.text.contains("error: down (500)"))
        #expect(harness.err.text.contains("try again"))
    }

    @Test func undoRetryClearAndHistory() async throws {
        let harness = Harness(server: try await TestServer { _, index in streamReply("r\(index)") })
        let (repl, _) = await harness.run(["a", "b", "/undo", "/retry", "/history", "/clear", "/history"])
        let bodies = try harness.requestBodies()
        await harness.shutdown()
        #expect(bodies.count == 3)
        #expect(messages(bodies[2]).map { $0["content"] ?? "" } == ["a"])
        #expect(harness.out.text.contains("user: a\nassistant: r2"))
        #expect(harness.out.text.contains("the conversation is empty"))
        #expect(repl.conversation.isEmpty)
    }

    @Test func multiLineBlockIsOneMessage() async throws {
        let harness = Harness(server: try await TestServer(always: streamReply("ok")))
        let (_, reader) = await harness.run(["\"\"\"", "line one", "", "line three", "\"\"\""])
        let bodies = try harness.requestBodies()
        await harness.shutdown()
        #expect(messages(bodies[0]).last?["content"] == "line one\n\nline three")
        #expect(reader.history.last == "line one\n\nline three")
    }

    @Test func cutOffReplyIsReported() async throws {
        let harness = Harness(
            server: try await TestServer(
                always: .sse([
                    #"data: {"choices":[{"index":0,"delta":{"content":"long"},"finish_reason":"length"}]}"#
                        + "\n\ndata: [DONE]\n\n"
                ])))
        let (repl, _) = await harness.run(["q", "/history"])
        await harness.shutdown()
        #expect(harness.err.text.contains("max_tokens"))
        #expect(repl.conversation.info.last??.finishReason == "length")
    }

    @Test func autosaveWritesAfterEveryTurnAndResumeLoads() async throws {
        let harness = Harness(
            server: try await TestServer { _, index in streamReply("r\(index)") }, directory: temporary.path)
        let (_, _) = await harness.run(["hello world", "/temperature 1.5"], save: true)
        let store = SessionStore(directory: harness.directory + "/sessions")
        let path = try #require(store.latest())
        #expect(path.hasSuffix("-hello-world.json"))
        let loaded = try store.load(path)
        #expect(loaded.messages.map(\.content) == ["hello world", "r0"])
        #expect(loaded.settings.temperature == 1.5)
        #expect(loaded.info.last??.usage?.totalTokens == 5)
        await harness.shutdown()
    }
}
