import Foundation
import TestSupport
import Testing

@Suite("Commands and prompts that start with a command's name")
struct SubcommandTests {
    @Test(arguments: [
        (["models"], true), (["--no-save", "models"], true), (["models", "--no-save"], true),
        (["--", "models", "are", "cheap"], false), (["models are cheap"], false),
    ])
    func theCommandNameRule(arguments: [String], listsModels: Bool) async throws {
        // The options go first: after `--` everything is the prompt.
        let server = try await TestServer { request, _ in
            request.uri.hasSuffix("/models") ? .json(#"{"data":[{"id":"m1"}]}"#) : sseReply(["a", "reply"])
        }
        let env = isolatedEnvironment()
        defer { try? FileManager.default.removeItem(atPath: env["HOME"] ?? "/nonexistent") }
        let result = try await runParley(["--base-url", server.baseURL] + arguments, environment: env)
        await server.shutdown()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == (listsModels ? "m1\n" : "areply\n"))
    }

    @Test func aPromptStartingWithACommandNameUnquotedIsAnErrorThatSaysWhy() async throws {
        let env = isolatedEnvironment()
        defer { try? FileManager.default.removeItem(atPath: env["HOME"] ?? "/nonexistent") }
        let result = try await runParley(["models", "are", "cheap"], environment: env)
        #expect(result.status == 64)
        #expect(result.stderr.contains("unexpected arguments"))
    }

    @Test func helpListsTheCommands() async throws {
        let env = isolatedEnvironment()
        defer { try? FileManager.default.removeItem(atPath: env["HOME"] ?? "/nonexistent") }
        let result = try await runParley(["--help"], environment: env)
        for name in ["chat (default)", "models", "doctor", "quoted as one argument"] {
            #expect(result.stdout.contains(name))
        }
    }
}
