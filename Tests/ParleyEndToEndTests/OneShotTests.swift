import Foundation
import TestSupport
import Testing

@Suite("The binary in one-shot mode", .serialized)
struct OneShotTests {
    @Test func replyOnStdoutAndNothingElse() async throws {
        try await withIsolatedHome { home in
            let server = try await TestServer(always: sseReply(["Hello", ", world"]))
            let result = try await runParley(["--base-url", server.baseURL, "say hi"], environment: home.environment)
            await server.shutdown()
            #expect(result.status == 0)
            #expect(result.stdout == "Hello, world\n")
            #expect(result.stderr == "")
            #expect(userMessages(try #require(server.requests.first)) == ["say hi"])
        }
    }

    @Test func promptThenBlankLineThenStdinByteForByte() async throws {
        try await withIsolatedHome { home in
            let server = try await TestServer(
                always: .json(
                    #"{"choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}]}"#
                ))
            let input = Array("line 1\n\n  indented\ttab\nno final newline".utf8)
            let result = try await runParley(
                ["--base-url", server.baseURL, "--no-stream", "summarize", "this"], stdin: input,
                environment: home.environment)
            await server.shutdown()
            #expect(result.status == 0)
            #expect(result.stdout == "ok\n")
            #expect(
                userMessages(try #require(server.requests.first)) == [
                    "summarize this\n\n" + String(decoding: input, as: UTF8.self)
                ])
        }
    }

    @Test func stdinAloneIsThePrompt() async throws {
        try await withIsolatedHome { home in
            let server = try await TestServer(always: sseReply(["ok"]))
            let result = try await runParley(
                ["--base-url", server.baseURL], stdin: Array("q\n".utf8), environment: home.environment)
            await server.shutdown()
            #expect(result.status == 0)
            #expect(userMessages(try #require(server.requests.first)) == ["q\n"])
        }
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
        try await withIsolatedHome { home in
            let server = try await TestServer(always: .json(body, status: status))
            let config = home.path + "/config.json"
            try Data(#"{"max_retries": 0}"#.utf8).write(to: URL(fileURLWithPath: config))
            let result = try await runParley(
                ["--config", config, "--base-url", server.baseURL.replacingOccurrences(of: "/v1", with: ""), "q"],
                environment: home.environment)
            await server.shutdown()
            #expect(result.status == exit)
            #expect(result.stdout == "")
            #expect(result.stderr.hasPrefix("error: "))
            #expect(result.stderr.contains("(\(status)"))
            #expect(result.stderr.contains(advice))
        }
    }

    @Test func serverErrorsAreRetriedBeforeGivingUp() async throws {
        try await withIsolatedHome { home in
            let server = try await TestServer { _, index in
                index < 2 ? .json(#"{"error":{"message":"busy"}}"#, status: 503) : sseReply(["third time"])
            }
            let result = try await runParley(["--base-url", server.baseURL, "q"], environment: home.environment)
            await server.shutdown()
            #expect(result.status == 0)
            #expect(result.stdout == "third time\n")
            #expect(server.requests.count == 3)
        }
    }

    @Test func connectionRefused() async throws {
        try await withIsolatedHome { home in
            let server = try await TestServer(always: sseReply(["x"]))
            let url = server.baseURL
            await server.shutdown()
            let config = home.path + "/config.json"
            try Data(#"{"max_retries": 0}"#.utf8).write(to: URL(fileURLWithPath: config))
            let result = try await runParley(
                ["--config", config, "--base-url", url, "q"], environment: home.environment)
            #expect(result.status == 69)
            #expect(result.stderr.contains("connection refused"))
            #expect(result.stderr.contains("is the server running?"))
            #expect(!result.stderr.contains("errno"))
        }
    }

    @Test func setupAndUsageErrors() async throws {
        try await withIsolatedHome { home in
            let env = home.environment
            var result = try await runParley(["q"], environment: env)
            #expect(result.status == 78)
            #expect(result.stderr.contains("OPENAI_API_KEY"))
            result = try await runParley(["-t", "5", "q"], environment: env)
            #expect(result.status == 64)
            result = try await runParley(
                ["--base-url", "http://127.0.0.1:9/v1"], stdin: [0xFF, 0xFE, 0x00], environment: env)
            #expect(result.status == 65)
            #expect(result.stderr.contains("not UTF-8"))
            result = try await runParley(["--version"], environment: env)
            #expect(result.status == 0 && result.stdout.hasPrefix("0."))
        }
    }

    @Test func theKeyIsSentToOpenAIShapedHostsOnlyWhenAsked() async throws {
        try await withIsolatedHome(["OPENAI_API_KEY": "sk-secret-e2e"]) { home in
            let server = try await TestServer(always: sseReply(["ok"]))
            _ = try await runParley(["--base-url", server.baseURL, "q"], environment: home.environment)
            _ = try await runParley(
                ["--base-url", server.baseURL, "--api-key-env", "OPENAI_API_KEY", "q"], environment: home.environment)
            await server.shutdown()
            #expect(server.requests.count == 2)
            #expect(server.requests.first?.header("authorization") == nil)
            #expect(server.requests.last?.header("authorization") == "Bearer sk-secret-e2e")
        }
    }

    /// `api_key_command` runs through the shell with the environment, its stdout (less the line
    /// end) is the key, and its stderr reaches ours (where a password manager asks).
    @Test func theKeyComesFromApiKeyCommand() async throws {
        try await withIsolatedHome(["KEY_PART": "cmd-e2e"]) { home in
            let server = try await TestServer(always: sseReply(["ok"]))
            let config = home.path + "/config.json"
            let json =
                #"{"base_url": "\#(server.baseURL)", "#
                + #""api_key_command": "echo 'asking for it' >&2; printf 'sk-%s\\n' \"$KEY_PART\""}"#
            _ = FileManager.default.createFile(
                atPath: config, contents: Data(json.utf8), attributes: [.posixPermissions: 0o600])
            let result = try await runParley(["--config", config, "q"], environment: home.environment)
            let failing = home.path + "/failing.json"
            _ = FileManager.default.createFile(
                atPath: failing,
                contents: Data(#"{"base_url": "\#(server.baseURL)", "api_key_command": "exit 3"}"#.utf8),
                attributes: [.posixPermissions: 0o600])
            let failed = try await runParley(["--config", failing, "q"], environment: home.environment)
            await server.shutdown()
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "ok\n")
            #expect(result.stderr.contains("asking for it"))
            #expect(server.requests.count == 1)
            #expect(server.requests.first?.header("authorization") == "Bearer sk-cmd-e2e")
            #expect(failed.status == 78)
            #expect(failed.stderr.contains("failed (exit status 3)"), "\(failed.stderr)")
        }
    }

    /// A password manager asking on the terminal gets the answer: `api_key_command` has the
    /// terminal while it runs (its own process group is made the foreground one), and Parley
    /// has it back afterwards.
    @Test func apiKeyCommandCanAskOnTheTerminal() async throws {
        try await withIsolatedHome(["NO_COLOR": "1"]) { home in
            let server = try await TestServer(always: sseReply(["ok"]))
            let config = home.path + "/config.json"
            let json =
                #"{"base_url": "\#(server.baseURL)", "#
                + #""api_key_command": "printf 'master password: ' >&2; read -r k; printf 'sk-%s' \"$k\""}"#
            _ = FileManager.default.createFile(
                atPath: config, contents: Data(json.utf8), attributes: [.posixPermissions: 0o600])
            let terminal = try PseudoTerminal(
                path: parleyPath, arguments: ["--config", config, "--no-save"], environment: home.environment)
            #expect(await terminal.waitFor("master password: ") != nil)
            terminal.send("typed-secret\r")
            // The REPL reads the terminal next: it would be stopped (SIGTTIN) without it back.
            #expect(await terminal.waitFor("> ") != nil)
            terminal.send("q\r")
            #expect(await terminal.waitFor("ok") != nil)
            #expect(await terminal.waitFor("> ") != nil)
            terminal.send("\u{04}")
            #expect(await terminal.wait() == 0)
            await server.shutdown()
            #expect(server.requests.first?.header("authorization") == "Bearer sk-typed-secret")
        }
    }

    /// `--session` and `-c` hold a conversation across runs, with a key in play: the key goes
    /// to the server with every request and into no file under HOME (the session, its lock,
    /// last-session, the input history, the model cache) and no output.
    @Test func sessionHoldsAMultiTurnConversationForScripts() async throws {
        let key = "sk-canary-123"
        try await withIsolatedHome(["TEST_KEY": key, "NO_COLOR": "1"]) { home in
            let server = try await TestServer { request, index in
                request.uri.hasSuffix("/models") ? .json(#"{"data":[{"id":"m1"}]}"#) : sseReply(["answer \(index)"])
            }
            let base = ["--base-url", server.baseURL, "--api-key-env", "TEST_KEY"]
            let file = home.path + "/chat.json"
            let first = try await runParley(base + ["--session", file, "one"], environment: home.environment)
            let second = try await runParley(base + ["--session", file, "two"], environment: home.environment)
            let third = try await runParley(base + ["-c", "three"], environment: home.environment)
            let models = try await runParley(base + ["models"], environment: home.environment)
            // One interactive turn, so that the input history is written too.
            let terminal = try PseudoTerminal(path: parleyPath, arguments: base + ["-c"], environment: home.environment)
            #expect(await terminal.waitFor("> ") != nil)
            terminal.send("four\r")
            #expect(await terminal.waitFor("answer 4") != nil)
            #expect(await terminal.waitFor("> ") != nil)
            terminal.send("\u{04}")
            #expect(await terminal.wait() == 0)
            await server.shutdown()

            #expect([first.status, second.status, third.status, models.status] == [0, 0, 0, 0])
            #expect(models.stdout == "m1\n")
            #expect(userMessages(server.requests[1]) == ["one", "answer 0", "two"])
            #expect(userMessages(server.requests[2]) == ["one", "answer 0", "two", "answer 1", "three"])
            #expect(server.requests.count == 5)
            for request in server.requests {
                #expect(request.header("authorization") == "Bearer \(key)", "\(request.uri)")
            }
            let text = try String(contentsOfFile: file, encoding: .utf8)
            #expect(text.contains("answer 2"))
            #expect(text.contains("answer 4"))

            let state = ".local/state/parley/"
            let files = home.files
            for expected in ["chat.json", state + "last-session", state + "history", state + "models.json"] {
                #expect(files.contains(expected), "files under HOME: \(files)")
            }
            for name in files {
                let bytes = try #require(FileManager.default.contents(atPath: home.path + "/" + name))
                #expect(!String(decoding: bytes, as: UTF8.self).contains(key), "the key is in \(name)")
            }
            let printed = [first, second, third, models].map { $0.stdout + $0.stderr } + [terminal.transcript]
            for output in printed {
                #expect(!output.contains(key), "the key was printed: \(output)")
            }
        }
    }

    @Test func aCorruptSessionIsRefusedAndKept() async throws {
        try await withIsolatedHome { home in
            let file = home.path + "/broken.json"
            try Data("{\"version\": 1, \"messages\": [".utf8).write(to: URL(fileURLWithPath: file))
            let result = try await runParley(
                ["--base-url", "http://127.0.0.1:9/v1", "--session", file, "q"], environment: home.environment)
            #expect(result.status == 65)
            #expect(result.stderr.contains(file))
            #expect(try String(contentsOfFile: file, encoding: .utf8) == "{\"version\": 1, \"messages\": [")
        }
    }
}
