import Foundation
import TestSupport
import Testing

@Suite("The binary in one-shot mode", .serialized)
struct OneShotTests {
    @Test func replyOnStdoutAndNothingElse() async throws {
        let server = try await TestServer(always: sseReply(["Hello", ", world"]))
        let result = try await runParley(["--base-url", server.baseURL, "say hi"], environment: isolatedEnvironment())
        await server.shutdown()
        #expect(result.status == 0)
        #expect(result.stdout == "Hello, world\n")
        #expect(result.stderr == "")
        #expect(userMessages(try #require(server.requests.first)) == ["say hi"])
    }

    @Test func promptThenBlankLineThenStdinByteForByte() async throws {
        let server = try await TestServer(
            always: .json(
                #"{"choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}]}"#))
        let input = Array("line 1\n\n  indented\ttab\nno final newline".utf8)
        let result = try await runParley(
            ["--base-url", server.baseURL, "--no-stream", "summarize", "this"], stdin: input,
            environment: isolatedEnvironment())
        await server.shutdown()
        #expect(result.status == 0)
        #expect(result.stdout == "ok\n")
        #expect(
            userMessages(try #require(server.requests.first)) == [
                "summarize this\n\n" + String(decoding: input, as: UTF8.self)
            ])
    }

    @Test func stdinAloneIsThePrompt() async throws {
        let server = try await TestServer(always: sseReply(["ok"]))
        let result = try await runParley(
            ["--base-url", server.baseURL], stdin: Array("q\n".utf8), environment: isolatedEnvironment())
        await server.shutdown()
        #expect(result.status == 0)
        #expect(userMessages(try #require(server.requests.first)) == ["q\n"])
    }

    @Test(arguments: [
        (401, "error-401", Int32(77), "no API key was sent"),
        (404, "not-found", Int32(1), "is /v1 missing from the base URL?"),
        (500, "server", Int32(69), "the server failed"),
        (429, "quota", Int32(77), "out of credit"),
    ])
    func serverErrorsMapToExitStatuses(status: Int, kind: String, exit: Int32, advice: String) async throws {
        let body =
            switch kind {
            case "error-401":
                #"{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}"#
            case "quota":
                #"{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}}"#
            case "not-found": "404 page not found"
            default: #"{"error":{"message":"The server had an error","type":"server_error"}}"#
            }
        let server = try await TestServer(always: .json(body, status: status))
        let config = NSTemporaryDirectory() + "parley-\(UUID().uuidString).json"
        try Data(#"{"max_retries": 0}"#.utf8).write(to: URL(fileURLWithPath: config))
        let result = try await runParley(
            ["--config", config, "--base-url", server.baseURL.replacingOccurrences(of: "/v1", with: ""), "q"],
            environment: isolatedEnvironment())
        await server.shutdown()
        #expect(result.status == exit)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("error: "))
        #expect(result.stderr.contains("(\(status)"))
        #expect(result.stderr.contains(advice))
    }

    @Test func serverErrorsAreRetriedBeforeGivingUp() async throws {
        let server = try await TestServer { _, index in
            index < 2 ? .json(#"{"error":{"message":"busy"}}"#, status: 503) : sseReply(["third time"])
        }
        let result = try await runParley(["--base-url", server.baseURL, "q"], environment: isolatedEnvironment())
        await server.shutdown()
        #expect(result.status == 0)
        #expect(result.stdout == "third time\n")
        #expect(server.requests.count == 3)
    }

    @Test func connectionRefused() async throws {
        let server = try await TestServer(always: sseReply(["x"]))
        let url = server.baseURL
        await server.shutdown()
        let config = NSTemporaryDirectory() + "parley-\(UUID().uuidString).json"
        try Data(#"{"max_retries": 0}"#.utf8).write(to: URL(fileURLWithPath: config))
        let result = try await runParley(
            ["--config", config, "--base-url", url, "q"], environment: isolatedEnvironment())
        #expect(result.status == 69)
        #expect(result.stderr.contains("connection refused"))
        #expect(result.stderr.contains("is the server running?"))
        #expect(!result.stderr.contains("errno"))
    }

    @Test func setupAndUsageErrors() async throws {
        var result = try await runParley(["q"], environment: isolatedEnvironment())
        #expect(result.status == 78)
        #expect(result.stderr.contains("OPENAI_API_KEY"))
        result = try await runParley(["-t", "5", "q"], environment: isolatedEnvironment())
        #expect(result.status == 64)
        result = try await runParley(
            ["--base-url", "http://127.0.0.1:9/v1"], stdin: [0xFF, 0xFE, 0x00], environment: isolatedEnvironment())
        #expect(result.status == 65)
        #expect(result.stderr.contains("not UTF-8"))
        result = try await runParley(["--version"], environment: isolatedEnvironment())
        #expect(result.status == 0 && result.stdout.hasPrefix("0."))
    }

    @Test func theKeyIsSentToOpenAIShapedHostsOnlyWhenAsked() async throws {
        let server = try await TestServer(always: sseReply(["ok"]))
        let env = isolatedEnvironment(["OPENAI_API_KEY": "sk-secret-e2e"])
        _ = try await runParley(["--base-url", server.baseURL, "q"], environment: env)
        _ = try await runParley(
            ["--base-url", server.baseURL, "--api-key-env", "OPENAI_API_KEY", "q"], environment: env)
        await server.shutdown()
        #expect(server.requests[0].header("authorization") == nil)
        #expect(server.requests[1].header("authorization") == "Bearer sk-secret-e2e")
    }

    @Test func sessionHoldsAMultiTurnConversationForScripts() async throws {
        let server = try await TestServer { _, index in sseReply(["answer \(index)"]) }
        let env = isolatedEnvironment()
        let file = (env["HOME"] ?? "/tmp") + "/chat.json"
        let first = try await runParley(["--base-url", server.baseURL, "--session", file, "one"], environment: env)
        let second = try await runParley(["--base-url", server.baseURL, "--session", file, "two"], environment: env)
        let third = try await runParley(["--base-url", server.baseURL, "-c", "three"], environment: env)
        await server.shutdown()
        #expect([first.status, second.status, third.status] == [0, 0, 0])
        #expect(userMessages(server.requests[1]) == ["one", "answer 0", "two"])
        #expect(userMessages(server.requests[2]) == ["one", "answer 0", "two", "answer 1", "three"])
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("answer 2"))
        #expect(!text.contains("sk-"))
    }

    @Test func aCorruptSessionIsRefusedAndKept() async throws {
        let env = isolatedEnvironment()
        let file = (env["HOME"] ?? "/tmp") + "/broken.json"
        try Data("{\"version\": 1, \"messages\": [".utf8).write(to: URL(fileURLWithPath: file))
        let result = try await runParley(
            ["--base-url", "http://127.0.0.1:9/v1", "--session", file, "q"], environment: env)
        #expect(result.status == 65)
        #expect(result.stderr.contains(file))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "{\"version\": 1, \"messages\": [")
    }
}

@Suite("The binary: usage and backoff", .serialized)
struct UsageAndBackoffTests {
    @Test func usageFlagPrintsOneLineToStderr() async throws {
        let server = try await TestServer(
            always: .sse([
                #"data: {"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":"stop"}]}"#
                    + "\n\n",
                #"data: {"choices":[],"usage":{"prompt_tokens":1000,"completion_tokens":500,"total_tokens":1500}}"#
                    + "\n\ndata: [DONE]\n\n",
            ]))
        let env = isolatedEnvironment()
        let config = (env["HOME"] ?? "/tmp") + "/config.json"
        try Data(#"{"models": {"gpt-4o-mini": {"input_price": 0.15, "output_price": 0.6}}}"#.utf8)
            .write(to: URL(fileURLWithPath: config))
        let result = try await runParley(
            ["--config", config, "--base-url", server.baseURL, "--usage", "q"], environment: env)
        await server.shutdown()
        #expect(result.status == 0)
        #expect(result.stdout == "hi\n")
        #expect(result.stderr == "usage: 1000 prompt + 500 completion = 1500 tokens, about $0.0005\n")
    }

    @Test func ctrlCDuringABackoffWaitCancelsIt() async throws {
        let server = try await TestServer(
            always: .json(
                #"{"error":{"message":"slow down","code":"rate_limit_exceeded"}}"#, status: 429,
                headers: [("retry-after", "30")]))
        let terminal = try PseudoTerminal(
            path: parleyPath, arguments: ["--base-url", server.baseURL, "--no-save"],
            environment: isolatedEnvironment(["NO_COLOR": "1"]))
        #expect(await terminal.waitFor("> ") != nil)
        terminal.send("q\r")
        #expect(await terminal.waitFor("rate limited (retry 1 of 2): waiting 30s") != nil)
        let start = Date()
        terminal.send("\u{03}")
        #expect(await terminal.waitFor("[interrupted]", timeout: 2) != nil)
        #expect(await terminal.waitFor("> ", timeout: 2) != nil)
        #expect(Date().timeIntervalSince(start) < 2)
        terminal.send("\u{04}")
        #expect(await terminal.wait() == 0)
        await server.shutdown()
        #expect(server.requests.count == 1)
    }
}

@Suite("The binary: parley models", .serialized)
struct ModelsCommandTests {
    @Test func listsSortedModelsAndCachesThem() async throws {
        let server = try await TestServer(always: .json(#"{"data":[{"id":"zeta"},{"id":"alpha"}]}"#))
        let env = isolatedEnvironment()
        let result = try await runParley(["--base-url", server.baseURL, "models"], environment: env)
        await server.shutdown()
        #expect(result.status == 0)
        #expect(result.stdout == "alpha\nzeta\n")
        let cache = try String(
            contentsOfFile: (env["HOME"] ?? "") + "/.local/state/parley/models.json", encoding: .utf8)
        #expect(cache.contains("alpha"))
    }

    @Test func aServerWithoutTheEndpointIsToldClearly() async throws {
        let server = try await TestServer(always: .text("404 page not found", status: 404))
        let result = try await runParley(["--base-url", server.baseURL, "models"], environment: isolatedEnvironment())
        await server.shutdown()
        #expect(result.status == 1)
        #expect(result.stderr.contains("this server has no model list"))
    }
}
