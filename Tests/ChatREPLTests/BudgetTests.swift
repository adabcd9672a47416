import ChatClient
import ChatREPL
import Foundation
import TestSupport
import Testing

/// A conversation of `turns` exchanges of about `size` characters each.
func longConversation(turns: Int, size: Int, system: String? = "be brief") -> Conversation {
    var conversation = Conversation(settings: ConversationSettings(model: "small", systemPrompt: system))
    for index in 0..<turns {
        conversation.appendUser("question \(index) " + String(repeating: "q", count: size))
        conversation.appendReply(
            "answer \(index) " + String(repeating: "a", count: size), info: TurnInfo(time: "2026-01-01T00:00:00Z"))
    }
    return conversation
}

@Suite("Context window, usage and cost", .serialized)
struct BudgetTests {
    /// Removed, with the sessions saved in it, when the test is over.
    let temporary = TemporaryDirectory()
    let small = ModelTable(entries: ["small": ModelInfo(contextLength: 2_000)])

    @Test func oldestTurnsAreLeftOutToFitAndTheSessionKeepsThem() async throws {
        let harness = Harness(server: try await TestServer(always: streamReply("fits")), directory: temporary.path)
        let start = longConversation(turns: 20, size: 400)
        let (repl, _) = await harness.run(["newest question"], save: true, models: small, start: start)
        let bodies = try harness.requestBodies()
        await harness.shutdown()
        let sent = messages(bodies[0])
        #expect(sent.first == ["role": "system", "content": "be brief"])
        #expect(sent.last == ["role": "user", "content": "newest question"])
        #expect(sent.count < 41)
        #expect(sent[1]["role"] == "user")
        let estimated = sent.reduce(0) { $0 + (($1["content"] ?? "").utf8.count + 3) / 4 + 4 }
        #expect(estimated <= 1_500)
        #expect(harness.err.text.contains("oldest messages are left out"))
        #expect(repl.conversation.messages.count == 42)
        let saved = try SessionStore(directory: harness.directory + "/sessions").load(
            try #require(SessionStore(directory: harness.directory + "/sessions").latest()))
        #expect(saved.messages.count == 42)
    }

    @Test func aServerContextErrorLeadsToOneRetryWithLessHistory() async throws {
        let overflow = String(
            decoding: try fixture("compat/llamacpp-error.json", in: fixturesDirectory()), as: UTF8.self)
        let harness = Harness(
            server: try await TestServer { request, _ in
                request.bodyText.count > 3_000 ? .json(overflow, status: 400) : streamReply("short enough")
            })
        let (repl, _) = await harness.run(["go on"], start: longConversation(turns: 10, size: 300))
        let bodies = try harness.requestBodies()
        await harness.shutdown()
        #expect(bodies.count == 2)
        #expect(messages(bodies[1]).count < messages(bodies[0]).count)
        #expect(repl.conversation.messages.last?.content == "short enough")
        #expect(repl.conversation.messages.count == 22)
    }

    @Test func aContextErrorThatPersistsIsExplained() async throws {
        let overflow = String(
            decoding: try fixture("error-400-context-length-exceeded.json", in: fixturesDirectory()), as: UTF8.self)
        let harness = Harness(server: try await TestServer(always: .json(overflow, status: 400)))
        let (repl, _) = await harness.run(["go on"], start: longConversation(turns: 4, size: 100))
        let bodies = try harness.requestBodies()
        await harness.shutdown()
        #expect(bodies.count == 2)
        #expect(harness.err.text.contains("(400, context_length_exceeded)"))
        #expect(harness.err.text.contains("/clear or shorten it"))
        #expect(repl.conversation.messages.count == 8)
    }

    @Test func usageFromStreamingNonStreamingAndEstimated() async throws {
        let harness = Harness(
            server: try await TestServer { request, index in
                switch index {
                case 0: streamReply("streamed")
                case 1:
                    .json(
                        #"{"choices":[{"index":0,"message":{"role":"assistant","content":"whole"},"finish_reason":"stop"}],"usage":{"prompt_tokens":11,"completion_tokens":7,"total_tokens":18}}"#
                    )
                default:
                    .sse([
                        #"data: {"choices":[{"index":0,"delta":{"content":"no usage here"},"finish_reason":"stop"}]}"#
                            + "\n\ndata: [DONE]\n\n"
                    ])
                }
            })
        let prices = ModelTable(entries: ["m": ModelInfo(inputPrice: 1_000, outputPrice: 2_000)])
        let (repl, _) = await harness.run(["a", "b", "c", "/usage"], models: prices)
        await harness.shutdown()
        let usages = repl.conversation.info.compactMap { $0?.usage }
        #expect(usages.count == 3)
        #expect(usages[0] == Usage(promptTokens: 3, completionTokens: 2, totalTokens: 5))
        #expect(usages[1] == Usage(promptTokens: 11, completionTokens: 7, totalTokens: 18))
        #expect(usages[2].estimated)
        #expect(usages[2].completionTokens == 4)
        // 3 replies; the price is per million tokens.
        let expected = prices.cost(of: repl.conversation) ?? -1
        #expect(harness.out.text.contains("3 replies: "))
        #expect(harness.out.text.contains("(estimated), about \(Format.dollars(expected))"))
    }

    @Test func theCostCapRefusesARequestThatWouldPassIt() async throws {
        let harness = Harness(server: try await TestServer(always: streamReply("paid")))
        // 1,000 dollars a million prompt tokens: a few hundred characters cost about 10 cents.
        let prices = ModelTable(entries: ["m": ModelInfo(inputPrice: 1_000, outputPrice: 1_000)])
        let long = String(repeating: "word ", count: 200)
        let (repl, _) = await harness.run(["hi", long, "/usage"], models: prices, cap: 0.05)
        await harness.shutdown()
        #expect(harness.server.requests.count == 1)
        #expect(harness.err.text.contains("over its cap of $0.05 (max_cost_per_session)"))
        #expect(repl.conversation.messages.count == 2)
    }

    @Test func pricesMatchTheLongestModelPrefix() {
        let table = ModelTable(entries: [
            "gpt-4o": ModelInfo(contextLength: 1, inputPrice: 2.5, outputPrice: 10),
            "gpt-4o-mini": ModelInfo(contextLength: 2, inputPrice: 0.15, outputPrice: 0.6),
        ])
        #expect(table.info("gpt-4o-mini-2024-07-18")?.contextLength == 2)
        #expect(table.info("gpt-4o-2024-08-06")?.contextLength == 1)
        #expect(table.info("llama3") == nil)
        #expect(table.contextLength("llama3") == ModelTable.builtInContextLength)
        let cost = table.cost(of: Usage(promptTokens: 1_000_000, completionTokens: 1_000_000), model: "gpt-4o-mini")
        #expect(cost == 0.75)
    }

    @Test func fitKeepsSystemAndNewestAndNeverStartsWithAReply() {
        let conversation = longConversation(turns: 5, size: 400)
        let (messages, leftOut) = ContextWindow.fit(conversation.requestMessages, budget: 250)
        #expect(messages.first?.role == .system)
        #expect(messages.last == conversation.messages.last)
        #expect(leftOut == conversation.messages.count - (messages.count - 1))
        #expect(messages.dropFirst().first?.role != .assistant || messages.count == 2)
    }
}
