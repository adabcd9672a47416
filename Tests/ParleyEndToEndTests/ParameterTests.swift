import Foundation
import TestSupport
import Testing

@Suite("The binary: -o, --json and --schema", .serialized)
struct ParameterTests {
    func body(_ request: RecordedRequest?) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(try #require(request).body)) as? [String: Any] ?? [:]
    }

    @Test func optionsAreTypedOrPassedThroughWithANotice() async throws {
        try await withIsolatedHome { home in
            let server = try await TestServer(always: sseReply(["ok"]))
            let result = try await runParley(
                [
                    "--base-url", server.baseURL, "-o", "seed=42", "-o", #"stop=["END"]"#, "--option",
                    "reasoning_effort=low", "-o", "top_k=40", "-o", "custom=plain text", "q",
                ], environment: home.environment)
            await server.shutdown()
            #expect(result.status == 0)
            #expect(result.stdout == "ok\n")
            #expect(result.stderr.contains("note: Parley does not know the parameter custom"))
            #expect(result.stderr.contains("note: Parley does not know the parameter top_k"))
            #expect(!result.stderr.contains("parameter seed"))
            let sent = try body(server.requests.first)
            #expect(sent["seed"] as? Int == 42)
            #expect(sent["stop"] as? [String] == ["END"])
            #expect(sent["reasoning_effort"] as? String == "low")
            #expect(sent["top_k"] as? Int == 40)
            #expect(sent["custom"] as? String == "plain text")
        }
    }

    @Test(arguments: [
        (["-o", "temperature=9"], "-o: temperature takes a number from 0 to 2; got \"9\""),
        (["-o", "seed"], "-o takes KEY=VALUE"),
        (["-o", "stream=false"], "stream cannot be set as a parameter"),
        (["--json", "--schema", "a"], "--json and --schema cannot be used together"),
        (["--json", "-x"], "cannot be used with -x/--extract"),
        (["--schema", "a wat"], "--schema: the schema field \"a\" has the unknown type \"wat\""),
        (["--json", "-o", "response_format={\"type\":\"text\"}"], "-o response_format cannot be used with --json"),
        (["-o", "response_format={}", "--schema", "a"], "-o response_format cannot be used with --json or --schema"),
    ])
    func badOptionsExit64BeforeSending(arguments: [String], message: String) async throws {
        try await withIsolatedHome { home in
            let server = try await TestServer(always: sseReply(["ok"]))
            let result = try await runParley(
                ["--base-url", server.baseURL] + arguments + ["q"], environment: home.environment)
            await server.shutdown()
            #expect(result.status == 64)
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(server.requests.isEmpty)
        }
    }

    @Test func configParamsAreSentAndAFlagWins() async throws {
        try await withIsolatedHome { home in
            let server = try await TestServer(always: sseReply(["ok"]))
            let config = home.path + "/.config/parley"
            try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
            try #"{"params": {"seed": 1, "top_p": 0.5}, "models": {"gpt-4o-mini": {"params": {"seed": 2}}}}"#.write(
                toFile: config + "/config.json", atomically: true, encoding: .utf8)
            let result = try await runParley(
                ["--base-url", server.baseURL, "-o", "top_p=0.25", "q"], environment: home.environment)
            await server.shutdown()
            #expect(result.status == 0, "\(result.stderr)")
            let sent = try body(server.requests.first)
            #expect(sent["seed"] as? Int == 2)
            #expect(sent["top_p"] as? Double == 0.25)
        }
    }

    @Test func jsonReplyIsPrintedRawAndChecked() async throws {
        try await withIsolatedHome { home in
            let server = try await TestServer(always: sseReply([#"{\"a\": "#, #"[1, 2]}"#]))
            let result = try await runParley(
                ["--base-url", server.baseURL, "--json", "list"], environment: home.environment)
            await server.shutdown()
            #expect(result.status == 0)
            #expect(result.stdout == "{\"a\": [1, 2]}\n")
            let sent = try body(server.requests.first)
            #expect((sent["response_format"] as? [String: Any])?["type"] as? String == "json_object")
        }
    }

    @Test func aReplyThatIsNotJSONExits65WithTheReplyOnStderr() async throws {
        try await withIsolatedHome { home in
            let server = try await TestServer(always: sseReply(["Sure, here it is"]))
            let result = try await runParley(
                ["--base-url", server.baseURL, "--json", "q"], environment: home.environment)
            await server.shutdown()
            #expect(result.status == 65)
            #expect(result.stdout == "")
            #expect(result.stderr.contains("--json: the reply is not valid JSON"))
            #expect(result.stderr.contains("Sure, here it is"))
        }
    }

    @Test(arguments: [
        (#"{\"name\": \"Ada\", \"age\": 36}"#, Int32(0), ""),
        (#"{\"name\": \"Ada\"}"#, Int32(65), "--schema: $: the required key \"age\" is missing"),
        (#"{\"name\": \"Ada\", \"age\": \"old\"}"#, Int32(65), "$.age: expected an integer, got a string"),
    ])
    func schemaRepliesAreValidated(reply: String, status: Int32, message: String) async throws {
        try await withIsolatedHome { home in
            let server = try await TestServer(always: sseReply([reply]))
            let result = try await runParley(
                ["--base-url", server.baseURL, "--schema", "name, age int: years", "who"], environment: home.environment
            )
            await server.shutdown()
            #expect(result.status == status)
            #expect(message.isEmpty ? result.stderr.isEmpty : result.stderr.contains(message), "\(result.stderr)")
            #expect(status != 0 || result.stdout == reply.replacingOccurrences(of: "\\", with: "") + "\n")
            let format = try #require(try body(server.requests.first)["response_format"] as? [String: Any])
            #expect(format["type"] as? String == "json_schema")
            let schema = try #require((format["json_schema"] as? [String: Any])?["schema"] as? [String: Any])
            #expect(schema["required"] as? [String] == ["name", "age"])
            #expect((format["json_schema"] as? [String: Any])?["strict"] == nil)  // not OpenAI
        }
    }

    @Test func aReplyCutAtTheLengthLimitIsAnError() async throws {
        try await withIsolatedHome { home in
            let server = try await TestServer(
                always: .sse([
                    #"data: {"choices":[{"index":0,"delta":{"content":"{\"a\": [1, 2"},"finish_reason":null}]}"#
                        + "\n\n",
                    #"data: {"choices":[{"index":0,"delta":{},"finish_reason":"length"}]}"# + "\n\ndata: [DONE]\n\n",
                ]))
            let result = try await runParley(
                ["--base-url", server.baseURL, "--json", "--max-tokens", "5", "q"], environment: home.environment)
            await server.shutdown()
            #expect(result.status == 65)
            #expect(result.stdout == "")
            #expect(result.stderr.contains("cut off at the max_tokens limit, so it is not a whole JSON document"))
        }
    }

    @Test func aSessionKeepsItsParametersWhenResumed() async throws {
        try await withIsolatedHome { home in
            let server = try await TestServer(always: sseReply(["ok"]))
            let session = home.path + "/s.json"
            _ = try await runParley(
                ["--base-url", server.baseURL, "--session", session, "-o", "seed=5", "-o", "top_k=3", "one"],
                environment: home.environment)
            let result = try await runParley(
                ["--base-url", server.baseURL, "--session", session, "two"], environment: home.environment)
            await server.shutdown()
            #expect(result.status == 0)
            let sent = try body(server.requests.last)
            #expect(sent["seed"] as? Int == 5)
            #expect(sent["top_k"] as? Int == 3)
        }
    }
}

@Suite("The binary in a pseudo-terminal: /set and /settings", .serialized)
struct ParameterTerminalTests {
    @Test func setAndSettingsAtTheREPL() async throws {
        let server = try await TestServer { _, index in sseReply(["reply \(index)"]) }
        let terminal = try PseudoTerminal(
            path: parleyPath, arguments: ["--base-url", server.baseURL, "-o", "seed=3", "--no-save"],
            environment: isolatedEnvironment(["NO_COLOR": "1"]))
        #expect(await terminal.waitFor("> ") != nil)
        terminal.send("/set top_k 5\r")
        #expect(await terminal.waitFor("Parley does not know the parameter top_k") != nil)
        terminal.send("/reasoning low\r")
        #expect(await terminal.waitFor("reasoning_effort: \"low\"") != nil)
        terminal.send("/settings\r")
        #expect(await terminal.waitFor("3  (command line)") != nil)
        #expect(await terminal.waitFor("(set in this run)") != nil)
        terminal.send("hello\r")
        #expect(await terminal.waitFor("reply 0") != nil)
        #expect(await terminal.waitFor("> ") != nil)
        terminal.send("\u{04}")
        #expect(await terminal.wait() == 0)
        await server.shutdown()
        let body = try #require(server.requests.last).bodyText
        #expect(body.contains(#""seed":3"#))
        #expect(body.contains(#""top_k":5"#))
        #expect(body.contains(#""reasoning_effort":"low""#))
    }
}
