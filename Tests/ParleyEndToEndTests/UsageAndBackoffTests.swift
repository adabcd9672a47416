import Foundation
import TestSupport
import Testing

@Suite("The binary: usage and backoff", .serialized)
struct UsageAndBackoffTests {
    @Test func usageFlagPrintsOneLineToStderr() async throws {
        try await withIsolatedHome { home in
            let server = try await TestServer(
                always: .sse([
                    #"data: {"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":"stop"}]}"#
                        + "\n\n",
                    #"data: {"choices":[],"usage":{"prompt_tokens":1000,"completion_tokens":500,"total_tokens":1500}}"#
                        + "\n\ndata: [DONE]\n\n",
                ]))
            let config = home.path + "/config.json"
            try Data(#"{"models": {"gpt-4o-mini": {"input_price": 0.15, "output_price": 0.6}}}"#.utf8)
                .write(to: URL(fileURLWithPath: config))
            let result = try await runParley(
                ["--config", config, "--base-url", server.baseURL, "--usage", "q"], environment: home.environment)
            await server.shutdown()
            #expect(result.status == 0)
            #expect(result.stdout == "hi\n")
            #expect(result.stderr == "usage: 1000 prompt + 500 completion = 1500 tokens, about $0.0005\n")
        }
    }

    /// Without usage from the server it is estimated from the reply, also when a one-shot run
    /// keeps no copy of the reply (no session): from its length in bytes.
    @Test func usageIsEstimatedFromAReplyNotKept() async throws {
        try await withIsolatedHome { home in
            let pieces = (0..<4).map { _ in String(repeating: "abcd", count: 10) }
            let server = try await TestServer(always: sseReply(pieces))
            let result = try await runParley(
                ["--base-url", server.baseURL, "--usage", "q"], environment: home.environment)
            await server.shutdown()
            #expect(result.status == 0)
            #expect(result.stdout == pieces.joined() + "\n")
            #expect(result.stderr.contains("+ 40 completion"), "\(result.stderr)")
            #expect(result.stderr.contains("(estimated)"))
        }
    }

    /// The server asks for a two-minute wait, the longest Parley honours. Ctrl-C ends it: the
    /// prompt is back long before the wait could have run out (the terminal's 30 s deadline is
    /// only there to fail), and no second attempt was made.
    @Test func ctrlCDuringABackoffWaitCancelsIt() async throws {
        try await withIsolatedHome(["NO_COLOR": "1"]) { home in
            let server = try await TestServer(
                always: .json(
                    #"{"error":{"message":"slow down","code":"rate_limit_exceeded"}}"#, status: 429,
                    headers: [("retry-after", "120")]))
            let terminal = try PseudoTerminal(
                path: parleyPath, arguments: ["--base-url", server.baseURL, "--no-save"],
                environment: home.environment)
            #expect(await terminal.waitFor("> ") != nil)
            terminal.send("q\r")
            #expect(await terminal.waitFor("rate limited (retry 1 of 2): waiting 2m 0s") != nil)
            terminal.send("\u{03}")
            let beforeInterrupted = await terminal.waitFor("[interrupted]")
            #expect(beforeInterrupted != nil)
            #expect(beforeInterrupted?.contains("retry 2 of 2") == false)
            #expect(await terminal.waitFor("> ") != nil)
            #expect(server.requests.count == 1)
            terminal.send("\u{04}")
            #expect(await terminal.wait() == 0)
            await server.shutdown()
            #expect(server.requests.count == 1)
        }
    }
}
