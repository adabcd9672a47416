import ChatClient
import ChatREPL
import Foundation
import TestSupport
import Testing
import Tools

/// Answers approval questions from a script; records what was asked.
final class ScriptedAsker: ApprovalAsker {
    var answers: [String?]
    var edits: [String?] = []
    var questions: [String] = []
    var told: [String] = []

    init(_ answers: [String?]) {
        self.answers = answers
    }

    func ask(_ question: String) -> String? {
        questions.append(question)
        return answers.isEmpty ? nil : answers.removeFirst()
    }

    func edit(_ text: String) -> String? {
        edits.isEmpty ? nil : edits.removeFirst()
    }

    func tell(_ text: String) {
        told.append(text)
    }
}

func toolCallReply(_ calls: [(id: String, name: String, arguments: String)]) -> CannedResponse {
    var pieces: [String] = []
    for (index, call) in calls.enumerated() {
        let arguments = call.arguments.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
        pieces.append(
            #"data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":\#(index),"id":"\#(call.id)","type":"function","function":{"name":"\#(call.name)","arguments":""}}]},"finish_reason":null}]}"#
                + "\n\n")
        pieces.append(
            #"data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":\#(index),"function":{"arguments":"\#(arguments)"}}]},"finish_reason":null}]}"#
                + "\n\n")
    }
    // No [DONE]: the finish reason ends the reply.
    pieces.append(#"data: {"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"# + "\n\n")
    return .sse(pieces)
}

@Suite struct ToolLoopTests {
    static func session(asker: ScriptedAsker?, allow: [String] = [], enabled: [String] = ["echo", "fail"])
        -> ToolSession
    {
        let tools = [
            ToolDefinition(
                name: "echo", description: "echo", parameters: .object(["type": .string("object")]),
                kind: .command(CommandTool(argv: ["/bin/cat"]))),
            ToolDefinition(
                name: "fail", description: "fails", parameters: .object(["type": .string("object")]),
                kind: .command(CommandTool(argv: ["/bin/sh", "-c", "echo broken >&2; exit 2"]))),
        ]
        var catalog = ToolCatalog(tools: tools)
        catalog.enable(enabled)
        return ToolSession(
            catalog: catalog, approver: ToolApprover(allowlist: Set(allow), store: nil, asker: asker),
            executor: ToolExecutor(
                runner: PosixProcessRunner(), environment: ToolEnvironment(parent: ["PATH": "/usr/bin:/bin"]),
                workingDirectory: "/tmp"))
    }

    static func runner(_ harness: Harness, tools: ToolSession) -> TurnRunner {
        var runner = TurnRunner(
            client: harness.client, console: harness.console, interrupts: InterruptController(), stream: true,
            spinner: false,
            errorContext: ErrorWording.Context(baseURL: harness.server.baseURL, model: "m", keySent: false, keyNote: "")
        )
        runner.tools = tools
        return runner
    }

    @Test func parallelCallsApprovedThenText() async throws {
        let server = try await TestServer { _, index in
            index == 0
                ? toolCallReply([("c1", "echo", #"{"x":1}"#), ("c2", "fail", "{}"), ("c3", "echo", #"{"y":2}"#)])
                : streamReply("done")
        }
        let harness = Harness(server: server)
        let asker = ScriptedAsker(["y", "n", "s"])
        let tools = Self.session(asker: asker)
        var conversation = Conversation(settings: ConversationSettings(model: "m"))
        conversation.appendUser("go")
        var saves = 0
        let outcome = await Self.runner(harness, tools: tools).run(&conversation) { _ in saves += 1 }
        #expect(outcome == .replied)
        #expect(asker.questions.count == 3)
        #expect(asker.questions[0].contains("tool call: echo (command: /bin/cat)"))
        let roles = conversation.messages.map(\.role)
        #expect(roles == [.user, .assistant, .tool, .tool, .tool, .assistant])
        #expect(conversation.messages[2].toolCallID == "c1")
        #expect(conversation.messages[2].content == "{\"x\":1}\n")
        #expect(conversation.messages[3].content.contains("denied by the user"))
        #expect(conversation.messages[4].toolCallID == "c3")
        #expect(conversation.messages.last?.content == "done")
        #expect(saves >= 4)
        let bodies = try harness.requestBodies()
        #expect(bodies.count == 2)
        #expect((bodies[0]["tools"] as? [Any])?.count == 2)
        let second = bodies[1]["messages"] as? [[String: Any]] ?? []
        #expect(second.map { $0["role"] as? String } == ["user", "assistant", "tool", "tool", "tool"])
        #expect(harness.err.text.contains("⚙ #1 echo {\"x\":1}"))
        #expect(harness.err.text.contains("✓ #1"))
        // `s` approved echo for the session: no question next time.
        #expect(tools.approver.isPreapproved(try #require(tools.catalog.tool(named: "echo"))))
        #expect(tools.output(nil)?.number == 3)
        await harness.shutdown()
    }

    /// A role's `tools:` are on while the role is in force: /role turns them on (saying which
    /// names are no tool's), /role off turns off just what it turned on.
    @Test func aRolesToolsAreOnWhileItIsInForce() async throws {
        let directory = NSTemporaryDirectory() + "parley-role-tools-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "---\ntools: [echo, nope]\n---\nUse the tools.".write(
            toFile: directory + "/helper.md", atomically: true, encoding: .utf8)
        let server = try await TestServer { _, index in streamReply("r\(index)") }
        let harness = Harness(server: server)
        let tools = Self.session(asker: nil, enabled: ["fail"])
        let settings = ConversationSettings(model: "m")
        let roles = RoleContext(
            catalog: RoleCatalog(directory: directory, environment: RoleEnvironment([:])), baseline: settings)
        let repl = REPL(
            conversation: Conversation(settings: settings), runner: Self.runner(harness, tools: tools),
            reader: ScriptedReader(["/role helper", "one", "/role off", "two"]), console: harness.console,
            autosave: Autosave(store: nil, path: nil, lock: nil, console: harness.console),
            hooks: REPLHooks(roles: roles))
        _ = await repl.run()
        let bodies = try harness.requestBodies()
        try #require(bodies.count == 2)
        let names = { (body: [String: Any]) in
            ((body["tools"] as? [[String: Any]]) ?? []).compactMap {
                ($0["function"] as? [String: Any])?["name"] as? String
            }
        }
        #expect(names(bodies[0]).sorted() == ["echo", "fail"])
        #expect(names(bodies[1]) == ["fail"])
        #expect(harness.err.text.contains("role 'helper' names a tool Parley does not have: nope"))
        await harness.shutdown()
    }

    @Test func withoutATerminalOnlyAllowlistedToolsRun() async throws {
        let server = try await TestServer { _, index in
            index == 0 ? toolCallReply([("c1", "echo", "{}"), ("c2", "fail", "{}")]) : streamReply("ok")
        }
        let harness = Harness(server: server)
        var conversation = Conversation(settings: ConversationSettings(model: "m"))
        conversation.appendUser("go")
        _ = await Self.runner(harness, tools: Self.session(asker: nil, allow: ["fail"])).run(&conversation)
        #expect(conversation.messages[2].content.hasPrefix("denied"))
        #expect(conversation.messages[3].content.contains("exited with status 2"))
        #expect(conversation.messages[3].content.contains("broken"))
        #expect(harness.err.text.contains("tool echo not run: it needs approval and stdin is not a terminal"))
        await harness.shutdown()
    }

    @Test func chainLimitEndsTheLoop() async throws {
        let server = try await TestServer { _, _ in toolCallReply([("c", "echo", "{}")]) }
        let harness = Harness(server: server)
        let tools = Self.session(asker: nil, allow: ["echo"])
        tools.chainLimit = 3
        var conversation = Conversation(settings: ConversationSettings(model: "m"))
        conversation.appendUser("go")
        let outcome = await Self.runner(harness, tools: tools).run(&conversation)
        #expect(outcome == .replied)
        #expect(server.requests.count == 3)
        #expect(harness.err.text.contains("stopped after 3 rounds of tool calls"))
        #expect(conversation.messages.last?.role == .tool)
        await harness.shutdown()
    }

    @Test func unknownOrDisabledToolGetsAResult() async throws {
        let server = try await TestServer { _, index in
            index == 0 ? toolCallReply([("c1", "fail", "{}")]) : streamReply("ok")
        }
        let harness = Harness(server: server)
        var conversation = Conversation(settings: ConversationSettings(model: "m"))
        conversation.appendUser("go")
        _ = await Self.runner(harness, tools: Self.session(asker: nil, enabled: ["echo"])).run(&conversation)
        #expect(conversation.messages[2].content.contains("no tool named fail is available"))
        await harness.shutdown()
    }

    @Test func editedArgumentsAreUsed() async throws {
        let server = try await TestServer { _, index in
            index == 0 ? toolCallReply([("c1", "echo", #"{"x":1}"#)]) : streamReply("ok")
        }
        let harness = Harness(server: server)
        let asker = ScriptedAsker(["e", "y"])
        asker.edits = [#"{"x": 2}"#]
        var conversation = Conversation(settings: ConversationSettings(model: "m"))
        conversation.appendUser("go")
        _ = await Self.runner(harness, tools: Self.session(asker: asker)).run(&conversation)
        #expect(conversation.messages[2].content == "{\"x\":2}\n")
        #expect(asker.questions[1].contains("\"x\" : 2"))
        await harness.shutdown()
    }

    @Test func resumedChainGetsInterruptedResults() throws {
        var conversation = Conversation(settings: ConversationSettings(model: "m"))
        conversation.appendUser("go")
        conversation.appendReply(
            "", info: TurnInfo(time: "t"),
            toolCalls: [
                ToolCall(id: "a", name: "echo", arguments: "{}"), ToolCall(id: "b", name: "echo", arguments: "{}"),
            ])
        conversation.appendToolResult(id: "a", content: "fine")
        conversation.appendUser("next")
        #expect(conversation.answerUnansweredToolCalls(with: "interrupted") == 1)
        #expect(conversation.messages.map(\.role) == [.user, .assistant, .tool, .tool, .user])
        #expect(conversation.messages[3].toolCallID == "b")
        #expect(conversation.answerUnansweredToolCalls(with: "interrupted") == 0)
    }
}

@Suite struct ToolHistoryTests {
    @Test func callsAndResultsOneLineEach() {
        var conversation = Conversation(settings: ConversationSettings(model: "m"))
        conversation.appendUser("go")
        conversation.appendReply(
            "", info: TurnInfo(time: "t"),
            toolCalls: [ToolCall(id: "a", name: "weather", arguments: "{\"city\":\n\"Paris\"}")])
        conversation.appendToolResult(id: "a", content: "rain\nand wind")
        conversation.appendReply("take a coat", info: TurnInfo(time: "t"))
        let lines = HistoryText.lines(conversation, conversation.messages.indices, style: .plain)
        #expect(
            lines == [
                "user: go", "assistant:\n  ⚙ weather {\"city\": \"Paris\"}", "tool result: rain and wind (13 bytes)",
                "assistant: take a coat",
            ])
    }
}
