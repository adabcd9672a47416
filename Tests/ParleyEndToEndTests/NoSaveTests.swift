import Foundation
import TestSupport
import Testing

@Suite("The binary: --no-save", .serialized)
struct NoSaveTests {
    /// Every mode and command with --no-save, against one HOME: afterwards it holds no file.
    @Test func keepsNothingOnDiskInAnyMode() async throws {
        let server = try await TestServer { request, index in
            if request.uri.hasSuffix("/models") { return .json(#"{"data":[{"id":"m1"}]}"#) }
            if request.body.count > 0, String(decoding: request.body, as: UTF8.self).contains("fail please") {
                return .json(#"{"error":{"message":"nope","type":"server_error"}}"#, status: 500)
            }
            if String(decoding: request.body, as: UTF8.self).contains("long please") {
                return sseReply((0..<200).map { "w\($0) " }, delay: 0.05)
            }
            return sseReply(["ok"])
        }
        let env = isolatedEnvironment(["NO_COLOR": "1"])
        let home = env["HOME"] ?? "/tmp"
        let base = ["--base-url", server.baseURL, "--no-save"]
        // The REPL: a turn, /models, /doctor, an error, Ctrl-C during a reply.
        let terminal = try PseudoTerminal(path: parleyPath, arguments: base, environment: env)
        #expect(await terminal.waitFor("> ") != nil)
        terminal.send("remember nothing\r")
        #expect(await terminal.waitFor("ok") != nil)
        terminal.send("/models\r")
        #expect(await terminal.waitFor("m1") != nil)
        terminal.send("/doctor\r")
        #expect(await terminal.waitFor("the same request with curl") != nil)
        terminal.send("fail please\r")
        #expect(await terminal.waitFor("error:") != nil)
        terminal.send("long please\r")
        #expect(await terminal.waitFor("w3 ") != nil)
        terminal.send("\u{03}")
        #expect(await terminal.waitFor("[interrupted") != nil)
        #expect(await terminal.waitFor("> ") != nil)
        terminal.send("\u{04}")
        #expect(await terminal.wait() == 0)
        // One-shot, `models` and `doctor`, and a failing one-shot.
        #expect(try await runParley(base + ["hello"], environment: env).status == 0)
        #expect(
            try await runParley(["--no-save", "models", "--base-url", server.baseURL], environment: env).status == 0)
        #expect(try await runParley(base + ["models"], environment: env).stdout == "m1\n")
        _ = try await runParley(["doctor"] + base, environment: env)
        #expect(try await runParley(base + ["fail please"], environment: env).status != 0)
        await server.shutdown()
        let left = FileManager.default.enumerator(atPath: home)?.allObjects as? [String] ?? []
        #expect(left.isEmpty, "files left: \(left)")
        try? FileManager.default.removeItem(atPath: home)
    }
}
