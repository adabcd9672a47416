import ChatClient
import Foundation
import HTTPTransportAHC
import TestSupport
import Testing

@testable import ChatREPL

@Suite("/set, /unset, /settings, /reasoning and --json in the REPL", .serialized)
struct ParameterREPLTests {
    /// Runs a REPL over `server` with these lines; returns it, stdout, stderr and the request bodies.
    func run(
        _ lines: [String], server: TestServer, structured: StructuredOutput? = nil,
        configure: (REPL) -> Void = { _ in }
    ) async throws -> (REPL, String, String, [[String: Any]]) {
        let out = RecordingSink()
        let err = RecordingSink()
        let console = Console(out: out, err: err, style: .plain)
        let client = ChatClient(
            settings: ServerSettings(baseURL: .test(server.baseURL), retry: RetryPolicy(maxRetries: 0)),
            transport: LiveTransport.make(connectTimeout: 5))
        var runner = TurnRunner(
            client: client, console: console, interrupts: InterruptController(), stream: true, spinner: false,
            errorContext: ErrorWording.Context(baseURL: server.baseURL, model: "m", keySent: false, keyNote: "none"))
        runner.structured = structured
        let repl = REPL(
            conversation: Conversation(settings: ConversationSettings(model: "m")), runner: runner,
            reader: ScriptedReader(lines), console: console,
            autosave: Autosave(store: nil, path: nil, lock: nil, console: console))
        configure(repl)
        _ = await repl.run()
        await client.shutdown()
        await server.shutdown()
        let bodies = try server.requests.filter { $0.method == "POST" }.map {
            try JSONSerialization.jsonObject(with: Data($0.body)) as? [String: Any] ?? [:]
        }
        return (repl, out.text, err.text, bodies)
    }

    @Test func setUnsetAndReasoningChangeTheNextRequest() async throws {
        let server = try await TestServer { _, index in streamReply("r\(index)") }
        let (repl, out, err, bodies) = try await run(
            [
                "/set seed 42", "/set stop [\"END\", \"STOP\"]", "/set top_k 40", "/set mode fast lane",
                "/reasoning high", "first", "/unset seed", "/reasoning off", "/set stop", "second",
            ], server: server)
        #expect(bodies.count == 2)
        #expect(bodies[0]["seed"] as? Int == 42)
        #expect(bodies[0]["stop"] as? [String] == ["END", "STOP"])
        #expect(bodies[0]["top_k"] as? Int == 40)
        #expect(bodies[0]["mode"] as? String == "fast lane")
        #expect(bodies[0]["reasoning_effort"] as? String == "high")
        #expect(bodies[1]["seed"] == nil && bodies[1]["reasoning_effort"] == nil)
        #expect(bodies[1]["top_k"] as? Int == 40)
        #expect(out.contains("seed: 42\n"))
        #expect(out.contains("stop: [\"END\",\"STOP\"]\n"))
        #expect(err.contains("note: Parley does not know the parameter top_k: it is sent as given, unchecked"))
        #expect(err.contains("note: Parley does not know the parameter mode"))
        #expect(repl.conversation.settings.parameters["top_k"] == .number(40))
    }

    @Test(arguments: [
        ("/set temperature 3", "temperature takes a number from 0 to 2; got \"3\" (nothing changed)"),
        ("/set top_logprobs many", "top_logprobs takes a whole number from 0 to 20"),
        ("/set model gpt", "model cannot be set as a parameter"),
        ("/reasoning hard", "/reasoning takes low, medium, high or off (also none or minimal); got \"hard\""),
        ("/unset seed", "seed is not set"),
        ("/unset", "/unset takes one parameter name"),
    ])
    func badValuesChangeNothing(line: String, message: String) async throws {
        let server = try await TestServer { _, index in streamReply("r\(index)") }
        let (repl, _, err, _) = try await run([line], server: server)
        #expect(err.contains(message), "\(err)")
        #expect(repl.conversation.settings.parameters.isEmpty)
    }

    @Test func settingsShowsEveryValueAndWhereItCameFrom() async throws {
        let server = try await TestServer { _, index in streamReply("r\(index)") }
        let (_, out, _, _) = try await run(
            ["/set seed 7", "/temperature 0.5", "/settings"], server: server,
            structured: StructuredOutput(schema: nil)
        ) { repl in
            var origins = SettingOrigins()
            origins.model = .init(source: .flag, value: .string("m"))
            origins.parameters["top_p"] = .init(source: .profile, value: .number(0.3))
            repl.origins = origins
            repl.conversation.settings.parameters["top_p"] = .number(0.3)
            repl.conversation.settings.parameters["verbosity"] = .string("low")
        }
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("model ") && $0.hasSuffix("m  (command line)") })
        #expect(lines.contains { $0.hasPrefix("seed ") && $0.hasSuffix("7  (set in this run)") })
        #expect(lines.contains { $0.hasPrefix("temperature ") && $0.hasSuffix("0.5  (set in this run)") })
        #expect(lines.contains { $0.hasPrefix("top_p ") && $0.hasSuffix("0.3  (profile)") })
        #expect(lines.contains { $0.hasPrefix("system_prompt ") && $0.hasSuffix("none  (default)") })
        #expect(lines.contains { $0.hasPrefix("response_format ") && $0.contains("json_object (--json)") })
    }

    @Test func modelSwitchBringsItsConfigParameters() async throws {
        let server = try await TestServer { _, index in streamReply("r\(index)") }
        let (_, _, err, bodies) = try await run(["/model big", "hi"], server: server) { repl in
            var layers = ParameterLayers()
            layers.models["big"] = RequestParameters(["reasoning_effort": .string("high")])
            repl.parameterLayers = layers
        }
        #expect(bodies.first?["reasoning_effort"] as? String == "high")
        #expect(err.contains("the config's parameters for big are in force"))
    }

    @Test func jsonModeAsksEveryTurnAndSaysWhenAReplyIsNotJSON() async throws {
        let server = try await TestServer { _, index in
            index == 0 ? streamReply(#"{\"a\":1}"#) : streamReply("not json")
        }
        let (_, out, err, bodies) = try await run(
            ["one", "two"], server: server, structured: StructuredOutput(schema: nil))
        #expect(bodies.count == 2)
        for body in bodies {
            #expect((body["response_format"] as? [String: Any])?["type"] as? String == "json_object")
            let messages = body["messages"] as? [[String: Any]] ?? []
            #expect(messages.first?["content"] as? String == StructuredOutput.instruction)
        }
        #expect(out.contains(#"{"a":1}"#))
        #expect(err.contains("the reply does not match what was asked for: the reply is not valid JSON"))
        #expect(!err.contains("the reply is not valid JSON; "))
    }

    @Test func loadedSessionsParametersComeFromTheSessionFile() async throws {
        try await withTemporaryDirectory { directory in
            var saved = Conversation(settings: ConversationSettings(model: "m"))
            saved.settings.parameters["seed"] = .number(11)
            saved.settings.parameters["top_k"] = .number(2)
            saved.appendUser("q")
            saved.appendReply("a", info: TurnInfo(time: "2026-01-01T00:00:00Z"))
            let path = directory + "/s.json"
            _ = try SessionStore(directory: directory).save(saved, to: path)
            let server = try await TestServer { _, index in streamReply("r\(index)") }
            let (_, out, _, bodies) = try await run(["/load \(path)", "/settings", "next"], server: server)
            #expect(out.contains("(session file)"))
            #expect(bodies.first?["seed"] as? Int == 11)
            #expect(bodies.first?["top_k"] as? Int == 2)
        }
    }

    @Test func helpListsTheNewCommands() {
        for name in ["/set", "/unset", "/settings", "/reasoning"] {
            #expect(SlashCommand.helpText.contains(name))
        }
    }
}
